import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

async function seqs(t: TestAccount, conversationId = 'c2c_bob') {
  return (await t.account.messages.page({ conversationId, limit: 50 })).messages.map((m) => m.seq);
}

async function synced(t: TestAccount, conversations: number) {
  t.connection.goOnline();
  await eventually(() => expect(t.account.conversations.list()).toHaveLength(conversations));
  await eventually(() => expect(t.connection.sent.some((r) => r.name === 'presence:get')).toBe(true));
}

describe('conversation operations', () => {
  it('M12 pinned conversations come first; a pin made offline is kept through a catch-up and delivered', async () => {
    const t = openTestAccount();
    t.server.store('carol', 'me', 'carol-0001', 'older');
    t.server.store('bob', 'me', 'bob-000001', 'newer');
    await synced(t, 2);
    expect(t.account.conversations.list().map((c) => c.id)).toEqual(['c2c_bob', 'c2c_carol']);
    t.connection.goOffline();
    expect(t.account.conversationOps.setSettings({ conversationId: 'c2c_carol', pinned: true, recvOpt: 'AcceptNotNotify' })).toMatchObject({
      pinned: true,
      recvOpt: 'AcceptNotNotify',
    });
    expect(t.account.conversations.list().map((c) => c.id)).toEqual(['c2c_carol', 'c2c_bob']);
    t.connection.goOnline();
    await eventually(() => expect(t.server.settings.get('carol')).toEqual({ pinned: true, recvOpt: 'AcceptNotNotify' }));
    expect(t.account.conversations.list()[0]).toMatchObject({ id: 'c2c_carol', pinned: true });
    await t.close();
  });

  it('M12 settings changed on another device arrive with conversation:updated', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-000001', 'hi');
    await synced(t, 1);
    t.server.settings.set('bob', { pinned: true, recvOpt: 'AcceptNotNotify' });
    t.connection.push('conversation:updated', t.server.conversation('bob'));
    expect(t.account.conversations.list()[0]).toMatchObject({ pinned: true, recvOpt: 'AcceptNotNotify' });
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations[0]).toMatchObject({ pinned: true });
    await t.close();
  });

  it('M12 a draft is kept across a restart and shown in the list; blank text clears it', async () => {
    const first = openTestAccount({ now: () => 1_700_000_000_500 });
    first.server.store('bob', 'me', 'bob-000001', 'hi');
    await synced(first, 1);
    first.account.conversationOps.setDraft({ conversationId: 'c2c_bob', text: 'half-written 发票' });
    expect(first.eventsOf('conversations:changed').at(-1)?.conversations[0]).toMatchObject({ draft: 'half-written 发票' });
    const t = await first.restart();
    expect(t.account.conversations.list()[0]).toMatchObject({ draft: 'half-written 发票', draftAt: 1_700_000_000_500 });
    t.account.conversationOps.setDraft({ conversationId: 'c2c_bob', text: '   ' });
    expect(t.account.conversations.list()[0]).toMatchObject({ draft: null, draftAt: null });
    await t.close();
  });

  it('M12 marks every conversation read', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-000001', 'one');
    t.server.store('carol', 'me', 'carol-0001', 'two');
    await synced(t, 2);
    expect(t.account.conversations.list().map((c) => c.unreadCount)).toEqual([1, 1]);
    t.account.conversationOps.markAllRead();
    expect(t.account.conversations.list().map((c) => c.unreadCount)).toEqual([0, 0]);
    await eventually(() => expect(t.server.readSeq('me', 'bob') + t.server.readSeq('me', 'carol')).toBe(2));
    await t.close();
  });

  it('M10 clearing removes history here at once, tells the server, and paging stops at the cleared seq', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 3; i += 1) t.server.store('bob', 'me', `bob-msg-0${i}`, `m${i}`);
    await synced(t, 1);
    await eventually(async () => expect(await seqs(t)).toEqual([1, 2, 3]));
    t.account.conversationOps.clear({ conversationId: 'c2c_bob' });
    expect(t.eventsOf('messages:removed').at(-1)).toEqual({ conversationId: 'c2c_bob', ids: [], clearedUpToSeq: 3 });
    expect(await seqs(t)).toEqual([]);
    await eventually(() => expect(t.server.cleared.get('bob')).toBe(3));
    t.connection.sent.length = 0;
    expect(await t.account.messages.page({ conversationId: 'c2c_bob', limit: 50 })).toEqual({ messages: [], hasMore: false });
    expect(t.connection.sent.some((r) => r.name === 'sync:messagesBefore')).toBe(false);
    const { message } = t.server.store('bob', 'me', 'bob-msg-04', 'after the clear');
    t.connection.push('message:created', message);
    await eventually(async () => expect(await seqs(t)).toEqual([4]));
    await t.close();
  });

  it('M10 a deleted conversation leaves the list until a new message arrives', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-msg-01', 'one');
    await synced(t, 1);
    t.account.conversationOps.delete({ conversationId: 'c2c_bob' });
    expect(t.account.conversations.list()).toEqual([]);
    expect(t.eventsOf('conversations:changed').at(-1)).toEqual({ conversations: [], removed: ['c2c_bob'] });
    await eventually(() => expect(t.server.cleared.get('bob')).toBe(1));
    const { message } = t.server.store('bob', 'me', 'bob-msg-02', 'are you there?');
    t.connection.push('message:created', message);
    await eventually(() => expect(t.account.conversations.list()).toMatchObject([{ id: 'c2c_bob', lastMessage: { seq: 2 } }]));
    expect(await seqs(t)).toEqual([2]);
    await t.close();
  });

  it('M12 a settings change the server refuses is reported and the server’s settings come back', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-msg-01', 'one');
    await synced(t, 1);
    t.connection.intercept = (name) => (name === 'conversation:setSettings' ? Promise.reject(new AppError('forbidden')) : undefined);
    t.connection.sent.length = 0;
    expect(t.account.conversationOps.setSettings({ conversationId: 'c2c_bob', pinned: true })).toMatchObject({ pinned: true });
    await eventually(() => expect(t.eventsOf('operations:failed')).toHaveLength(1));
    expect(t.eventsOf('operations:failed')[0]).toEqual({ conversationId: 'c2c_bob', messageId: null, op: 'settings', error: { code: 'forbidden', message: expect.any(String) } });
    await eventually(() => expect(t.account.conversations.list()[0]).toMatchObject({ id: 'c2c_bob', pinned: false }));
    expect(t.connection.sent.map((r) => r.name)).toEqual(['conversation:setSettings', 'sync:conversations']);
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations[0]).toMatchObject({ id: 'c2c_bob', pinned: false });
    await t.close();
  });

  it('M10 a deletion the server refuses is reported and the conversation comes back to the list', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-msg-01', 'one');
    await synced(t, 1);
    t.connection.intercept = (name) => (name === 'conversation:delete' ? Promise.reject(new AppError('not_found')) : undefined);
    t.account.conversationOps.delete({ conversationId: 'c2c_bob' });
    expect(t.account.conversations.list()).toEqual([]);
    await eventually(() => expect(t.account.conversations.list().map((c) => c.id)).toEqual(['c2c_bob']));
    expect(t.eventsOf('operations:failed')).toEqual([{ conversationId: 'c2c_bob', messageId: null, op: 'delete', error: { code: 'not_found', message: expect.any(String) } }]);
    expect(t.server.cleared.has('bob')).toBe(false);
    await t.close();
  });

  it('M10 a conversation deleted on another device disappears here (conversation:deleted)', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'bob-msg-01', 'one');
    await synced(t, 1);
    t.connection.push('conversation:deleted', { conversationId: 'c2c_bob' });
    expect(t.account.conversations.list()).toEqual([]);
    expect(await seqs(t)).toEqual([]);
    await t.close();
  });
});
