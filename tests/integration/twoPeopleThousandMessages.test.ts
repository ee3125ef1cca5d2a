import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';
import { allMessages } from './history';

const TOTAL = 1_000;
const ROUNDS = 50;
const PER_ROUND_EACH = TOTAL / ROUNDS / 2;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** How many of this person's own messages are still pending, by the latest event about each. */
function pendingOwn(person: TestCore): number {
  const status = new Map<string, string>();
  for (const { messages } of person.eventsOf('messages:changed')) for (const m of messages) if (m.isOwn) status.set(m.id, m.status);
  return [...status.values()].filter((s) => s === 'pending').length;
}

/** How many distinct messages the renderer has been told about, as sent, over these cores' lifetimes. */
function deliveredLive(cores: TestCore[]): number {
  const status = new Map<string, string>();
  for (const core of cores) for (const { messages } of core.eventsOf('messages:changed')) for (const m of messages) status.set(m.id, m.status);
  return [...status.values()].filter((s) => s === 'sent').length;
}

/** How many times the person's connection came (back) online. */
function onlineCount(person: TestCore): number {
  return person.eventsOf('connection:changed').filter((s) => s.status === 'online').length;
}

function summary(messages: ChatMessage[]) {
  return messages.map((m) => `${m.seq}:${m.id}`);
}

