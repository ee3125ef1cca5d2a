import { afterAll, describe, expect, it } from 'vitest';
import { groupConversationId, MsgElem, type ChatMessage, type Conversation, type GroupConversation } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer } from '../support/server';

/**
 * ADR 0005 through real cores and a real server: a topic resolved on one device shows resolved on others, and
 * messages moved between topics reach every member's store — live, and on a device that was offline — as
 * copies with new seqs in the target that leave the source's timeline, with read state carried over.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

const textOf = (m: ChatMessage | undefined) => {
  const first = MsgElem.safeParse(m?.body[0]);
  return first.success && first.data.MsgType === 'TIMTextElem' ? first.data.MsgContent.Text : null;
};

async function row(core: TestCore, id: string): Promise<GroupConversation | undefined> {
  const list: Conversation[] = await core.call('conversations:list', {});
  return list.find((c): c is GroupConversation => c.kind === 'group' && c.id === id);
}

const page = async (core: TestCore, conversationId: string): Promise<ChatMessage[]> =>
  (await core.call('messages:page', { conversationId, limit: 50 })).messages;

describe('core against the real server: resolving topics and moving their messages (ADR 0005)', () => {
  it('G7 resolve and move reach every device; an offline device catches up; read state carries over', async () => {
    const at = await startTestServer();
    cleanups.push(() => at.stop({ removeData: true }));
    const people = new Map<string, TestCore>();
    for (const userId of ['alice', 'bob', 'carol']) {
      const core = await startTestCore({ serverUrl: at.url, name: userId });
      cleanups.push(() => core.dispose());
      await core.signUp(userId);
      await online(core);
      people.set(userId, core);
    }
    const alice = people.get('alice')!;
    const bob = people.get('bob')!;
    let carol = people.get('carol')!;

    const community = (await alice.call('groups:create', { type: 'Community', name: 'Makers', members: ['bob', 'carol'] })).group.group.groupId;
    const general = (await alice.call('topics:create', { groupId: community, name: 'general' })).topic.topicId;
    const plans = (await alice.call('topics:create', { groupId: community, name: 'plans' })).topic.topicId;
    const generalId = groupConversationId(community, general);
    const plansId = groupConversationId(community, plans);
    await alice.call('conversations:openGroup', { groupId: community, topicId: general });
    for (const text of ['hi', 'trip on Saturday?', 'the lake', 'bring snacks']) await alice.call('messages:send', { conversationId: generalId, text });
    await bob.waitFor(async () => (await row(bob, generalId))?.unreadCount === 4, 20_000, 'bob has the four messages');
    const bobPage = await page(bob, generalId);
    await bob.call('conversations:markRead', { conversationId: generalId, upToSeq: Math.max(...bobPage.map((m) => m.seq ?? 0)) });
    await carol.waitFor(async () => (await row(carol, generalId))?.unreadCount === 4, 20_000, 'carol has the four messages');
    await carol.close();

    // Bob resolves; Alice's cache hears of it.
    const { topic } = await bob.call('topics:setResolved', { topicId: general, resolved: true });
    expect(topic).toMatchObject({ resolvedBy: 'bob' });
    await alice.waitFor(
      async () => (await alice.call('topics:list', { groupId: community })).topics.find((t) => t.topicId === general)?.resolvedAt !== null,
      20_000,
      'alice sees general resolved',
    );

    const trip = bobPage.find((m) => textOf(m) === 'trip on Saturday?')!;
    expect(await alice.call('topics:moveMessages', { fromTopicId: general, fromSeq: trip.seq!, scope: 'later', target: { topicId: plans } })).toEqual({
      toTopicId: plans,
      moved: 3,
      remaining: 0,
    });

    // Bob, online: tombstones in general, copies in plans, nothing unread (he had read them all).
    const moved = await bob.waitFor(
      async () => {
        const copies = (await page(bob, plansId)).filter((m) => m.movedFrom !== null);
        return copies.length === 3 ? copies : undefined;
      },
      20_000,
      'bob has the copies',
    );
    expect(moved.map(textOf)).toEqual(['trip on Saturday?', 'the lake', 'bring snacks']);
    expect(moved[0]?.movedFrom).toMatchObject({ conversationId: generalId, seq: trip.seq });
    // What moved leaves general's timeline (its seqs stay, as tombstones in the store); the tip says where it went.
    const left = await bob.waitFor(
      async () => {
        const messages = await page(bob, generalId);
        return messages.filter((m) => !m.isTip).length === 1 ? messages : undefined;
      },
      20_000,
      'general keeps only "hi" for bob',
    );
    expect(textOf(left.find((m) => !m.isTip))).toBe('hi');
    expect(left.at(-1)?.body[0]).toMatchObject({ MsgContent: { Kind: 'messagesMoved', Changes: { Count: '3', FirstMessageId: moved[0]?.id } } });
    expect(left.some((m) => m.id === trip.id)).toBe(false);
    expect((await row(bob, plansId))?.unreadCount).toBe(0);

    // Carol was offline: she catches up on restart; what she had not read now waits in plans, not general.
    carol = await carol.restart();
    cleanups.push(() => carol.dispose());
    await online(carol);
    await carol.waitFor(async () => (await page(carol, generalId)).filter((m) => !m.isTip).map(textOf).join() === 'hi', 20_000, 'general keeps only "hi" for carol');
    await carol.waitFor(async () => (await row(carol, plansId))?.unreadCount === 3, 20_000, 'carol has the copies unread');
    expect((await row(carol, generalId))?.unreadCount).toBe(1);
  });
});
