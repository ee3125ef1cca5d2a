import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';
import { allMessages } from './history';
import { fetchMedia, sha256, stageFile } from './mediaFiles';

/**
 * ADR 0004 WP5: group sends from real cores against the real server. The server is the judge of what
 * was stored: its rows for the group (seq order, tips included) are read directly.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function person(at: TestServer, userId: string): Promise<TestCore> {
  const core = await startTestCore({ serverUrl: at.url, name: userId });
  cleanups.push(() => core.dispose());
  await core.signUp(userId);
  await online(core);
  return core;
}

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options);
  cleanups.push(() => started.stop({ removeData: true }));
  return started;
}

interface StoredRow {
  seq: number;
  id: string;
  isTip: boolean;
}

/** The group conversation's messages as the server stored them, by seq. */
function storedRows(at: TestServer, groupKey: string): StoredRow[] {
  const rows = at.store.db.raw
    .prepare(
      `SELECT m.seq AS seq, m.sender || ':' || m.client_msg_id AS id, m.is_tip AS isTip
       FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.group_key = ? ORDER BY m.seq`,
    )
    .all(groupKey) as Array<{ seq: number; id: string; isTip: number }>;
  return rows.map((r) => ({ seq: r.seq, id: r.id, isTip: r.isTip === 1 }));
}

/** A member's core has the group in its cache (so it may send there). */
async function hasGroup(core: TestCore, groupId: string): Promise<void> {
  await core.waitFor(async () => (await core.call('groups:joined', {})).groups.some((g) => g.group.groupId === groupId), 15_000, `${groupId} cached`);
}

/** Own messages, not the tips of changes I made (creating the group is one). */
/** How many of this person's own messages are still pending, by the latest event about each. */
function pendingOwn(core: TestCore): number {
  const status = new Map<string, string>();
  for (const { messages } of core.eventsOf('messages:changed')) for (const m of messages) if (m.isOwn) status.set(m.id, m.status);
  return [...status.values()].filter((s) => s === 'pending').length;
}

const own = (messages: ChatMessage[]) => messages.filter((m) => m.isOwn && !m.isTip);
const ownSent = (messages: ChatMessage[]) => own(messages).filter((m) => m.status === 'sent').map((m) => m.id);

