import { afterAll, describe, expect, it } from 'vitest';
import { plainTextOf, type ChatMessage } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer } from '../support/server';
import { allMessages } from './history';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

const textOf = (m: ChatMessage | undefined) => (m ? plainTextOf(m.body) : null);

async function messageOf(person: TestCore, conversationId: string, id: string): Promise<ChatMessage | undefined> {
  return (await allMessages(person, conversationId)).find((m) => m.id === id);
}

describe('message and conversation operations against the real server', () => {
  it('M14/M13/M5/M10/M11/M12 edit, react and recall reach the other person live; delete for me, clear, search, pin and drafts', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop({ removeData: true }));
    const alice = await startTestCore({ serverUrl: server.url, name: 'alice' });
    const bob = await startTestCore({ serverUrl: server.url, name: 'bob' });
    cleanups.push(() => alice.dispose(), () => bob.dispose());
    await alice.signUp('alice');
    await bob.signUp('bob');
    await Promise.all([online(alice), online(bob)]);
    await alice.call('conversations:open', { peer: 'bob' });

    const sent = await alice.call('messages:send', { conversationId: 'c2c_bob', text: '请把上个月的发票发给我' });
    await bob.waitFor(async () => (await messageOf(bob, 'c2c_alice', sent.id))?.seq === 1, 10_000, 'bob receives');

    // M14: an edit shows on the other side, marked edited.
    await alice.call('messages:edit', { id: sent.id, text: '请把这个月的发票发给我' });
    const edited = await bob.waitFor(async () => {
      const m = await messageOf(bob, 'c2c_alice', sent.id);
      return m?.editedAt ? m : null;
    }, 10_000, 'the edit');
    expect(textOf(edited)).toBe('请把这个月的发票发给我');

    // M13: bob's reaction shows on alice's side.
    await bob.call('messages:react', { id: sent.id, emoji: '👍', add: true });
    const reacted = await alice.waitFor(async () => {
      const m = await messageOf(alice, 'c2c_bob', sent.id);
      return m && m.reactions.length > 0 && !m.hasPendingChanges ? m : null;
    }, 10_000, 'the reaction');
    expect(reacted.reactions).toEqual([{ emoji: '👍', userIds: ['bob'], mine: false }]);

    // M14: a reply carries the server's quote.
    const reply = await bob.call('messages:send', { conversationId: 'c2c_alice', text: '好的', replyToId: sent.id });
    const quoted = await alice.waitFor(async () => (await messageOf(alice, 'c2c_bob', reply.id))?.replyTo, 10_000, 'the reply');
    expect(quoted).toMatchObject({ messageId: sent.id, from: 'alice', seq: 1 });

    // M11: search works from the local store, newest hit first, marked.
    const found = await bob.call('search:messages', { query: '发票', limit: 100 });
    expect(found.groups).toMatchObject([{ conversationId: 'c2c_alice', hits: [{ message: { id: sent.id }, snippet: '请把这个月的\uE000发票\uE001发给我' }] }]);

    // M5: a recall within the window: everyone sees it recalled; alice keeps her text to re-edit.
    await alice.call('messages:recall', { id: sent.id });
    await bob.waitFor(async () => (await messageOf(bob, 'c2c_alice', sent.id))?.recalled, 10_000, 'the recall');
    expect(await messageOf(bob, 'c2c_alice', sent.id)).toMatchObject({ body: [], recalledText: null });
    const mine = await alice.waitFor(async () => {
      const m = await messageOf(alice, 'c2c_bob', sent.id);
      return m?.recalled && !m.hasPendingChanges ? m : null;
    }, 10_000, 'the recall confirmed');
    expect(mine.recalledText).toBe('请把这个月的发票发给我');
    expect((await bob.call('search:messages', { query: '发票', limit: 100 })).groups).toEqual([]);

    // M10: delete for me removes it on bob's side only.
    await bob.call('messages:deleteForMe', { ids: [reply.id] });
    expect((await allMessages(bob, 'c2c_alice')).map((m) => m.id)).toEqual([sent.id]);
    expect((await allMessages(alice, 'c2c_bob')).map((m) => m.id)).toEqual([sent.id, reply.id]);

    // M12: pin and a draft; a second device of alice gets the pin from the server.
    await alice.call('conversations:setSettings', { conversationId: 'c2c_bob', pinned: true });
    await alice.call('conversations:setDraft', { conversationId: 'c2c_bob', text: 'unfinished' });
    expect(await alice.call('conversations:list', {})).toMatchObject([{ id: 'c2c_bob', pinned: true, draft: 'unfinished' }]);
    await alice.waitFor(async () => !(await alice.call('messages:page', { conversationId: 'c2c_bob', limit: 1 })).messages[0]?.hasPendingChanges);
    const alice2 = await startTestCore({ serverUrl: server.url, name: 'alice-laptop' });
    cleanups.push(() => alice2.dispose());
    await alice2.call('session:signIn', { serverUrl: server.url, userId: 'alice', password: 'correct-horse-battery' });
    await alice2.waitFor(async () => (await alice2.call('conversations:list', {}))[0]?.pinned, 15_000, 'the pin on the second device');
    expect((await alice2.call('conversations:list', {}))[0]).toMatchObject({ draft: null });

    // M10: clearing empties bob's history here and stays cleared after a restart.
    await bob.call('conversations:clear', { conversationId: 'c2c_alice' });
    expect(await allMessages(bob, 'c2c_alice')).toEqual([]);
    const bobAgain = await bob.restart();
    cleanups.push(() => bobAgain.dispose());
    await online(bobAgain);
    await bobAgain.waitFor(async () => (await bobAgain.call('conversations:list', {})).length === 1, 10_000, 'catch-up');
    expect(await allMessages(bobAgain, 'c2c_alice')).toEqual([]);
  }, 90_000);
});
