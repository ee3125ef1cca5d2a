import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

async function page(t: TestAccount) {
  return (await t.account.messages.page({ conversationId: conv, limit: 50 })).messages;
}

describe('modifications sync', () => {
  it('M5/M13 applies message:updated pushes to stored messages; an own message recalled elsewhere keeps its text here', async () => {
    const t = openTestAccount();
    const fromBob = t.server.store('bob', 'me', 'bob-msg-01', 'hello').message;
    const mine = t.server.store('me', 'bob', 'me-msg-001', 'my words').message;
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(2));
    fromBob.recalled = true;
    fromBob.body = [];
    t.connection.push('message:updated', t.server.touch('bob', fromBob));
    mine.recalled = true;
    mine.body = [];
    t.connection.push('message:updated', t.server.touch('bob', mine));
    const other = t.server.store('bob', 'me', 'bob-msg-02', 'not stored yet').message;
    t.connection.push('message:updated', t.server.touch('bob', other));
    expect(await page(t)).toMatchObject([
      { id: 'bob:bob-msg-01', recalled: true, body: [], recalledText: null },
      { id: 'me:me-msg-001', recalled: true, body: [], recalledText: 'my words' },
    ]);
    expect(t.account.search.search({ query: 'hello', limit: 10 }).groups).toEqual([]);
    await t.close();
  });

  it('M13/M14 on connect pulls what changed while away (sync:messagesModified) when the modSeq moved', async () => {
    const t = openTestAccount();
    const m = t.server.store('bob', 'me', 'bob-msg-01', 'first').message;
    t.server.store('bob', 'me', 'bob-msg-02', 'second');
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(2));
    t.connection.goOffline();
    m.body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'first, edited' } }];
    m.editedAt = 5;
    m.reactions = [{ emoji: '❤️', userIds: ['bob'] }];
    t.server.touch('bob', m);
    t.connection.sent.length = 0;
    t.connection.goOnline();
    await eventually(async () => expect((await page(t))[0]).toMatchObject({ editedAt: 5, reactions: [{ emoji: '❤️', mine: false }] }));
    expect(t.connection.sent.filter((r) => r.name === 'sync:messagesModified').map((r) => r.input)).toEqual([
      { conversationId: conv, afterModSeq: 0, limit: 200 },
    ]);
    t.connection.goOffline();
    t.connection.sent.length = 0;
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'presence:get')).toBe(true));
    expect(t.connection.sent.some((r) => r.name === 'sync:messagesModified')).toBe(false);
    await t.close();
  });

  it('M10 a deletion for me made on another device removes the message here', async () => {
    const t = openTestAccount();
    const m = t.server.store('bob', 'me', 'bob-msg-01', 'bye').message;
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(1));
    m.deletedForMe = true;
    m.body = [];
    t.connection.push('message:updated', t.server.touch('bob', m));
    expect(t.eventsOf('messages:removed').at(-1)).toEqual({ conversationId: conv, ids: ['bob:bob-msg-01'], clearedUpToSeq: null });
    expect(await page(t)).toEqual([]);
    await t.close();
  });

  it('M10 a clear from another device (clearedSeq in the conversation) removes history here', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-msg-01', 'one');
    t.server.store('bob', 'me', 'bob-msg-02', 'two');
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(2));
    t.server.cleared.set('bob', 1);
    t.connection.push('conversation:updated', t.server.conversation('bob'));
    expect((await page(t)).map((m) => m.seq)).toEqual([2]);
    expect(t.eventsOf('messages:removed').at(-1)).toEqual({ conversationId: conv, ids: [], clearedUpToSeq: 1 });
    await t.close();
  });
});
