import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_PERMISSION, type MsgBody, type ServerMessage, TOPIC_PERMISSION, groupConversationId } from '../../../../shared/domain';
import { type TestSocket, call, collect, eventually, nextPush, request } from '../../testing/socketClient';
import { socketPeople } from '../../testing/socketPeople';
import { type TestServer, startTestServer } from '../../testing/testServer';

/** ADR 0005 over the real socket: resolving topics and moving their messages (issue 5, beyond the seed). */

let server: TestServer;
let sent = 0;

beforeAll(async () => {
  server = await startTestServer({
    requestLimits: { send: { burst: 1e4, perSecond: 1e4 }, typing: { burst: 10, perSecond: 2 }, other: { burst: 1e4, perSecond: 1e4 } },
  });
});
afterAll(async () => {
  closeAll();
  await server.stop({ removeData: true });
});

const { people, idOf, closeAll } = socketPeople(() => server);
const failure = (code: string) => ({ ok: false, error: { code } });
const text = (t: string): MsgBody => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const clientId = () => `ta-${String((sent += 1)).padStart(8, '0')}`;

/** A community owned by the first socket, the others ordinary members, with topics of these names. */
async function community(owner: TestSocket, members: TestSocket[], ...topicNames: string[]): Promise<{ groupId: string; topics: string[] }> {
  const { group } = await call(owner, 'group:create', { type: 'Community', name: 'guild' });
  for (const member of members) await call(member, 'group:apply', { groupId: group.groupId });
  const topics: string[] = [];
  for (const name of topicNames) topics.push((await call(owner, 'topic:create', { groupId: group.groupId, name })).topic.topicId);
  return { groupId: group.groupId, topics };
}

const conversation = (topicId: string) => groupConversationId(topicId.split('@TOPIC#')[0]!, topicId);

async function say(socket: TestSocket, topicId: string, words: string, extra: { replyTo?: string } = {}): Promise<ServerMessage> {
  return (await call(socket, 'message:send', { groupConversationId: conversation(topicId), clientMsgId: clientId(), body: text(words), ...extra })).message;
}

async function page(socket: TestSocket, topicId: string): Promise<ServerMessage[]> {
  return (await call(socket, 'sync:messagesAfter', { conversationId: conversation(topicId), afterSeq: 0, limit: 100 })).messages;
}

const tipKinds = (messages: ServerMessage[]) =>
  messages.filter((m) => m.isTip).map((m) => (m.body[0]?.MsgContent as { Kind: string; Changes: Record<string, string> }));

async function unread(socket: TestSocket, topicId: string): Promise<number | undefined> {
  const { conversations } = await call(socket, 'sync:conversations', {});
  return conversations.find((c) => c.conversationId === conversation(topicId))?.unreadCount;
}