describe('group sends through the outbox (ADR 0004 WP5)', () => {
  it('M3 M4 zero lost, zero duplicated group sends across drops, an app restart and a server restart; a third member sees them all in order', async () => {
    let at = await server({ groupMessagesPerSecond: 10_000 });
    const { port, dataDir } = at;
    const alice = await person(at, 'alice');
    let bob = await person(at, 'bob');
    const carol = await person(at, 'carol');
    const { group } = await alice.call('groups:create', { type: 'Work', name: 'Crew', members: ['bob', 'carol'] });
    const groupId = group.group.groupId;
    const conv = `group_${groupId}`;
    const sentBy = { alice: [] as string[], bob: [] as string[] };
    // Work groups wake up with their first message; until then only the owner lists the conversation.
    sentBy.alice.push((await alice.call('messages:send', { conversationId: conv, text: 'kick-off' })).id);
    await hasGroup(bob, groupId);
    await hasGroup(carol, groupId);

    const disruptions: Array<{ what: string; pending: number }> = [];
    const ROUNDS = 10;
    const EACH = 6;
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let i = 0; i < EACH; i += 1) {
        sentBy.alice.push((await alice.call('messages:send', { conversationId: conv, text: `a${round}.${i}` })).id);
        sentBy.bob.push((await bob.call('messages:send', { conversationId: conv, text: `b${round}.${i} 你好` })).id);
      }
      if (round === 2) {
        await online(bob);
        disruptions.push({ what: 'bob drops', pending: pendingOwn(bob) });
        bob.dropConnection();
      }
      if (round === 4) {
        await online(bob);
        disruptions.push({ what: 'bob restarts', pending: pendingOwn(bob) });
        bob = await bob.restart();
        cleanups.push(() => bob.dispose());
      }
      if (round === 6) {
        await online(alice);
        disruptions.push({ what: 'server restarts', pending: pendingOwn(alice) + pendingOwn(bob) });
        await at.stop();
        at = await startTestServer({ port, dataDir, groupMessagesPerSecond: 10_000 });
        cleanups.push(() => at.stop({ removeData: true }));
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const total = sentBy.alice.length + sentBy.bob.length;
    expect(total).toBe(1 + 2 * ROUNDS * EACH);
    // The disruptions hit while sends were still waiting for their acks (else they would prove nothing).
    expect(disruptions.map((d) => d.what)).toEqual(['bob drops', 'bob restarts', 'server restarts']);
    expect(disruptions.filter((d) => d.pending > 0).length).toBeGreaterThanOrEqual(2);

    // Each sender holds every own message as sent, in the order typed.
    for (const [core, ids] of [
      [alice, sentBy.alice],
      [bob, sentBy.bob],
    ] as const) {
      await core.waitFor(
        async () => {
          const mine = own(await allMessages(core, conv));
          return mine.length === ids.length && mine.every((m) => m.status === 'sent');
        },
        60_000,
        'own group sends acknowledged',
      );
      expect(ownSent(await allMessages(core, conv))).toEqual(ids);
    }

    // The server stored each exactly once, gap-free, each sender's in typing order.
    const rows = storedRows(at, groupId);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    const stored = rows.filter((r) => !r.isTip).map((r) => r.id);
    expect(stored).toHaveLength(total);
    expect(new Set(stored)).toEqual(new Set([...sentBy.alice, ...sentBy.bob]));
    expect(stored.filter((id) => id.startsWith('alice:'))).toEqual(sentBy.alice);
    expect(stored.filter((id) => id.startsWith('bob:'))).toEqual(sentBy.bob);

    // Carol, online throughout except for the server restart, holds exactly what the server stored, in seq order.
    const carolSees = await carol.waitFor(
      async () => {
        const messages = (await allMessages(carol, conv)).filter((m) => !m.isTip);
        return messages.length === total ? messages : null;
      },
      60_000,
      'carol to hold every group message',
    );
    expect(carolSees.map((m) => m.id)).toEqual(stored);
  });

  it('M15 a muted member’s send fails with group_member_muted and nothing is stored; after the mute is lifted a retry delivers it once', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const carol = await person(at, 'carol');
    const dave = await person(at, 'dave');
    const { group } = await alice.call('groups:create', { type: 'Public', name: 'Town hall', members: ['bob', 'carol', 'dave'] });
    const groupId = group.group.groupId;
    const conv = `group_${groupId}`;
    await alice.call('messages:send', { conversationId: conv, text: 'welcome' });
    await hasGroup(bob, groupId);
    await alice.call('groups:muteMembers', { groupId, userIds: ['bob'], seconds: 600 });
    await bob.waitFor(
      async () => ((await bob.call('groups:joined', {})).groups.find((g) => g.group.groupId === groupId)?.self.mutedUntil ?? 0) > 0,
      10_000,
      'bob to learn of his mute',
    );
    const before = storedRows(at, groupId).length;

    const sent = await bob.call('messages:send', { conversationId: conv, text: 'can I speak?' });
    const failed = await bob.waitFor(
      async () => (await allMessages(bob, conv)).find((m) => m.id === sent.id && m.status === 'failed'),
      15_000,
      'the muted send to fail',
    );
    expect(failed.error?.code).toBe('group_member_muted');
    expect(storedRows(at, groupId)).toHaveLength(before);
    // Carol and Dave never hear of it.
    await new Promise((r) => setTimeout(r, 300));
    for (const other of [carol, dave]) expect((await allMessages(other, conv)).some((m) => m.id === sent.id)).toBe(false);

    await alice.call('groups:muteMembers', { groupId, userIds: ['bob'], seconds: 0 });
    await bob.call('messages:retry', { id: sent.id });
    await bob.waitFor(async () => (await allMessages(bob, conv)).some((m) => m.id === sent.id && m.status === 'sent'), 15_000, 'the retry');
    expect(storedRows(at, groupId).filter((r) => r.id === sent.id)).toHaveLength(1);
    await carol.waitFor(async () => (await allMessages(carol, conv)).some((m) => m.id === sent.id), 15_000, 'carol to get it');
  });

  it('M15 sends over the group’s per-second limit back off and all deliver once, in order; a live room keeps nothing', async () => {
    const at = await server({ groupMessagesPerSecond: 2 });
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { group } = await alice.call('groups:create', { type: 'Public', name: 'Busy', members: ['bob'] });
    const groupId = group.group.groupId;
    const conv = `group_${groupId}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await alice.call('messages:send', { conversationId: conv, text: `burst ${i}` })).id);
    await alice.waitFor(
      async () => {
        const mine = own(await allMessages(alice, conv));
        return mine.length === ids.length && mine.every((m) => m.status === 'sent');
      },
      30_000,
      'every burst message acknowledged',
    );
    expect(storedRows(at, groupId).filter((r) => !r.isTip).map((r) => r.id)).toEqual(ids);
    await bob.waitFor(async () => (await allMessages(bob, conv)).filter((m) => ids.includes(m.id)).length === ids.length, 15_000, 'bob has them');

    // AVChatRoom: sent directly (seq 0), never stored on the server nor in the sender's store.
    const { group: room } = await alice.call('groups:create', { type: 'AVChatRoom', name: 'Stage' });
    const roomConv = `group_${room.group.groupId}`;
    expect(await bob.call('groups:apply', { groupId: room.group.groupId })).toEqual({ outcome: 'joined' });
    await hasGroup(bob, room.group.groupId);
    const live = await alice.call('messages:send', { conversationId: roomConv, text: 'on air' });
    expect(live).toMatchObject({ seq: 0, status: 'sent', isOwn: true });
    expect(storedRows(at, room.group.groupId)).toEqual([]);
    // Bob, in the room, is shown it live.
    await bob.waitFor(
      () => bob.eventsOf('messages:changed').some((e) => e.conversationId === roomConv && e.messages.some((m) => m.id === live.id)),
      15_000,
      'bob to be shown the live message',
    );
  });

  it('M2 M7 a file sent into a topic reaches another member, who downloads the same bytes; a forward into the group arrives too', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { group } = await alice.call('groups:create', { type: 'Community', name: 'Makers', members: ['bob'] });
    const groupId = group.group.groupId;
    const { topic } = await alice.call('topics:create', { groupId, name: 'Files' });
    const topicConv = `group_${topic.topicId}`;
    const groupConv = `group_${groupId}`;
    await hasGroup(bob, groupId);

    const bytes = randomBytes(300 * 1024);
    const stageId = await stageFile(alice, bytes, 'plan 计划.pdf', 'application/pdf');
    const pending = await alice.call('messages:sendFile', { conversationId: topicConv, stageId, kind: 'file' });
    expect(pending).toMatchObject({ conversationId: topicConv, status: 'pending' });
    const received = await bob.waitFor(
      async () => (await allMessages(bob, topicConv)).find((m) => m.id === pending.id),
      30_000,
      'bob to receive the file in the topic',
    );
    expect(received.body[0]).toMatchObject({ MsgType: 'TIMFileElem', MsgContent: { UUID: sha256(bytes), FileName: 'plan 计划.pdf' } });
    const download = await fetchMedia(bob, sha256(bytes));
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(sha256(bytes));

    await bob.call('messages:forward', { ids: [pending.id], to: [groupConv], mode: 'oneByOne' });
    const forwarded = await alice.waitFor(
      async () => (await allMessages(alice, groupConv)).find((m) => m.from === 'bob' && m.body[0]?.MsgType === 'TIMFileElem'),
      30_000,
      'alice to get the forwarded file in the community conversation',
    );
    expect(forwarded.body[0]).toMatchObject({ MsgContent: { UUID: sha256(bytes) } });
  });

  it('M5 M10 M12 M13 M14 recall, edit, react, pin, receive option and clear in a group conversation reach the server and the other member', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { group } = await alice.call('groups:create', { type: 'Public', name: 'Edits', members: ['bob'] });
    const groupId = group.group.groupId;
    const conv = `group_${groupId}`;
    const first = await alice.call('messages:send', { conversationId: conv, text: 'first draft' });
    const second = await alice.call('messages:send', { conversationId: conv, text: 'oops' });
    await hasGroup(bob, groupId);
    const seen = (core: TestCore, id: string) => async () => (await allMessages(core, conv)).find((m) => m.id === id && m.status === 'sent');
    await bob.waitFor(seen(bob, second.id), 15_000, 'bob to get both');

    await alice.call('messages:edit', { id: first.id, text: 'final text' });
    await alice.call('messages:recall', { id: second.id });
    await bob.call('messages:react', { id: first.id, emoji: '👍', add: true });
    const edited = await bob.waitFor(
      async () => (await allMessages(bob, conv)).find((m) => m.id === first.id && m.editedAt !== null && m.reactions.length === 1),
      15_000,
      'bob to see the edit and his reaction',
    );
    expect(edited.body).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'final text' } }]);
    await bob.waitFor(async () => (await allMessages(bob, conv)).find((m) => m.id === second.id)?.recalled, 15_000, 'bob to see the recall');
    await alice.waitFor(
      async () => (await allMessages(alice, conv)).find((m) => m.id === first.id)?.reactions[0]?.userIds.includes('bob'),
      15_000,
      'alice to see bob’s reaction',
    );

    // Settings: the receive option of a group conversation is the member's MsgFlag on the server.
    await bob.call('conversations:setSettings', { conversationId: conv, pinned: true, recvOpt: 'AcceptNotNotify' });
    await bob.waitFor(
      () => {
        const row = at.store.db.raw.prepare('SELECT msg_flag AS flag FROM group_members WHERE group_id = ? AND user_id = ?').get(groupId, 'bob') as
          | { flag: string }
          | undefined;
        return row?.flag === 'AcceptNotNotify';
      },
      15_000,
      'the server to hold bob’s MsgFlag',
    );
    const listed = (await bob.call('conversations:list', {})).find((c) => c.id === conv);
    expect(listed).toMatchObject({ pinned: true, recvOpt: 'AcceptNotNotify' });

    // Clear: gone here at once; a second device of bob's, signed in afterwards, lists the conversation without it.
    await bob.call('conversations:clear', { conversationId: conv });
    expect(await allMessages(bob, conv)).toEqual([]);
    await bob.waitFor(
      () =>
        (at.store.db.raw.prepare('SELECT count(*) AS n FROM group_conversation_members WHERE user_id = ? AND cleared_seq > 0').get('bob') as { n: number })
          .n > 0,
      15_000,
      'the server to record the clear',
    );
    const device = await startTestCore({ serverUrl: at.url, name: 'bob-second' });
    cleanups.push(() => device.dispose());
    await device.call('session:signIn', { serverUrl: at.url, userId: 'bob', password: 'correct-horse-battery' });
    await online(device);
    await device.waitFor(async () => (await device.call('conversations:list', {})).some((c) => c.id === conv), 15_000, 'the second device lists it');
    expect((await allMessages(device, conv)).filter((m) => !m.isTip)).toEqual([]);
  });
});
