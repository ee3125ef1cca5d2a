import { plainTextOf } from '../../shared/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';
import { allMessages } from './history';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

describe('outbox across a server outage and an app restart', () => {
  it('M4 three messages sent with the server down survive a restart and arrive exactly once, in order', async () => {
    let server: TestServer = await startTestServer();
    const { port, dataDir: serverData } = server;
    cleanups.push(() => server.stop({ removeData: true }));
    let alice = await startTestCore({ serverUrl: server.url, name: 'alice' });
    const bob = await startTestCore({ serverUrl: server.url, name: 'bob' });
    cleanups.push(() => alice.dispose(), () => bob.dispose());
    await alice.signUp('alice');
    await bob.signUp('bob');
    await online(alice);
    await alice.call('conversations:open', { peer: 'bob' });
    await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'before the outage' });
    await bob.waitFor(async () => (await allMessages(bob, 'c2c_alice')).length === 1, 10_000, 'the first message');

    await server.stop();
    await alice.waitFor(() => alice.eventsOf('connection:changed').at(-1)?.status !== 'online', 10_000, 'alice offline');
    const texts = ['one', 'two', 'three'];
    const ids: string[] = [];
    for (const text of texts) {
      const sent = await alice.call('messages:send', { conversationId: 'c2c_bob', text });
      expect(sent.status).toBe('pending');
      ids.push(sent.id);
    }

    // The app restarts while the server is still down: the pending messages are still there, still pending.
    alice = await alice.restart();
    cleanups.push(() => alice.dispose());
    expect(await alice.call('session:get', {})).toMatchObject({ state: 'signedIn', userId: 'alice' });
    const restored = await allMessages(alice, 'c2c_bob');
    expect(restored.map((m) => [m.id, m.status])).toEqual([
      [restored[0]?.id, 'sent'],
      ...ids.map((id) => [id, 'pending']),
    ]);

    server = await startTestServer({ port, dataDir: serverData });
    const delivered = await bob.waitFor(
      async () => {
        const messages = await allMessages(bob, 'c2c_alice');
        return messages.length >= 4 ? messages : null;
      },
      30_000,
      'bob to receive the three',
    );
    expect(delivered.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(delivered.slice(1).map((m) => [m.id, plainTextOf(m.body)])).toEqual(
      ids.map((id, i) => [id, texts[i]]),
    );
    const mine = await alice.waitFor(
      async () => {
        const messages = await allMessages(alice, 'c2c_bob');
        return messages.every((m) => m.status === 'sent') ? messages : null;
      },
      10_000,
      "alice's three to be acknowledged",
    );
    expect(mine.map((m) => m.id)).toEqual(delivered.map((m) => m.id));
    // Exactly once on the server too, even though the first attempts may have been cut off.
    const stored = server.store.db.raw.prepare('SELECT count(*) AS n FROM messages').get() as { n: number };
    expect(stored.n).toBe(4);
    await new Promise((r) => setTimeout(r, 300));
    expect((await allMessages(bob, 'c2c_alice')).length).toBe(4);
  });
});