describe('ADR 0005 resolving a topic', () => {
  it('G7 resolve: a member who may send marks the topic resolved and reopens it; everyone is told and a tip is stored in the topic', async () => {
    const [owner, member, other] = await people('rown', 'rmem', 'roth');
    const { topics } = await community(owner!, [member!, other!], 'bugs');
    const topicId = topics[0]!;
    const pushed = nextPush(other!, 'topic:changed');
    const { topic } = await call(member!, 'topic:setResolved', { topicId, resolved: true });
    expect(topic).toMatchObject({ resolvedBy: idOf('rmem') });
    expect(topic.resolvedAt).toBeGreaterThan(0);
    expect((await pushed).topic).toMatchObject({ topicId, resolvedBy: idOf('rmem') });
    // Resolving again changes nothing.
    expect((await call(owner!, 'topic:setResolved', { topicId, resolved: true })).topic.infoSeq).toBe(topic.infoSeq);
    const reopened = (await call(other!, 'topic:setResolved', { topicId, resolved: false })).topic;
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedBy: null });
    const tips = tipKinds(await page(member!, topicId));
    expect(tips.map((t) => t.Kind)).toEqual(['topicResolved', 'topicReopened']);
    expect(await unread(other!, topicId)).toBe(0);
  });

  it('G7 resolve: a muted member, a member without SendTopicMessage and an outsider may not resolve', async () => {
    const [owner, muted, outsider] = await people('mown', 'mmut', 'mout');
    const { groupId, topics } = await community(owner!, [muted!], 'ops', 'readonly');
    await call(owner!, 'group:muteMembers', { groupId, userIds: [idOf('mmut')], seconds: 600 });
    expect(await request(muted!, 'topic:setResolved', { topicId: topics[0]!, resolved: true })).toMatchObject(failure('group_member_muted'));
    await call(owner!, 'group:muteMembers', { groupId, userIds: [idOf('mmut')], seconds: 0 });
    await call(owner!, 'topic:update', { topicId: topics[1]!, defaultPermissions: TOPIC_PERMISSION.GetTopicHistoryMessage });
    expect(await request(muted!, 'topic:setResolved', { topicId: topics[1]!, resolved: true })).toMatchObject(failure('group_forbidden'));
    expect(await request(outsider!, 'topic:setResolved', { topicId: topics[0]!, resolved: true })).toMatchObject(failure('group_not_member'));
    expect(await request(owner!, 'topic:setResolved', { topicId: `${groupId}@TOPIC#_nope`, resolved: true })).toMatchObject(failure('topic_not_found'));
  });

  it('G7 resolve: sending into a resolved topic reopens it', async () => {
    const [owner, member] = await people('sown', 'smem');
    const { topics } = await community(owner!, [member!], 'support');
    const topicId = topics[0]!;
    await call(owner!, 'topic:setResolved', { topicId, resolved: true });
    const changed = nextPush(owner!, 'topic:changed');
    await say(member!, topicId, 'it broke again');
    expect((await changed).topic).toMatchObject({ topicId, resolvedAt: null });
    const topic = (await call(owner!, 'topic:list', { groupId: topicId.split('@TOPIC#')[0]! })).topics.find((t) => t.topicId === topicId);
    expect(topic?.resolvedAt).toBeNull();
    const messages = await page(owner!, topicId);
    expect(tipKinds(messages).map((t) => t.Kind)).toEqual(['topicResolved', 'topicReopened']);
    expect(messages.at(-1)?.from).toBe(idOf('smem'));
  });
});

