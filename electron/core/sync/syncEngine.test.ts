import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { isC2cConversation } from '../../../shared/domain';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

async function seqsOf(t: ReturnType<typeof openTestAccount>, limit = 200) {
  const page = await t.account.messages.page({ conversationId: conv, limit });
  return page.messages.map((m) => m.seq);
}

describe('SyncEngine', () => {
  it('M4 catches up on connect: conversation list, every missed message, unread from the peer', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 450; i += 1) t.server.store(i % 3 === 0 ? 'me' : 'bob', i % 3 === 0 ? 'bob' : 'me', `m-${String(i).padStart(6, '0')}`, `hello ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(450));
    t.connection.goOffline();
    expect(await seqsOf(t, 200)).toEqual(Array.from({ length: 200 }, (_, i) => 251 + i));
    const [conversation] = t.account.conversations.list();
    expect(conversation).toMatchObject({ id: conv, peer: { userId: 'bob', nickname: 'BOB' }, unreadCount: 300 });
    const afters = t.connection.sent.filter((r) => r.name === 'sync:messagesAfter');
    expect(afters.map((r) => (r.input as { afterSeq: number }).afterSeq)).toEqual([0, 200, 400]);
    await t.close();
  });

  it('M4 catches up only what it missed after a reconnect', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'first-0001', 'one');
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()).toHaveLength(1));
    t.connection.goOffline();
    t.server.store('bob', 'me', 'second-001', 'two');
    t.server.store('bob', 'me', 'third-0001', 'three');
    t.connection.sent.length = 0;
    t.connection.goOnline();
    await eventually(async () => expect(await seqsOf(t)).toEqual([1, 2, 3]));
    expect(t.connection.sent.find((r) => r.name === 'sync:messagesAfter')?.input).toMatchObject({ afterSeq: 1 });
    await t.close();
  });

  it('M4 stores a live message that follows the mark, and ignores duplicates', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    const { message } = t.server.store('bob', 'me', 'live-00001', 'hi');
    t.connection.push('message:created', message);
    t.connection.push('message:created', message);
    await eventually(async () => expect(await seqsOf(t)).toEqual([1]));
    const changed = t.eventsOf('messages:changed').flatMap((e) => e.messages.map((m) => m.id));
    expect(changed).toEqual(['bob:live-00001']);
    expect(t.connection.sent.filter((r) => r.name === 'sync:messagesAfter')).toHaveLength(0);
    await t.close();
  });

  it('M4 learns the nickname of someone who first appears through a live message', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    const { message } = t.server.store('bob', 'me', 'live-00001', 'hi');
    t.connection.push('message:created', message);
    await eventually(() => expect(t.account.conversations.list().filter(isC2cConversation)[0]?.peer).toEqual({ userId: 'bob', nickname: 'BOB', remark: '' }));
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations.filter(isC2cConversation)[0]?.peer.nickname).toBe('BOB');
    await t.close();
  });

  it('M4 learns on connect the nickname of someone whose chat was opened offline', async () => {
    const t = openTestAccount();
    await t.account.conversations.open('bob');
    expect(t.account.conversations.list().filter(isC2cConversation)[0]?.peer).toEqual({ userId: 'bob', nickname: 'bob', remark: '' });
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list().filter(isC2cConversation)[0]?.peer).toEqual({ userId: 'bob', nickname: 'BOB', remark: '' }));
    expect(t.connection.sent.find((r) => r.name === 'users:get')?.input).toEqual({ userIds: ['bob'] });
    await t.close();
  });

  it('an online-only message (seq 0) is never stored in the sequence', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    const { message } = t.server.store('bob', 'me', 'live-00001', 'stored');
    t.connection.push('message:created', { ...message, clientMsgId: 'online-only-1', seq: 0 });
    t.connection.push('message:created', message);
    await eventually(async () => expect((await t.account.messages.page({ conversationId: conv, limit: 10 })).messages.map((m) => m.seq)).toEqual([1]));
    await t.close();
  });

  it('M4 fills a gap before storing a live message that skips ahead', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    for (let i = 1; i <= 4; i += 1) t.server.store('bob', 'me', `gap-${String(i).padStart(5, '0')}`, `m${i}`);
    const { message } = t.server.store('bob', 'me', 'gap-00005', 'm5');
    t.connection.push('message:created', message);
    await eventually(async () => expect(await seqsOf(t)).toEqual([1, 2, 3, 4, 5]));
    expect(t.connection.sent.find((r) => r.name === 'sync:messagesAfter')?.input).toMatchObject({ afterSeq: 0 });
    await t.close();
  });

  it('M3 confirms our own pending message when the server delivers it back (ack lost)', async () => {
    const t = openTestAccount();
    const pending = t.account.messages.send({ conversationId: conv, text: 'did it arrive?' });
    t.connection.intercept = (name) => (name === 'message:send' ? new Promise(() => {}) : undefined);
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'message:send')).toBe(true));
    const { message } = t.server.store('me', 'bob', pending.id.slice('me:'.length), 'did it arrive?');
    t.connection.push('message:created', message);
    await eventually(async () => {
      const page = await t.account.messages.page({ conversationId: conv, limit: 10 });
      expect(page.messages).toMatchObject([{ id: pending.id, seq: 1, status: 'sent' }]);
    });
    t.connection.goOffline();
    await t.close();
  });

  it('M6 applies read positions from the server and from the peer', async () => {
    const t = openTestAccount();
    t.server.store('me', 'bob', 'own-000001', 'a');
    t.server.store('me', 'bob', 'own-000002', 'b');
    t.server.store('bob', 'me', 'peer-00003', 'c');
    t.server.markRead('bob', 'me', 1);
    t.connection.goOnline();
    await eventually(async () => expect(await seqsOf(t)).toEqual([1, 2, 3]));
    let page = await t.account.messages.page({ conversationId: conv, limit: 10 });
    expect(page.messages.map((m) => m.readByPeer)).toEqual([true, false, false]);
    t.connection.push('conversation:read', { conversationId: 'c2c_me', reader: 'bob', readSeq: 3 });
    page = await t.account.messages.page({ conversationId: conv, limit: 10 });
    expect(page.messages.map((m) => m.readByPeer)).toEqual([true, true, false]);
    const lastChange = t.eventsOf('messages:changed').at(-1);
    expect(lastChange?.messages.map((m) => [m.id, m.readByPeer])).toEqual([['me:own-000002', true]]);
    // read on my other device
    t.connection.push('conversation:read', { conversationId: conv, reader: 'me', readSeq: 3 });
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(0);
    await t.close();
  });

  it('A4 shows presence while connected and forgets it on a drop', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'p-00000001', 'hi');
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list().filter(isC2cConversation)[0]?.presence).toBe('online'));
    t.connection.push('presence:changed', { userId: 'bob', status: 'offline' });
    expect(t.account.conversations.list().filter(isC2cConversation)[0]?.presence).toBe('offline');
    t.connection.goOffline();
    expect(t.account.conversations.list().filter(isC2cConversation)[0]?.presence).toBeNull();
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations.filter(isC2cConversation)[0]?.presence).toBeNull();
    await t.close();
  });

  it('M4 fetches only the newest page when very far behind, and pages fill the rest', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 2_300; i += 1) t.server.store('bob', 'me', `far-${String(i).padStart(6, '0')}`, `m${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(2_300));
    expect(t.connection.sent.filter((r) => r.name === 'sync:messagesAfter')).toHaveLength(0);
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(2_300);
    const newest = await t.account.messages.page({ conversationId: conv, limit: 50 });
    expect(newest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 2_251 + i));
    const older = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:far-002101', limit: 100 });
    expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 2_001 + i));
    expect(older.hasMore).toBe(true);
    await t.close();
  });

  it('M6 a partial read on another device lowers the unread count of a device that skipped history', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 2_300; i += 1) t.server.store('bob', 'me', `far-${String(i).padStart(6, '0')}`, `m${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.unreadCount).toBe(2_300));
    t.connection.push('conversation:read', { conversationId: conv, reader: 'me', readSeq: 2_200 });
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(100);
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations[0]?.unreadCount).toBe(100);
    await t.close();
  });

  it('M3 keeps two messages from different senders that share a client message ID, live and by catch-up', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'same-id-0001', 'from bob');
    t.server.store('carol', 'me', 'same-id-0001', 'from carol');
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list().map((c) => c.unreadCount)).toEqual([1, 1]));
    const shown = async (conversationId: string) =>
      (await t.account.messages.page({ conversationId, limit: 10 })).messages.map((m) => [m.id, m.from, m.body[0]?.MsgContent]);
    expect(await shown('c2c_bob')).toEqual([['bob:same-id-0001', 'bob', { Text: 'from bob' }]]);
    expect(await shown('c2c_carol')).toEqual([['carol:same-id-0001', 'carol', { Text: 'from carol' }]]);
    // Live too: the same ID once more, from each of them.
    t.connection.push('message:created', t.server.store('bob', 'me', 'same-id-0002', 'bob again').message);
    t.connection.push('message:created', t.server.store('carol', 'me', 'same-id-0002', 'carol again').message);
    await eventually(async () => expect(await shown('c2c_carol')).toHaveLength(2));
    expect((await shown('c2c_bob')).map(([id]) => id)).toEqual(['bob:same-id-0001', 'bob:same-id-0002']);
    expect((await shown('c2c_carol')).map(([id]) => id)).toEqual(['carol:same-id-0001', 'carol:same-id-0002']);
    const events = t.eventsOf('messages:changed').flatMap((e) => e.messages.map((m) => m.id));
    expect(new Set(events)).toEqual(new Set(['bob:same-id-0001', 'carol:same-id-0001', 'bob:same-id-0002', 'carol:same-id-0002']));
    // Someone else's message is not ours to send again, whatever its client ID.
    expect(() => t.account.messages.retry({ id: 'carol:same-id-0001' })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => t.account.messages.retry({ id: 'same-id-0001' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    await t.close();
  });

  it('M4 retries a failing catch-up in a loop with growing delays until it succeeds', async () => {
    const t = openTestAccount({ retry: { catchUp: { minMs: 50, maxMs: 1_000, jitter: 0 } } });
    t.server.store('bob', 'me', 'late-00001', 'finally');
    const attempts: number[] = [];
    t.connection.intercept = (name) => {
      if (name !== 'sync:conversations') return undefined;
      attempts.push(Date.now());
      return attempts.length <= 3 ? Promise.reject(new AppError('internal', 'the server is unwell')) : undefined;
    };
    t.connection.goOnline();
    await eventually(async () => expect(await seqsOf(t)).toEqual([1]), 2_000);
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? at));
    // Back-off of 50, 100, 200 ms (timers may fire a little late, never early).
    expect(gaps.map((gap, i) => gap >= 50 * 2 ** i - 2)).toEqual([true, true, true]);
    await t.close();
  });

  it('stops retrying a failing catch-up when the connection drops', async () => {
    const t = openTestAccount({ retry: { catchUp: { minMs: 20, maxMs: 20, jitter: 0 } } });
    let attempts = 0;
    t.connection.intercept = (name) => {
      if (name !== 'sync:conversations') return undefined;
      attempts += 1;
      return Promise.reject(new AppError('internal', 'still unwell'));
    };
    t.connection.goOnline();
    await eventually(() => expect(attempts).toBeGreaterThanOrEqual(2));
    t.connection.goOffline();
    const after = attempts;
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts).toBe(after);
    await t.close();
  });
});
