import { afterEach, describe, expect, it } from 'vitest';
import { messageId, type ServerMessage } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { countOutbox } from '../store/tables/outbox';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

async function page(t: TestAccount, conversationId = conv) {
  return (await t.account.messages.page({ conversationId, limit: 50 })).messages;
}

/** The renderer's ID of a message the server holds. */
const idOf = (m: ServerMessage) => messageId(m.from, m.clientMsgId);

function outboxSize(t: TestAccount): number {
  return countOutbox(t.db());
}

describe('outbox', () => {
  it('M4 shows a message sent offline as pending and delivers it on connect', async () => {
    const t = openTestAccount();
    const sent = t.account.messages.send({ conversationId: conv, text: 'hello' });
    expect(sent).toMatchObject({ status: 'pending', seq: null, isOwn: true, from: 'me', body: [{ MsgContent: { Text: 'hello' } }] });
    expect(sent.id).toMatch(/^me:[A-Za-z0-9_-]{22}$/);
    expect(t.eventsOf('messages:changed')[0]?.messages[0]).toMatchObject({ id: sent.id, status: 'pending' });
    expect(t.eventsOf('conversations:changed')[0]?.conversations[0]?.lastMessage?.id).toBe(sent.id);
    expect(outboxSize(t)).toBe(1);
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, status: 'sent', seq: 1 }]));
    expect(outboxSize(t)).toBe(0);
    expect(t.server.thread('bob').map(idOf)).toEqual([sent.id]);
    await t.close();
  });

  it('M3 sends one at a time in the order written, so seqs follow typing order', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const ids = ['one', 'two', 'three', 'four', 'five'].map((text) => t.account.messages.send({ conversationId: conv, text }).id);
    await eventually(async () => expect((await page(t)).every((m) => m.status === 'sent')).toBe(true));
    expect(t.server.thread('bob').map(idOf)).toEqual(ids);
    expect((await page(t)).map((m) => [m.id, m.seq])).toEqual(ids.map((id, i) => [id, i + 1]));
    await t.close();
  });

  it('M4 a pending outbox survives a restart and is delivered exactly once, in order', async () => {
    const first = openTestAccount();
    const ids = ['a', 'b', 'c'].map((text) => first.account.messages.send({ conversationId: conv, text }).id);
    const t = await first.restart();
    expect((await page(t)).map((m) => [m.id, m.status])).toEqual(ids.map((id) => [id, 'pending']));
    t.connection.goOnline();
    await eventually(async () => expect((await page(t)).map((m) => m.status)).toEqual(['sent', 'sent', 'sent']));
    expect(t.server.thread('bob').map(idOf)).toEqual(ids);
    await t.close();
  });

  it('M3 retries after a timeout with the same client message ID and stores once', async () => {
    const t = openTestAccount();
    const attempts: string[] = [];
    t.connection.intercept = (name, input) => {
      if (name !== 'message:send') return undefined;
      attempts.push((input as { clientMsgId: string }).clientMsgId);
      return attempts.length === 1 ? Promise.reject(new AppError('timeout')) : undefined;
    };
    t.connection.goOnline();
    const sent = t.account.messages.send({ conversationId: conv, text: 'x' });
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, status: 'sent', seq: 1 }]), 4_000);
    expect(attempts.map((clientMsgId) => messageId('me', clientMsgId))).toEqual([sent.id, sent.id]);
    expect(t.server.thread('bob')).toHaveLength(1);
    await t.close();
  });

  it('M3 takes a duplicate ack (stored by an earlier attempt) as sent', async () => {
    const t = openTestAccount();
    t.connection.intercept = (name, input) => {
      if (name !== 'message:send') return undefined;
      const { clientMsgId, to } = input as { clientMsgId: string; to: string };
      t.server.store('me', to, clientMsgId, 'x');
      return Promise.resolve(t.server.store('me', to, clientMsgId, 'x'));
    };
    const sent = t.account.messages.send({ conversationId: conv, text: 'x' });
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, status: 'sent', seq: 1 }]));
    expect(outboxSize(t)).toBe(0);
    await t.close();
  });

  it('M3 marks a send to a non-existent user as failed for good, and a retry re-queues it', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = t.account.messages.send({ conversationId: 'c2c_zed', text: 'anyone?' });
    await eventually(async () =>
      expect(await page(t, 'c2c_zed')).toMatchObject([{ id: sent.id, status: 'failed', error: { code: 'user_not_found', message: 'No user zed.' }, seq: null }]),
    );
    expect(outboxSize(t)).toBe(0);
    t.server.users.set('zed', 'Zed');
    const retried = t.account.messages.retry({ id: sent.id });
    expect(retried).toMatchObject({ status: 'pending', error: null });
    await eventually(async () => expect(await page(t, 'c2c_zed')).toMatchObject([{ id: sent.id, status: 'sent', seq: 1 }]));
    expect(() => t.account.messages.retry({ id: 'no-such-message' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    await t.close();
  });

  it('M3 stops on a drop and leaves the message pending for the next connect', async () => {
    const t = openTestAccount();
    t.connection.intercept = (name) => (name === 'message:send' ? new Promise(() => {}) : undefined);
    t.connection.goOnline();
    const sent = t.account.messages.send({ conversationId: conv, text: 'x' });
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'message:send')).toBe(true));
    t.connection.goOffline();
    expect((await page(t))[0]?.status).toBe('pending');
    t.connection.intercept = () => undefined;
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, status: 'sent' }]));
    await t.close();
  });

  it('M3 one message the server keeps failing backs off, fails with its code, and never holds up another conversation', async () => {
    const retry = { minMs: 30, maxMs: 60, maxAttempts: 4 };
    const t = openTestAccount({ retry: { outbox: retry } });
    const attemptsAt: number[] = [];
    t.connection.intercept = (name, input) => {
      if (name !== 'message:send' || (input as { to: string }).to !== 'bob') return undefined;
      attemptsAt.push(Date.now());
      return Promise.reject(new AppError('rate_limited'));
    };
    t.connection.goOnline();
    const stuck = t.account.messages.send({ conversationId: conv, text: 'to bob' });
    const toCarol = t.account.messages.send({ conversationId: 'c2c_carol', text: 'to carol' });
    await eventually(async () => expect(await page(t, 'c2c_carol')).toMatchObject([{ id: toCarol.id, status: 'sent', seq: 1 }]));
    expect((await page(t))[0]?.status).toBe('pending');
    await eventually(async () =>
      expect(await page(t)).toMatchObject([{ id: stuck.id, status: 'failed', error: { code: 'rate_limited' }, seq: null }]),
    );
    expect(attemptsAt).toHaveLength(4);
    const waits = attemptsAt.slice(1).map((at, i) => at - (attemptsAt[i] ?? at));
    expect(waits.map((wait, i) => wait >= Math.min(60, 30 * 2 ** i) - 2)).toEqual([true, true, true]);
    expect(outboxSize(t)).toBe(0);
    // A message written later to carol goes at once, too.
    const later = t.account.messages.send({ conversationId: 'c2c_carol', text: 'again' });
    await eventually(async () => expect((await page(t, 'c2c_carol')).map((m) => [m.id, m.status])).toEqual([[toCarol.id, 'sent'], [later.id, 'sent']]));
    await t.close();
  });

  it('M3 keeps the order within a conversation while its first message backs off', async () => {
    const t = openTestAccount({ retry: { outbox: { minMs: 20, maxMs: 20, maxAttempts: 5 } } });
    let failures = 0;
    t.connection.intercept = (name) => {
      if (name !== 'message:send' || failures >= 2) return undefined;
      failures += 1;
      return Promise.reject(new AppError('timeout'));
    };
    t.connection.goOnline();
    const ids = ['first', 'second', 'third'].map((text) => t.account.messages.send({ conversationId: conv, text }).id);
    await eventually(async () => expect((await page(t)).map((m) => m.status)).toEqual(['sent', 'sent', 'sent']));
    expect(t.server.thread('bob').map(idOf)).toEqual(ids);
    await t.close();
  });

  it('M3 fails at once on an internal error or a reply it cannot read, and moves on', async () => {
    const t = openTestAccount();
    let sends = 0;
    t.connection.intercept = (name) => {
      if (name !== 'message:send') return undefined;
      sends += 1;
      return sends === 1 ? Promise.reject(new AppError('internal', 'The server sent a malformed reply to message:send.')) : undefined;
    };
    t.connection.goOnline();
    const bad = t.account.messages.send({ conversationId: conv, text: 'one' });
    const good = t.account.messages.send({ conversationId: conv, text: 'two' });
    await eventually(async () =>
      expect((await page(t)).map((m) => [m.id, m.status, m.error?.code ?? null])).toEqual([
        [good.id, 'sent', null],
        [bad.id, 'failed', 'internal'],
      ]),
    );
    expect(sends).toBe(2);
    await t.close();
  });
});
