import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';
const id = (i: number) => `bob:bob-msg-${String(i).padStart(4, '0')}`;

async function withHistory(count: number): Promise<TestAccount> {
  const t = openTestAccount();
  for (let i = 1; i <= count; i += 1) t.server.store('bob', 'me', `bob-msg-${String(i).padStart(4, '0')}`, `message ${i}`);
  t.connection.goOnline();
  await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(count));
  return t;
}

describe('paging around a message (M11 jump to a hit, M14 jump to a quote)', () => {
  it('messages:around centres a page on the message, ascending, and says what lies beyond', async () => {
    const t = await withHistory(30);
    const page = await t.account.messages.around({ conversationId: conv, id: id(15), limit: 11 });
    expect(page.messages.map((m) => m.seq)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(page).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const end = await t.account.messages.around({ conversationId: conv, id: id(29), limit: 11 });
    expect(end.messages.map((m) => m.seq)).toEqual([24, 25, 26, 27, 28, 29, 30]);
    expect(end).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    await expect(t.account.messages.around({ conversationId: conv, id: 'bob:nothing-here', limit: 11 })).rejects.toMatchObject({
      code: 'message_not_found',
    });
    await t.close();
  });

  it('messages:page with afterId pages towards the present, then the unsent tail', async () => {
    const t = await withHistory(5);
    t.connection.goOffline();
    const pending = t.account.messages.send({ conversationId: conv, text: 'unsent' });
    const first = await t.account.messages.page({ conversationId: conv, afterId: id(2), limit: 2 });
    expect(first.messages.map((m) => m.seq)).toEqual([3, 4]);
    expect(first.hasMore).toBe(true);
    const second = await t.account.messages.page({ conversationId: conv, afterId: id(4), limit: 5 });
    expect(second).toMatchObject({ messages: [{ seq: 5 }, { id: pending.id }], hasMore: false });
    await t.close();
  });

  it('messages:page with afterId fetches a range this device does not hold before answering', async () => {
    const t = await withHistory(12);
    // A hole in the local store, as a capped catch-up leaves one.
    t.db().prepare('DELETE FROM messages WHERE seq BETWEEN 4 AND 9').run();
    t.connection.sent.length = 0;
    const after = await t.account.messages.page({ conversationId: conv, afterId: id(3), limit: 5 });
    expect(after.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(after.hasMore).toBe(true);
    expect(t.connection.sent.find((r) => r.name === 'sync:messagesAfter')?.input).toMatchObject({ afterSeq: 3 });
    t.connection.goOffline();
    t.db().prepare('DELETE FROM messages WHERE seq = 10').run();
    const offline = await t.account.messages.page({ conversationId: conv, afterId: id(9), limit: 5 });
    expect(offline).toMatchObject({ messages: [{ seq: 11 }, { seq: 12 }], hasMore: true });
    await t.close();
  });

  it('M14 a reply carries its quote at once and the original ID to the server', async () => {
    const t = await withHistory(2);
    const reply = t.account.messages.send({ conversationId: conv, text: 'answer', replyToId: id(1) });
    expect(reply.replyTo).toEqual({ messageId: id(1), from: 'bob', seq: 1, preview: 'message 1' });
    await eventually(() => expect(t.connection.sent.find((r) => r.name === 'message:send')?.input).toMatchObject({ replyTo: id(1) }));
    expect(() => t.account.messages.send({ conversationId: conv, text: 'x', replyToId: 'bob:not-stored-01' })).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
    await t.close();
  });
});