describe('two people, 1,000 messages, drops and a server restart', () => {
  it('M3 M4 M6 zero lost, zero duplicated, identical order, unread counts and read receipts right', async () => {
    let server: TestServer = await startTestServer();
    const { port, dataDir: serverData } = server;
    cleanups.push(() => server.stop({ removeData: true }));

    const alice = await startTestCore({ serverUrl: server.url, name: 'alice' });
    let bob = await startTestCore({ serverUrl: server.url, name: 'bob' });
    cleanups.push(() => alice.dispose(), () => bob.dispose());
    await alice.signUp('alice');
    await bob.signUp('bob');
    await alice.waitFor(() => alice.core.api['session:get']({}).then((s) => s.state === 'signedIn'));
    const aliceConv = (await alice.call('conversations:open', { peer: 'bob' })).id;
    const bobConv = (await bob.call('conversations:open', { peer: 'alice' })).id;
    expect([aliceConv, bobConv]).toEqual(['c2c_bob', 'c2c_alice']);

    const sentBy = { alice: [] as string[], bob: [] as string[] };
    const online = (person: TestCore) =>
      person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');
    await online(alice);
    await online(bob);
    const bobCores = [bob];
    const disruptions: Array<{ what: string; pendingAtBob: number }> = [];

    for (let round = 0; round < ROUNDS; round += 1) {
      if (round === ROUNDS - 1) {
        // The last drop comes before the last round: Alice's final messages reach the server while Bob is away,
        // and nothing follows them, so Bob gets them only by catching up when he is back.
        await online(bob);
        disruptions.push({ what: 'bob drops', pendingAtBob: pendingOwn(bob) });
        bob.dropConnection();
      }
      // Interleaved, as two people typing at once would: a, b, a, b …
      for (let i = 0; i < PER_ROUND_EACH; i += 1) {
        sentBy.alice.push((await alice.call('messages:send', { conversationId: aliceConv, text: `a${round}.${i} 你好` })).id);
        sentBy.bob.push((await bob.call('messages:send', { conversationId: bobConv, text: `b${round}.${i}` })).id);
      }
      // Bob's connection goes down three times, mid-stream, with sends in flight.
      if (round === 8) {
        await online(bob);
        disruptions.push({ what: 'bob drops', pendingAtBob: pendingOwn(bob) });
        bob.dropConnection();
      }
      if (round === 18) {
        // The third time, Bob's app restarts (a new core on the same data folder).
        await online(bob);
        disruptions.push({ what: 'bob restarts', pendingAtBob: pendingOwn(bob) });
        bob = await bob.restart();
        bobCores.push(bob);
        cleanups.push(() => bob.dispose());
      }
      if (round === 26) {
        // The server dies and comes back on the same port with the same data.
        await online(alice);
        await online(bob);
        disruptions.push({ what: 'server restarts', pendingAtBob: pendingOwn(bob) });
        await server.stop();
        server = await startTestServer({ port, dataDir: serverData });
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(sentBy.alice).toHaveLength(TOTAL / 2);
    expect(sentBy.bob).toHaveLength(TOTAL / 2);
    // Each disruption hit a live connection while Bob still had sends waiting for their ack.
    expect(disruptions.map((d) => d.what)).toEqual(['bob drops', 'bob restarts', 'server restarts', 'bob drops']);
    expect(disruptions.filter((d) => d.pendingAtBob > 0).length).toBeGreaterThanOrEqual(3);

    await online(alice);
    await online(bob);
    // First, what an open chat shows live: every message reaches each side through events, without any
    // scrolling back (which would fetch missed history on its own). This is catch-up and gap fill at work.
    await alice.waitFor(() => deliveredLive([alice]) === TOTAL, 60_000, 'alice to be told of all 1,000 messages');
    await bob.waitFor(() => deliveredLive(bobCores) === TOTAL, 60_000, 'bob to be told of all 1,000 messages');
    const settled = async (person: TestCore, conversationId: string) => {
      const messages = await allMessages(person, conversationId);
      return messages.length === TOTAL && messages.every((m) => m.status === 'sent') ? messages : null;
    };
    const aliceSees = await alice.waitFor(() => settled(alice, aliceConv), 60_000, 'alice to hold all 1,000 messages as sent');
    const bobSees = await bob.waitFor(() => settled(bob, bobConv), 60_000, 'bob to hold all 1,000 messages as sent');
    // Bob came back after both drops and the server restart (first core: start, drop, back; second: start, server, drop).
    expect(bobCores.map(onlineCount)).toEqual([2, 3]);
    expect(onlineCount(alice)).toBe(2);

    // Gap-free seqs 1..1000 on both sides, nothing doubled.
    const expectedSeqs = Array.from({ length: TOTAL }, (_, i) => i + 1);
    expect(aliceSees.map((m) => m.seq)).toEqual(expectedSeqs);
    expect(bobSees.map((m) => m.seq)).toEqual(expectedSeqs);
    expect(new Set(aliceSees.map((m) => m.id)).size).toBe(TOTAL);
    // The same messages in the same order on both sides.
    expect(summary(bobSees)).toEqual(summary(aliceSees));
    // Nothing lost: exactly what was sent, each person's own in the order they typed them.
    expect(new Set(aliceSees.map((m) => m.id))).toEqual(new Set([...sentBy.alice, ...sentBy.bob]));
    expect(aliceSees.filter((m) => m.from === 'alice').map((m) => m.id)).toEqual(sentBy.alice);
    expect(aliceSees.filter((m) => m.from === 'bob').map((m) => m.id)).toEqual(sentBy.bob);
    expect(aliceSees.filter((m) => m.isOwn).length).toBe(TOTAL / 2);
    expect(bobSees.filter((m) => m.isOwn).map((m) => m.id)).toEqual(sentBy.bob);
    // The server stored each exactly once.
    const stored = server.store.db.raw.prepare('SELECT count(*) AS n FROM messages').get() as { n: number };
    expect(stored.n).toBe(TOTAL);

    // Unread: nobody has read anything yet, so each sees the other's 500.
    const unread = async (person: TestCore) => (await person.call('conversations:list', {}))[0]?.unreadCount;
    expect(await unread(alice)).toBe(TOTAL / 2);
    expect(await unread(bob)).toBe(TOTAL / 2);

    // Alice reads: her count drops to 0; Bob sees all his messages read.
    await alice.call('conversations:markRead', { conversationId: aliceConv, upToSeq: TOTAL });
    expect(await unread(alice)).toBe(0);
    await bob.waitFor(
      async () => (await allMessages(bob, bobConv)).filter((m) => m.isOwn).every((m) => m.readByPeer),
      20_000,
      "bob's messages to show as read by alice",
    );
    expect((await allMessages(bob, bobConv)).filter((m) => !m.isOwn).some((m) => m.readByPeer)).toBe(false);
    expect(await unread(bob)).toBe(TOTAL / 2);
    expect((await allMessages(alice, aliceConv)).filter((m) => m.isOwn).some((m) => m.readByPeer)).toBe(false);
  });
});
