import { afterAll, describe, expect, it } from 'vitest';
import { groupConversationId, MsgElem, type ChatMessage, type Conversation, type GroupConversation } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';

/**
 * ADR 0004 WP5 (receive path): real cores against a real server, groups made through the
 * core's own group requests. What a member's core stores, counts and shows for group and
 * topic conversations — live and after being offline — and what it never stores (seq 0).
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

/** The text of a one-element text message (a stored body's elements are checked by MsgElem). */
const textOf = (m: ChatMessage | null | undefined) => {
  const first = MsgElem.safeParse(m?.body[0]);
  return first.success && first.data.MsgType === 'TIMTextElem' ? first.data.MsgContent.Text : null;
};

async function groupRow(core: TestCore, id: string): Promise<GroupConversation | undefined> {
  const list: Conversation[] = await core.call('conversations:list', {});
  return list.find((c): c is GroupConversation => c.kind === 'group' && c.id === id);
}

/** Waits until the member's core lists the conversation with a last message saying `text`. */
function waitForLast(core: TestCore, id: string, text: string): Promise<GroupConversation> {
  return core.waitFor(
    async () => {
      const row = await groupRow(core, id);
      return row && textOf(row.lastMessage) === text ? row : undefined;
    },
    20_000,
    `"${text}" in ${id}`,
  );
}

async function page(core: TestCore, conversationId: string): Promise<ChatMessage[]> {
  return (await core.call('messages:page', { conversationId, limit: 50 })).messages;
}

