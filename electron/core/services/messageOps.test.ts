import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { countOutbox } from '../store/tables/outbox';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';
import { withReaction } from '../sync/messageChanges';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

async function page(t: TestAccount) {
  return (await t.account.messages.page({ conversationId: conv, limit: 50 })).messages;
}

async function sentOnline(t: TestAccount, text: string) {
  const sent = t.account.messages.send({ conversationId: conv, text });
  await eventually(async () => expect((await page(t)).find((m) => m.id === sent.id)?.status).toBe('sent'));
  return sent;
}

const requests = (t: TestAccount) => t.connection.sent.map((r) => r.name).filter((n) => n.startsWith('message:') || n.startsWith('conversation:'));

describe('message operations', () => {
  it('M5 recalls an own message at once, keeps its text for re-editing, and confirms with the server', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'typo here');
    const recalled = t.account.messageOps.recall({ id: sent.id });
    expect(recalled).toMatchObject({ recalled: true, body: [], recalledText: 'typo here', hasPendingChanges: true });
    await eventually(async () => expect((await page(t))[0]).toMatchObject({ recalled: true, recalledText: 'typo here', hasPendingChanges: false }));
    expect(t.server.thread('bob')[0]).toMatchObject({ recalled: true, body: [] });
    expect(() => t.account.messageOps.recall({ id: sent.id })).toThrow(expect.objectContaining({ code: 'already_recalled' }));
    await t.close();
  });

  it('M5 a recall made offline waits in the outbox across a restart and is replayed on connect', async () => {
    const first = openTestAccount();
    first.connection.goOnline();
    const sent = await sentOnline(first, 'oops');
    first.connection.goOffline();
    first.account.messageOps.recall({ id: sent.id });
    const t = await first.restart();
    expect((await page(t))[0]).toMatchObject({ recalled: true, hasPendingChanges: true });
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob')[0]?.recalled).toBe(true));
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect(countOutbox(t.db())).toBe(0);
    await t.close();
  });

  it('M5 recalling a message that never left takes it back: removed, never sent', async () => {
    const t = openTestAccount();
    const sent = t.account.messages.send({ conversationId: conv, text: 'never mind' });
    expect(t.account.messageOps.recall({ id: sent.id })).toMatchObject({ recalled: true, recalledText: 'never mind' });
    expect(t.eventsOf('messages:removed')).toEqual([{ conversationId: conv, ids: [sent.id], clearedUpToSeq: null }]);
    expect(await page(t)).toEqual([]);
    expect(countOutbox(t.db())).toBe(0);
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'sync:conversations')).toBe(true));
    expect(t.server.thread('bob')).toEqual([]);
    await t.close();
  });

  it('M14 editing a message that has not left rewrites what will be sent (no separate edit)', async () => {
    const t = openTestAccount();
    const sent = t.account.messages.send({ conversationId: conv, text: 'helo' });
    expect(t.account.messageOps.edit({ id: sent.id, text: 'hello' })).toMatchObject({ body: [{ MsgContent: { Text: 'hello' } }], editedAt: null });
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob')[0]?.body).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }]));
    expect(requests(t)).toEqual(['message:send']);
    await t.close();
  });

  it('M14/M13 send, edit and react made offline replay in that order, each change shown at once', async () => {
    const t = openTestAccount({ now: () => 1_800_000_000_000 });
    t.connection.goOnline();
    const sent = await sentOnline(t, 'first version');
    t.connection.goOffline();
    const edited = t.account.messageOps.edit({ id: sent.id, text: 'second version' });
    expect(edited).toMatchObject({ editedAt: 1_800_000_000_000, hasPendingChanges: true, body: [{ MsgContent: { Text: 'second version' } }] });
    expect(t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true }).reactions).toEqual([{ emoji: '👍', userIds: ['me'], mine: true }]);
    t.connection.sent.length = 0;
    t.connection.goOnline();
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect(requests(t)).toEqual(['message:edit', 'message:react']);
    expect((await page(t))[0]).toMatchObject({ body: [{ MsgContent: { Text: 'second version' } }], reactions: [{ emoji: '👍', mine: true }] });
    expect(() => t.account.messageOps.edit({ id: 'bob:nobody-here-1', text: 'x' })).toThrow(expect.objectContaining({ code: 'message_not_found' }));
    await t.close();
  });

  it('M5 a recall the server refuses (window passed) is undone: the message comes back', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'too late');
    t.connection.intercept = (name) => (name === 'message:recall' ? Promise.reject(new AppError('recall_window_passed')) : undefined);
    t.account.messageOps.recall({ id: sent.id });
    await eventually(async () =>
      expect((await page(t))[0]).toMatchObject({ recalled: false, body: [{ MsgContent: { Text: 'too late' } }], hasPendingChanges: false }),
    );
    expect(countOutbox(t.db())).toBe(0);
    // The person is told why the recall was undone.
    expect(t.eventsOf('operations:failed')).toEqual([
      { conversationId: conv, messageId: sent.id, op: 'recall', error: { code: 'recall_window_passed', message: expect.any(String) } },
    ]);
    await t.close();
  });

  it('M13/M14 refused edits and reactions say which operation failed and why; accepted ones say nothing', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'first');
    t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true });
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect(t.eventsOf('operations:failed')).toEqual([]);
    t.connection.intercept = (name) =>
      name === 'message:edit' ? Promise.reject(new AppError('not_editable')) : name === 'message:react' ? Promise.reject(new AppError('too_many_reactions')) : undefined;
    t.account.messageOps.edit({ id: sent.id, text: 'second' });
    await eventually(() => expect(t.eventsOf('operations:failed')).toHaveLength(1));
    t.account.messageOps.react({ id: sent.id, emoji: '🎉', add: true });
    await eventually(() => expect(t.eventsOf('operations:failed')).toHaveLength(2));
    expect(t.eventsOf('operations:failed').map((e) => [e.op, e.messageId, e.error.code])).toEqual([
      ['edit', sent.id, 'not_editable'],
      ['react', sent.id, 'too_many_reactions'],
    ]);
    await eventually(async () => expect((await page(t))[0]).toMatchObject({ body: [{ MsgContent: { Text: 'first' } }], reactions: [{ emoji: '👍' }] }));
    await t.close();
  });

  it('only the sender may edit or recall', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'from-bob-01', 'hi');
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(1));
    expect(() => t.account.messageOps.recall({ id: 'bob:from-bob-01' })).toThrow(expect.objectContaining({ code: 'not_own_message' }));
    expect(() => t.account.messageOps.edit({ id: 'bob:from-bob-01', text: 'x' })).toThrow(expect.objectContaining({ code: 'not_own_message' }));
    await t.close();
  });

  it('M10 delete for me: gone at once (messages:removed), the server told, and paging does not fetch it again', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 3; i += 1) t.server.store('bob', 'me', `bob-msg-0${i}`, `m${i}`);
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(3));
    t.connection.goOffline();
    t.account.messageOps.deleteForMe({ ids: ['bob:bob-msg-01', 'bob:bob-msg-02'] });
    expect(t.eventsOf('messages:removed').at(-1)).toEqual({ conversationId: conv, ids: ['bob:bob-msg-01', 'bob:bob-msg-02'], clearedUpToSeq: null });
    expect((await page(t)).map((m) => m.id)).toEqual(['bob:bob-msg-03']);
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob').filter((m) => m.deletedForMe)).toHaveLength(2));
    t.connection.sent.length = 0;
    expect(await t.account.messages.page({ conversationId: conv, limit: 50 })).toMatchObject({ hasMore: false, messages: [{ id: 'bob:bob-msg-03' }] });
    expect(t.connection.sent.some((r) => r.name === 'sync:messagesBefore')).toBe(false);
    await t.close();
  });

  it('M16 a report made offline is delivered on connect', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'spam-00001', 'buy now');
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(1));
    t.connection.goOffline();
    t.account.messageOps.report({ id: 'bob:spam-00001', reason: 'spam' });
    t.connection.goOnline();
    await eventually(() => expect(t.server.reports).toEqual([{ messageId: 'bob:spam-00001', reason: 'spam' }]));
    await t.close();
  });

  it('M13 reactions: adding twice or removing what is not there changes nothing', () => {
    const once = withReaction([], '👍', 'me', true);
    expect(withReaction(once, '👍', 'me', true)).toEqual([{ emoji: '👍', userIds: ['me'] }]);
    expect(withReaction([{ emoji: '👍', userIds: ['bob'] }], '👍', 'me', true)).toEqual([{ emoji: '👍', userIds: ['bob', 'me'] }]);
    expect(withReaction(once, '👍', 'me', false)).toEqual([]);
    expect(withReaction(once, '🎉', 'me', false)).toEqual(once);
  });
});