describe('ADR 0005 moving topic messages', () => {
  it('G7 move: ordinary members may not move; admins, owners and holders of ManageTopic may; ManageTopicInfo must hold in both topics', async () => {
    const [owner, plain, admin, mod] = await people('pown', 'pplain', 'padmin', 'pmod');
    const { groupId, topics } = await community(owner!, [plain!, admin!, mod!], 'a', 'b', 'c');
    const [a, b, c] = topics as [string, string, string];
    for (let i = 0; i < 4; i += 1) await say(plain!, a, `m${i}`);
    const move = (who: TestSocket, fromSeq: number, toTopicId: string) =>
      request(who, 'topic:moveMessages', { fromTopicId: a, fromSeq, scope: 'one', target: { topicId: toTopicId } });
    expect(await move(plain!, 1, b)).toMatchObject(failure('group_forbidden'));
    await call(owner!, 'group:setMemberRole', { groupId, userId: idOf('padmin'), role: 'Admin' });
    expect(await move(admin!, 1, b)).toMatchObject({ ok: true, data: { toTopicId: b, moved: 1, remaining: 0 } });
    // A permission group with ManageTopicInfo overridden in a and b only.
    const p = (await call(owner!, 'permissionGroup:create', { groupId, name: 'Gardeners', permissions: 0 })).permissionGroup.permissionGroupId;
    await call(owner!, 'permissionGroup:addMembers', { groupId, permissionGroupId: p, userIds: [idOf('pmod')] });
    for (const topicId of [a, b]) {
      await call(owner!, 'permissionGroup:setTopicPermissions', { topicId, permissionGroupId: p, permissions: TOPIC_PERMISSION.ManageTopicInfo });
    }
    expect(await move(mod!, 2, c)).toMatchObject(failure('group_forbidden'));
    expect(await move(mod!, 2, b)).toMatchObject({ ok: true, data: { moved: 1 } });
    // A new topic needs ManageTopic in the community.
    const toNew = { fromTopicId: a, fromSeq: 3, scope: 'one', target: { newTopic: { name: 'fresh' } } } as const;
    expect(await request(mod!, 'topic:moveMessages', toNew)).toMatchObject(failure('group_forbidden'));
    await call(owner!, 'permissionGroup:update', { groupId, permissionGroupId: p, permissions: GROUP_PERMISSION.ManageTopic });
    const made = await call(mod!, 'topic:moveMessages', toNew);
    expect(made.moved).toBe(1);
    expect((await call(owner!, 'topic:list', { groupId })).topics.find((t) => t.topicId === made.toTopicId)?.name).toBe('fresh');
  });

  it('G7 move: bad moves are refused and change nothing', async () => {
    const [owner, member] = await people('bown', 'bmem');
    const { groupId, topics } = await community(owner!, [member!], 'a', 'b');
    const [a, b] = topics as [string, string];
    const other = await community(owner!, [], 'elsewhere');
    const first = await say(member!, a, 'hello');
    await call(owner!, 'message:recall', { conversationId: conversation(a), messageId: `${first.from}:${first.clientMsgId}` });
    await say(member!, a, 'world');
    const move = (input: object) => request(owner!, 'topic:moveMessages', { fromTopicId: a, fromSeq: 2, scope: 'one', target: { topicId: b }, ...input });
    expect(await move({ target: { topicId: other.topics[0]! } })).toMatchObject(failure('bad_request'));
    expect(await move({ target: { topicId: a } })).toMatchObject(failure('bad_request'));
    expect(await move({ fromSeq: 1 })).toMatchObject(failure('message_not_found'));
    expect(await move({ fromSeq: 99 })).toMatchObject(failure('message_not_found'));
    expect(await move({ target: { topicId: `${groupId}@TOPIC#_missing` } })).toMatchObject(failure('topic_not_found'));
    expect(await move({ scope: 'some' })).toMatchObject(failure('bad_request'));
    expect(await move({ fromTopicId: groupId })).toMatchObject(failure('bad_request'));
    expect((await page(owner!, b)).filter((m) => !m.isTip)).toHaveLength(0);
    expect((await page(owner!, a)).map((m) => m.movedTo ?? null)).toEqual([null, null]);
  });

  it('G7 move "this and later": new gap-free seqs in the target, tombstones with a new modSeq in the source, replies follow, tips in both, read state carried', async () => {
    const [owner, bob, cat] = await people('sqown', 'sqbob', 'sqcat');
    const { groupId, topics } = await community(owner!, [bob!, cat!], 'general', 'plans');
    const [general, plans] = topics as [string, string];
    await say(owner!, plans, 'plans start here'); // plans seq 1
    await say(bob!, general, 'hi'); // 1
    await say(cat!, general, 'lunch?'); // 2
    const where = await say(owner!, general, 'where shall we go'); // 3
    await say(bob!, general, 'the park', { replyTo: `${where.from}:${where.clientMsgId}` }); // 4
    await say(cat!, general, 'at noon'); // 5
    await call(bob!, 'conversation:markRead', { conversationId: conversation(general), readSeq: 5 });
    await call(bob!, 'conversation:markRead', { conversationId: conversation(plans), readSeq: 1 });
    await call(cat!, 'conversation:markRead', { conversationId: conversation(general), readSeq: 2 });
    const modSeqBefore = (await call(cat!, 'sync:conversations', {})).conversations.find((c) => c.conversationId === conversation(general))!.modSeq;
    const told = collect(cat!, 'topic:messagesMoved');

    const result = await call(owner!, 'topic:moveMessages', { fromTopicId: general, fromSeq: 3, scope: 'later', target: { topicId: plans } });
    expect(result).toEqual({ toTopicId: plans, moved: 3, remaining: 0 });
    await eventually(() => told.length === 1);
    expect(told[0]).toEqual({ groupId, fromConversationId: conversation(general), toConversationId: conversation(plans) });

    const target = await page(cat!, plans);
    expect(target.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    const copies = target.filter((m) => m.movedFrom);
    expect(copies.map((m) => [m.seq, m.from, m.movedFrom?.seq])).toEqual([
      [2, idOf('sqown'), 3],
      [3, idOf('sqbob'), 4],
      [4, idOf('sqcat'), 5],
    ]);
    expect(copies[1]?.replyTo).toMatchObject({ messageId: `${copies[0]!.from}:${copies[0]!.clientMsgId}`, seq: 2 });
    expect(copies[0]?.time).toBe(where.time);
    const tipIn = tipKinds(target)[0];
    expect(tipIn).toMatchObject({ Kind: 'messagesMoved', Changes: { FromTopicId: general, ToTopicId: plans, Count: '3' } });

    const source = await page(cat!, general);
    expect(source.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const tombstones = source.filter((m) => m.movedTo);
    expect(tombstones.map((m) => [m.seq, m.body, m.movedTo?.seq, m.movedTo?.conversationId])).toEqual([
      [3, [], 2, conversation(plans)],
      [4, [], 3, conversation(plans)],
      [5, [], 4, conversation(plans)],
    ]);
    expect(tombstones[0]?.movedTo?.messageId).toBe(`${copies[0]!.from}:${copies[0]!.clientMsgId}`);
    const modified = await call(cat!, 'sync:messagesModified', { conversationId: conversation(general), afterModSeq: modSeqBefore, limit: 10 });
    expect(modified.messages.map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(tipKinds(source)[0]).toMatchObject({ Kind: 'messagesMoved', Changes: { Count: '3' } });

    // bob had read everything moved and all of plans: nothing new for him. cat had read neither.
    expect(await unread(bob!, plans)).toBe(0);
    expect(await unread(bob!, general)).toBe(0);
    expect(await unread(cat!, plans)).toBe(3); // plans' first message and the copies of bob's and owner's (not her own)
    expect(await unread(cat!, general)).toBe(0); // what she had not read moved away
  });

  it('G7 move "all" and "one"; a move takes at most the batch limit and says how many are left', async () => {
    const [owner] = await people('allown');
    const { topics } = await community(owner!, [], 'x', 'y', 'z');
    const [x, y, z] = topics as [string, string, string];
    for (let i = 0; i < 5; i += 1) await say(owner!, x, `x${i}`);
    expect(await call(owner!, 'topic:moveMessages', { fromTopicId: x, fromSeq: 4, scope: 'one', target: { topicId: z } })).toMatchObject({ moved: 1 });
    const partial = await server.store.groupMessages.moveTopicMessages({ fromKey: x, toKey: y, fromSeq: 0, scope: 'all', limit: 2 });
    expect([partial.moved.map((m) => m.tombstone.seq), partial.remaining]).toEqual([[1, 2], 2]);
    expect(await call(owner!, 'topic:moveMessages', { fromTopicId: x, fromSeq: 0, scope: 'all', target: { topicId: y } })).toMatchObject({ moved: 2, remaining: 0 });
    expect((await page(owner!, y)).filter((m) => !m.isTip).map((m) => (m.body[0]?.MsgContent as { Text: string }).Text)).toEqual(['x0', 'x1', 'x2', 'x4']);
    expect((await page(owner!, z)).filter((m) => !m.isTip).map((m) => (m.body[0]?.MsgContent as { Text: string }).Text)).toEqual(['x3']);
  });
});

describe('ADR 0005 what is left where messages moved away', () => {
  it('G7 a moved-away message cannot be edited, reacted to, recalled or replied to in its old topic; its copy can', async () => {
    const [owner, member] = await people('tomb', 'tmem');
    const { topics } = await community(owner!, [member!], 'from', 'to');
    const [from, to] = topics as [string, string];
    const original = await say(member!, from, 'before the move');
    await call(owner!, 'topic:moveMessages', { fromTopicId: from, fromSeq: original.seq, scope: 'one', target: { topicId: to } });
    const id = `${original.from}:${original.clientMsgId}`;
    const inFrom = { conversationId: conversation(from), messageId: id };
    expect(await request(member!, 'message:edit', { ...inFrom, body: text('after') })).toMatchObject(failure('message_not_found'));
    expect(await request(member!, 'message:react', { ...inFrom, emoji: '👍', add: true })).toMatchObject(failure('message_not_found'));
    expect(await request(member!, 'message:recall', inFrom)).toMatchObject(failure('message_not_found'));
    expect(
      await request(member!, 'message:send', { groupConversationId: conversation(from), clientMsgId: clientId(), body: text('re'), replyTo: id }),
    ).toMatchObject(failure('message_not_found'));
    const copy = (await page(member!, to)).find((m) => m.movedFrom)!;
    const edited = await call(member!, 'message:edit', { conversationId: conversation(to), messageId: `${copy.from}:${copy.clientMsgId}`, body: text('after') });
    expect(edited.message.body).toEqual(text('after'));
  });
});

describe('ADR 0005 read state follows moved messages', () => {
  it('G7 one’s own moved messages need no reading; something unread in the target keeps its count', async () => {
    const [owner, bob, cat] = await people('rsown', 'rsbob', 'rscat');
    const { topics } = await community(owner!, [bob!, cat!], 'src', 'dst');
    const [src, dst] = topics as [string, string];
    await say(cat!, dst, 'unread for bob in dst'); // dst 1
    await say(owner!, src, 'one'); // src 1
    await say(owner!, src, 'two'); // 2
    await say(bob!, src, 'bob’s own'); // 3
    await call(bob!, 'conversation:markRead', { conversationId: conversation(src), readSeq: 2 });
    await call(cat!, 'conversation:markRead', { conversationId: conversation(src), readSeq: 3 });
    await call(owner!, 'topic:moveMessages', { fromTopicId: src, fromSeq: 1, scope: 'all', target: { topicId: dst } });
    // Bob had read all but his own, but dst held one unread for him: it stays, and the copies add theirs.
    expect(await unread(bob!, dst)).toBe(3);
    // Cat had read everything moved and dst holds only her own message: nothing unread.
    expect(await unread(cat!, dst)).toBe(0);
    expect(await unread(bob!, src)).toBe(0);
  });
});

describe('ADR 0005 one conversation, not the whole list', () => {
  it('sync:groupConversation answers one topic conversation as sync:conversations lists it; null while empty; members only', async () => {
    const [owner, member, outsider] = await people('scown', 'scmem', 'scout');
    const { topics } = await community(owner!, [member!], 'busy', 'quiet');
    const [busy, quiet] = topics as [string, string];
    await say(owner!, busy, 'hello');
    const listed = (await call(member!, 'sync:conversations', {})).conversations.find((c) => c.conversationId === conversation(busy));
    expect(await call(member!, 'sync:groupConversation', { conversationId: conversation(busy) })).toEqual({ conversation: listed });
    expect(listed).toMatchObject({ unreadCount: 1, lastSeq: 1 });
    expect(await call(member!, 'sync:groupConversation', { conversationId: conversation(quiet) })).toEqual({ conversation: null });
    expect(await request(outsider!, 'sync:groupConversation', { conversationId: conversation(busy) })).toMatchObject(failure('group_not_member'));
    expect(await request(member!, 'sync:groupConversation', { conversationId: 'c2c_someone' } as never)).toMatchObject(failure('bad_request'));
  });
});
