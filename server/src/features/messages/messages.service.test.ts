import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type PushName } from '../../../../shared/protocol';
import { type Delivery } from '../../gateway/delivery';
import { silentLogger } from '../../logger';
import { openSqliteStore } from '../../store/sqlite/sqliteStore';
import { type Store } from '../../store/types';
import { MessagesService, type SendRequest } from './messages.service';

interface Push {
  to: string;
  event: PushName;
  seq: unknown;
  except?: string;
}

let store: Store;
let pushes: Push[];
let shared: Array<[string, string]>;
let messages: MessagesService;

beforeEach(async () => {
  store = openSqliteStore({ path: ':memory:' });
  await store.accounts.importMany(['alice', 'bob'].map((userId) => ({ userId, createdAt: 1 })));
  pushes = [];
  shared = [];
  const delivery: Delivery = {
    toUser: (to, event, payload, options) => void pushes.push({ to, event, seq: (payload as { seq?: unknown }).seq, except: options?.exceptSocketId }),
    endSessions: () => undefined,
  };
  messages = new MessagesService({ store, delivery, clock: { now: () => 1_700_000_000_000 }, logger: silentLogger(), onConversationShared: (a, b) => void shared.push([a, b]) });
});
afterEach(() => store.close());

let n = 0;
const send = (overrides: Partial<SendRequest> = {}) =>
  messages.send({ from: 'alice', to: 'bob', clientMsgId: `client-${(n += 1)}-x`, body: textBody('hi'), senderSync: 'live', ...overrides });

describe('M3 MessagesService delivery rules', () => {
  it('live: the recipient and the sender’s other devices (not the sending socket); the first message introduces them', async () => {
    await send({ originSocketId: 'sock-1' });
    expect(pushes).toEqual([
      { to: 'bob', event: 'message:created', seq: 1, except: undefined },
      { to: 'alice', event: 'message:created', seq: 1, except: 'sock-1' },
    ]);
    expect(shared).toEqual([['alice', 'bob']]);
    await send();
    expect(shared).toHaveLength(1);
  });

  it('history: only the recipient is pushed; hidden: the same, and the sender gets no conversation', async () => {
    await send({ senderSync: 'history' });
    await send({ from: 'bob', to: 'alice', senderSync: 'hidden' });
    expect(pushes.map((p) => p.to)).toEqual(['bob', 'alice']);
    expect(await store.messages.after('bob', 'alice', 0, 10)).toMatchObject({ messages: [{ seq: 1 }] });
  });

  it('a note to self reaches the sender’s other devices once, and introduces nobody', async () => {
    await send({ to: 'alice', originSocketId: 'sock-1' });
    expect(pushes).toEqual([{ to: 'alice', event: 'message:created', seq: 1, except: 'sock-1' }]);
    expect(shared).toEqual([]);
  });

  it('a duplicate is neither stored again nor delivered again', async () => {
    const first = await send({ clientMsgId: 'same-id-123' });
    const again = await send({ clientMsgId: 'same-id-123' });
    expect(again).toEqual({ message: first.message, duplicate: true });
    expect(pushes).toHaveLength(2);
  });

  it('a failed batch answers internal to every sender in it, stores nothing, and a retry is stored', async () => {
    vi.spyOn(store.messages, 'appendBatch').mockRejectedValueOnce(new Error('SQLITE_FULL'));
    const results = await Promise.allSettled([send({ clientMsgId: 'retry-me-1' }), send({ clientMsgId: 'retry-me-2' })]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'))).toEqual(['internal', 'internal']);
    expect(pushes).toEqual([]);
    expect(await send({ clientMsgId: 'retry-me-1' })).toMatchObject({ duplicate: false, message: { seq: 1 } });
  });

  it('online-only: delivered with seq 0 and never stored; refused like a send when too large or addressed to nobody', async () => {
    const message = await messages.deliverOnline({ from: 'alice', to: 'bob', clientMsgId: 'online-only-1', body: textBody('now'), senderSync: 'history' });
    expect(message.seq).toBe(0);
    expect(pushes).toEqual([{ to: 'bob', event: 'message:created', seq: 0, except: undefined }]);
    expect(await store.conversations.listFor('bob')).toEqual([]);
    const big = { from: 'alice', to: 'bob', clientMsgId: 'online-only-2', body: textBody('x'.repeat(13_000)), senderSync: 'history' as const };
    await expect(messages.deliverOnline(big)).rejects.toMatchObject({ code: 'body_too_large' });
    await expect(messages.deliverOnline({ ...big, to: 'nobody', body: textBody('x') })).rejects.toMatchObject({ code: 'user_not_found' });
  });
});