describe('core against the real server: group and topic conversations (ADR 0004 WP5)', () => {
  it('Work and Meeting: live and catch-up delivery, unread per type, mentions, tips, name cards', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    let carol = await person(at, 'carol');

    const work = (await alice.call('groups:create', { type: 'Work', name: 'Ship it', members: ['bob', 'carol'] })).group.group.groupId;
    const meeting = (await alice.call('groups:create', { type: 'Meeting', name: 'Standup', members: ['bob'] })).group.group.groupId;
    const workId = groupConversationId(work);
    const meetingId = groupConversationId(meeting);
    await alice.call('groups:setMemberInfo', { groupId: work, userId: 'alice', nameCard: 'Captain Alice' });
    // A Work group is the owner's alone until its first message (ADR 0004 §3 activation): Bob sees the Meeting only.
    await bob.waitFor(async () => (await bob.call('groups:joined', {})).groups.length === 1, 20_000, 'bob in the meeting');

    // A Work group before its first message: the owner opens it (the row is made here), then sends.
    const opened = await alice.call('conversations:openGroup', { groupId: work });
    expect(opened).toMatchObject({ kind: 'group', id: workId, groupType: 'Work', group: { name: 'Ship it' }, left: false });
    await alice.call('messages:send', { conversationId: workId, text: 'hello team' });

    // Bob gets it live, counted unread; his own reply does not count.
    const live = await waitForLast(bob, workId, 'hello team');
    expect(live).toMatchObject({ groupId: work, topicId: null, group: { name: 'Ship it' }, unreadCount: 1, unreadMention: null });
    await bob.call('messages:send', { conversationId: workId, text: 'on it' });
    await waitForLast(bob, workId, 'on it');
    expect((await groupRow(bob, workId))?.unreadCount).toBe(1);

    // Sender line: the name card. Nobody opened the member list: the core caches a small group's by itself.
    const named = await bob.waitFor(
      async () => (await page(bob, workId)).find((m) => textOf(m) === 'hello team' && m.senderName === 'Captain Alice'),
      10_000,
      'name card as sender name',
    );
    expect(named).toMatchObject({ isOwn: false, isTip: false, mentionsMe: false });

    // Carol is offline while she is mentioned; her core catches up on restart.
    await carol.close();
    await alice.call('messages:send', { conversationId: workId, text: '@carol ping', groupAt: { all: false, userIds: ['carol'] } });
    await alice.call('messages:send', { conversationId: workId, text: 'and everyone else' });
    carol = await carol.restart();
    cleanups.push(() => carol.dispose());
    const caughtUp = await waitForLast(carol, workId, 'and everyone else');
    expect(caughtUp).toMatchObject({ unreadMention: 'me' });
    // hello team, @carol ping, and everyone else (Alice) + on it (Bob): tips are not counted.
    expect(caughtUp.unreadCount).toBe(4);
    const carolPage = await page(carol, workId);
    expect(carolPage.find((m) => textOf(m) === '@carol ping')).toMatchObject({ mentionsMe: true, groupAt: { all: false, userIds: ['carol'] } });
    const seqs = carolPage.filter((m) => !m.isTip).map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => (a ?? 0) - (b ?? 0)));
    await carol.call('conversations:markRead', { conversationId: workId, upToSeq: Math.max(...carolPage.map((m) => m.seq ?? 0)) });
    expect(await groupRow(carol, workId)).toMatchObject({ unreadCount: 0, unreadMention: null });

    // A membership change is a tip: stored, shown as isTip, never unread.
    const lastSeqBefore = Math.max(...(await page(bob, workId)).map((m) => m.seq ?? 0));
    await alice.call('groups:kick', { groupId: work, userIds: ['carol'] });
    const tip = await bob.waitFor(async () => (await page(bob, workId)).find((m) => m.isTip && (m.seq ?? 0) > lastSeqBefore), 20_000, 'the kick tip');
    expect(tip.body[0]?.MsgType).toBe('TIMGroupTipElem');
    expect((await groupRow(bob, workId))?.unreadCount).toBe(3);
    // Carol left: her copy stays readable and says so.
    await carol.waitFor(async () => (await groupRow(carol, workId))?.left === true, 20_000, 'carol marked as left');
    // Her group cache no longer holds it; the conversation keeps the name it was shown with.
    expect((await carol.call('groups:joined', {})).groups).toEqual([]);
    expect((await groupRow(carol, workId))?.group.name).toBe('Ship it');
    expect((await page(carol, workId)).some((m) => textOf(m) === '@carol ping')).toBe(true);

    // Meeting: messages arrive, unread stays 0.
    await alice.call('conversations:openGroup', { groupId: meeting });
    await alice.call('messages:send', { conversationId: meetingId, text: 'standup in 5' });
    const standup = await waitForLast(bob, meetingId, 'standup in 5');
    expect(standup).toMatchObject({ groupType: 'Meeting', unreadCount: 0 });
  });

  it('AVChatRoom: seq-0 messages are shown live, never stored, gone after a restart', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const room = (await alice.call('groups:create', { type: 'AVChatRoom', name: 'Live show' })).group.group.groupId;
    const roomId = groupConversationId(room);
    expect(await bob.call('groups:apply', { groupId: room })).toEqual({ outcome: 'joined' });
    await bob.waitFor(async () => (await bob.call('groups:joined', {})).groups.length === 1, 20_000, 'bob in the room');
    // Bob never opens the room: its first live message lists it.
    await alice.call('conversations:openGroup', { groupId: room });

    const sent = await alice.call('messages:send', { conversationId: roomId, text: 'welcome, everyone' });
    expect(sent).toMatchObject({ seq: 0, status: 'sent' });
    const shown = await waitForLast(bob, roomId, 'welcome, everyone');
    expect(shown).toMatchObject({ groupType: 'AVChatRoom', unreadCount: 0 });
    // Bob's own joining was an online tip (seq 0 too): shown, never stored.
    expect((await page(bob, roomId)).filter((m) => !m.isTip).map(textOf)).toEqual(['welcome, everyone']);
    expect(bob.eventsOf('messages:changed').some((e) => e.conversationId === roomId && e.messages.some((m) => m.seq === 0))).toBe(true);

    // A late joiner (here: the same person after a restart) sees nothing of it, as on the server.
    const again = await bob.restart();
    cleanups.push(() => again.dispose());
    await online(again);
    expect(await page(again, roomId)).toEqual([]);
  });

  it('a community topic is its own conversation, named after the topic, delivered live', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const community = (await alice.call('groups:create', { type: 'Community', name: 'Makers', members: ['bob'] })).group.group.groupId;
    const { topic } = await alice.call('topics:create', { groupId: community, name: 'Soldering' });
    await bob.waitFor(async () => (await bob.call('topics:list', { groupId: community })).topics.length === 1, 20_000, 'bob sees the topic');
    const topicConversation = groupConversationId(community, topic.topicId);
    expect(await alice.call('conversations:openGroup', { groupId: community, topicId: topic.topicId })).toMatchObject({
      id: topicConversation,
      topic: { name: 'Soldering' },
    });
    await alice.call('messages:send', { conversationId: topicConversation, text: 'flux or no flux?' });
    const row = await waitForLast(bob, topicConversation, 'flux or no flux?');
    expect(row).toMatchObject({ groupId: community, topicId: topic.topicId, groupType: 'Community', group: { name: 'Makers' }, topic: { name: 'Soldering' }, unreadCount: 1 });
  });

  it('M6 a receipt message shows its read/unread counts to its sender, live and on a device that was offline', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const carol = await person(at, 'carol');
    const team = (await alice.call('groups:create', { type: 'Public', name: 'Team', members: ['bob', 'carol'] })).group.group.groupId;
    const teamId = groupConversationId(team);
    await alice.call('conversations:openGroup', { groupId: team });
    const asked = await alice.call('messages:send', { conversationId: teamId, text: 'please read', needReceipt: true });
    const received = await waitForLast(bob, teamId, 'please read');
    expect(received.lastMessage).toMatchObject({ needReceipt: true, receipt: null, isOwn: false });

    await bob.call('conversations:markRead', { conversationId: teamId, upToSeq: received.lastMessage?.seq ?? 0 });
    const counted = await alice.waitFor(
      () => alice.eventsOf('messages:changed').flatMap((e) => e.messages).find((m) => m.id === asked.id && m.receipt !== null),
      20_000,
      'receipt counts pushed to the sender',
    );
    expect(counted.receipt).toEqual({ readCount: 1, unreadCount: 1 });

    // Carol reads while Alice's core is down: the catch-up page brings the new counts.
    await alice.close();
    await waitForLast(carol, teamId, 'please read');
    await carol.call('conversations:markRead', { conversationId: teamId, upToSeq: received.lastMessage?.seq ?? 0 });
    const again = await alice.restart();
    cleanups.push(() => again.dispose());
    await online(again);
    await again.waitFor(
      async () => (await page(again, teamId)).find((m) => m.id === asked.id)?.receipt?.readCount === 2,
      20_000,
      'counts refreshed on connect',
    );
    expect((await page(again, teamId)).find((m) => m.id === asked.id)?.receipt).toEqual({ readCount: 2, unreadCount: 0 });
  });
});
