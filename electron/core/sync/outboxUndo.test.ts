import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { RequestName } from '../../../shared/protocol';
import { countOutbox } from '../store/tables/outbox';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';
const text = (value: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: value } }];

async function page(t: TestAccount) {
  return (await t.account.messages.page({ conversationId: conv, limit: 50 })).messages;
}

async function sentOnline(t: TestAccount, value: string) {
  const sent = t.account.messages.send({ conversationId: conv, text: value });
  await eventually(async () => expect((await page(t)).find((m) => m.id === sent.id)?.status).toBe('sent'));
  return sent;
}

/** Requests of these kinds are refused for good; of `held` kinds, answered by the server only once `release` is called. */
function refuseAndHold(t: TestAccount, refused: RequestName[], held: RequestName[] = []) {
  const waiting: Array<() => void> = [];
  t.connection.intercept = (name, input) => {
    if (refused.includes(name)) return Promise.reject(new AppError('bad_request', `refused ${name}`));
    if (!held.includes(name)) return undefined;
    return new Promise<unknown>((resolve, reject) => {
      waiting.push(() => {
        try {
          resolve((t.server.handlers[name] as (i: unknown) => unknown)(input));
        } catch (error) {
          reject(error as Error);
        }
      });
    });
  };
  return { release: () => waiting.splice(0).forEach((answer) => answer()), waiting };
}

describe('outbox: undoing refused changes of one message', () => {
  it('M14/M13 an edit and a reaction queued offline, both refused: the message is back to what the server has (no edit left behind)', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'original');
    t.connection.goOffline();
    t.account.messageOps.edit({ id: sent.id, text: 'edited' });
    t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true });
    refuseAndHold(t, ['message:edit', 'message:react']);
    t.connection.goOnline();
    await eventually(() => expect(t.eventsOf('operations:failed')).toHaveLength(2));
    expect(countOutbox(t.db())).toBe(0);
    expect((await page(t))[0]).toMatchObject({ body: text('original'), editedAt: null, reactions: [], hasPendingChanges: false });
    expect(t.account.search.search({ query: 'edited', limit: 10 }).groups).toEqual([]);
    expect(t.account.search.search({ query: 'original', limit: 10 }).groups).toHaveLength(1);
    await t.close();
  });

  it('M14/M13 a refused edit disappears at once although a later reaction still waits; the reaction, confirmed, stays', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'original');
    t.connection.goOffline();
    t.account.messageOps.edit({ id: sent.id, text: 'edited' });
    t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true });
    const held = refuseAndHold(t, ['message:edit'], ['message:react']);
    t.connection.goOnline();
    await eventually(() => expect(held.waiting).toHaveLength(1));
    expect((await page(t))[0]).toMatchObject({
      body: text('original'),
      editedAt: null,
      reactions: [{ emoji: '👍', mine: true }],
      hasPendingChanges: true,
    });
    held.release();
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect((await page(t))[0]).toMatchObject({ body: text('original'), editedAt: null, reactions: [{ emoji: '👍', mine: true }] });
    expect(t.server.thread('bob')[0]).toMatchObject({ body: text('original'), reactions: [{ emoji: '👍', userIds: ['me'] }] });
    await t.close();
  });

  it('M13 reactions are changes, not snapshots: a refused 👍 is taken out while a later 🎉 stays', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'party');
    t.connection.goOffline();
    t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true });
    t.account.messageOps.react({ id: sent.id, emoji: '🎉', add: true });
    // The first reaction is refused; the second waits for its answer.
    const held = refuseAndHold(t, [], ['message:react']);
    const intercept = t.connection.intercept;
    let reacts = 0;
    t.connection.intercept = (name, input) =>
      name === 'message:react' && (reacts += 1) === 1 ? Promise.reject(new AppError('too_many_reactions')) : intercept(name, input);
    t.connection.goOnline();
    await eventually(() => expect(held.waiting).toHaveLength(1));
    expect((await page(t))[0]).toMatchObject({ reactions: [{ emoji: '🎉', userIds: ['me'], mine: true }], hasPendingChanges: true });
    held.release();
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect((await page(t))[0]?.reactions).toEqual([{ emoji: '🎉', userIds: ['me'], mine: true }]);
    await t.close();
  });

  it('M14/M10 a refused edit does not bring back a message deleted for me meanwhile', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'original');
    t.connection.goOffline();
    t.account.messageOps.edit({ id: sent.id, text: 'edited' });
    t.account.messageOps.deleteForMe({ ids: [sent.id] });
    refuseAndHold(t, ['message:edit']);
    t.connection.goOnline();
    await eventually(() => expect(countOutbox(t.db())).toBe(0));
    expect(t.eventsOf('operations:failed').map((e) => e.op)).toEqual(['edit']);
    expect(await page(t)).toEqual([]);
    expect(t.account.search.search({ query: 'original', limit: 10 }).groups).toEqual([]);
    await t.close();
  });

  it('M14/M13 a confirmed edit then a refused reaction: the message takes the server state the edit returned (with what others did meanwhile)', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'original');
    t.connection.goOffline();
    t.account.messageOps.edit({ id: sent.id, text: 'edited' });
    t.account.messageOps.react({ id: sent.id, emoji: '👍', add: true });
    const held = refuseAndHold(t, ['message:react'], ['message:edit']);
    t.connection.goOnline();
    await eventually(() => expect(held.waiting).toHaveLength(1));
    // Bob reacts while our edit is on its way: the push cannot be applied over our pending changes…
    const bobs = t.server.touch('bob', Object.assign(t.server.find('bob', sent.id), { reactions: [{ emoji: '❤️', userIds: ['bob'] }] }));
    t.connection.push('message:updated', structuredClone(bobs));
    // … but the edit's reply carries it.
    held.release();
    await eventually(() => expect(t.eventsOf('operations:failed')).toHaveLength(1));
    expect((await page(t))[0]).toMatchObject({
      body: text('edited'),
      editedAt: expect.any(Number),
      reactions: [{ emoji: '❤️', userIds: ['bob'], mine: false }],
      hasPendingChanges: false,
    });
    await t.close();
  });

  it('M5/M14 an edit refused before a recall: the recall keeps the original text for re-editing', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const sent = await sentOnline(t, 'original');
    t.connection.goOffline();
    t.account.messageOps.edit({ id: sent.id, text: 'edited' });
    t.account.messageOps.recall({ id: sent.id });
    refuseAndHold(t, ['message:edit']);
    t.connection.goOnline();
    await eventually(async () => expect((await page(t))[0]?.hasPendingChanges).toBe(false));
    expect((await page(t))[0]).toMatchObject({ recalled: true, body: [], recalledText: 'original' });
    expect(t.server.thread('bob')[0]).toMatchObject({ recalled: true, body: [] });
    await t.close();
  });
});
