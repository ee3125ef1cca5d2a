import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMUNITY_MEMBER_BITS,
  DEFAULT_TOPIC_MEMBER_BITS,
  type GroupType,
  type MsgBody,
  groupConversationId,
} from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, nextPush, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/**
 * ADR 0004 WP2 over the real socket: group sends decided by checkSend, one broadcast to the group's room,
 * Work activation, AVChatRoom never stored, Discard not pushed, M15 priorities, recall reach, sync.
 */

const FIXED_NOW = Date.now();
let server: TestServer;
const sockets = new Map<string, TestSocket>();
let seq = 0;

const USERS = ['ann', 'bob', 'cat', 'dan', 'eve'];

beforeAll(async () => {
  server = await startTestServer({
    // One fixed second, so the rate-limit bucket is the same for every send of a test.
    clock: { now: () => FIXED_NOW },
    groupMessagesPerSecond: 4,
    requestLimits: { send: { burst: 1e6, perSecond: 1e6 }, typing: { burst: 1e6, perSecond: 1e6 }, other: { burst: 1e6, perSecond: 1e6 } },
  });
  await server.app.services.accounts.importAccounts(USERS.map((userId) => ({ userId })));
  for (const userId of USERS) sockets.set(userId, await connectTestClient(server, userId));
});
afterAll(async () => {
  for (const socket of sockets.values()) socket.close();
  await server.stop({ removeData: true });
});

const s = (userId: string) => sockets.get(userId)!;
const text = (t: string): MsgBody => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const clientId = () => `gm-${String((seq += 1)).padStart(8, '0')}`;

let groups = 0;

/**
 * A group of `type` owned by ann with the others as members, written through the store (no tips, so seqs
 * start at 1); rooms follow the store's writes all the same.
 */
async function makeGroup(type: GroupType, members: string[] = ['bob', 'cat']): Promise<string> {
  groups += 1;
  const groupId = `${type === 'Community' ? '@TGS#_' : ''}gm-${type}-${groups}`;
  await server.store.groups.create(
    {
      groupId, type, name: `${type} group`, introduction: '', notification: '', faceUrl: '', owner: 'ann', createTime: 1,
      applyJoinOption: 'FreeAccess', muteAll: false, defaultPermissions: 0, active: true, maxMemberNum: null, custom: {},
    },
    [{ userId: 'ann', role: 'Owner', joinTime: 1, msgFlag: 'AcceptAndNotify' }, ...members.map((userId) => ({ userId, role: 'Member' as const, joinTime: 1, msgFlag: 'AcceptAndNotify' as const }))],
  );
  return groupId;
}

function send(userId: string, groupId: string, body = text('hello'), extra: Record<string, unknown> = {}) {
  return request(s(userId), 'message:send', { groupConversationId: groupConversationId(groupId), clientMsgId: clientId(), body, ...extra });
}

describe('G5 M3 group sends over the socket (ADR 0004 WP2)', () => {
  it('a member’s message is one broadcast: every member’s sockets get it (not the sending socket), with gap-free seqs', async () => {
    const groupId = await makeGroup('Public');
    const annSecond = await connectTestClient(server, 'ann');
    try {
      const bobPushes = collect(s('bob'), 'message:created');
      const annOwn = collect(s('ann'), 'message:created');
      const annOther = collect(annSecond, 'message:created');
      const danPushes = collect(s('dan'), 'message:created');
      const first = await send('ann', groupId);
      const second = await send('bob', groupId, text('hi back'));
      expect(first).toMatchObject({ ok: true, data: { duplicate: false, message: { seq: 1, to: null, conversationId: `group_${groupId}`, isTip: false } } });
      expect(second).toMatchObject({ ok: true, data: { message: { seq: 2 } } });
      await eventually(() => bobPushes.length >= 1 && annOther.length >= 2);
      await settle();
      expect(bobPushes.map((m) => m.seq)).toEqual([1]);
      expect(annOwn.map((m) => m.seq)).toEqual([2]);
      expect(annOther.map((m) => m.seq)).toEqual([1, 2]);
      expect(danPushes).toEqual([]);
    } finally {
      annSecond.close();
    }
  });

  it('G4 a muted member is refused 10017 with the reason; mute-all silences ordinary members, not the owner', async () => {
    const groupId = await makeGroup('Public');
    await call(s('ann'), 'group:muteMembers', { groupId, userIds: ['bob'], seconds: 600 });
    const muted = await send('bob', groupId);
    expect(muted).toMatchObject({ ok: false, error: { code: 'group_member_muted', message: 'You are muted in this group.' } });
    expect(await send('cat', groupId)).toMatchObject({ ok: true });
    await call(s('ann'), 'group:update', { groupId, muteAll: true });
    expect(await send('cat', groupId)).toMatchObject({ ok: false, error: { code: 'group_muted_all' } });
    expect(await send('ann', groupId)).toMatchObject({ ok: true });
    await call(s('ann'), 'group:update', { groupId, muteAll: false });
    await call(s('ann'), 'group:muteMembers', { groupId, userIds: ['bob'], seconds: 0 });
    expect(await send('bob', groupId)).toMatchObject({ ok: true });
  });

  it('G2 a Work group appears to its members with the first message; until then only to its owner', async () => {
    const { group } = await call(s('ann'), 'group:create', { type: 'Work', name: 'work group' });
    const groupId = group.groupId;
    const annTips = collect(s('ann'), 'message:created');
    const bobEarly = collect(s('bob'), 'message:created');
    await call(s('ann'), 'group:invite', { groupId, userIds: ['bob'] });
    // G5: the invitation is a stored tip; before activation only the owner is told.
    await eventually(() => annTips.length >= 1);
    expect(annTips.at(-1)).toMatchObject({ isTip: true, body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'invited', Operator: 'ann', Targets: ['bob'] } }] });
    await settle();
    expect(bobEarly).toEqual([]);
    const listed = async (userId: string) =>
      (await call(s(userId), 'sync:conversations', {})).conversations.filter((c) => c.conversationId === groupConversationId(groupId));
    expect(await listed('bob')).toEqual([]);
    const changed = nextPush(s('bob'), 'group:changed');
    const created = nextPush(s('bob'), 'message:created');
    // Seq 1 and 2 are the stored tips (created, invited): they neither activate nor count as unread.
    expect(await send('ann', groupId)).toMatchObject({ ok: true, data: { message: { seq: 3 } } });
    expect((await changed).group).toMatchObject({ groupId, active: true });
    expect(await created).toMatchObject({ seq: 3, from: 'ann' });
    expect(await listed('bob')).toEqual([
      expect.objectContaining({ kind: 'group', groupId, topicId: null, groupType: 'Work', lastSeq: 3, unreadCount: 1, left: false }),
    ]);
  });

  it('G5 AVChatRoom messages are never stored (seq 0): a late joiner sees none; Meeting history is visible to a late joiner', async () => {
    const room = await makeGroup('AVChatRoom', ['bob']);
    const pushed = nextPush(s('bob'), 'message:created');
    expect(await send('ann', room)).toMatchObject({ ok: true, data: { message: { seq: 0 } } });
    expect(await pushed).toMatchObject({ seq: 0 });
    await server.store.groups.addMembers(room, [{ userId: 'dan', role: 'Member', joinTime: 2, msgFlag: 'AcceptAndNotify' }]);
    expect(await call(s('dan'), 'sync:messagesAfter', { conversationId: groupConversationId(room), afterSeq: 0, limit: 50 })).toEqual({
      messages: [],
      hasMore: false,
    });
    expect(await request(s('ann'), 'message:recall', { conversationId: groupConversationId(room), messageId: 'ann:gm-00000000' })).toMatchObject({
      ok: false,
      error: { code: 'group_unsupported' },
    });

    const meeting = await makeGroup('Meeting', ['bob']);
    await send('ann', meeting, text('agenda'));
    await server.store.groups.addMembers(meeting, [{ userId: 'dan', role: 'Member', joinTime: 2, msgFlag: 'AcceptAndNotify' }]);
    const page = await call(s('dan'), 'sync:messagesAfter', { conversationId: groupConversationId(meeting), afterSeq: 0, limit: 50 });
    expect(page.messages.map((m) => m.body)).toEqual([text('agenda')]);
    // A Public group's late joiner does not see what came before.
    const pub = await makeGroup('Public', ['bob']);
    await send('ann', pub, text('before'));
    await server.store.groups.addMembers(pub, [{ userId: 'dan', role: 'Member', joinTime: 2, msgFlag: 'AcceptAndNotify' }]);
    await send('ann', pub, text('after'));
    const late = await call(s('dan'), 'sync:messagesBefore', { conversationId: groupConversationId(pub), beforeSeq: 100, limit: 50 });
    expect(late.messages.map((m) => m.body)).toEqual([text('after')]);
  });

  it('G5 a member who chose Discard is not pushed to, but still reads the conversation by sync; joining later starts pushes', async () => {
    const groupId = await makeGroup('Public', ['bob', 'cat']);
    await call(s('bob'), 'group:setReceiveOption', { groupId, msgFlag: 'Discard' });
    const bobPushes = collect(s('bob'), 'message:created');
    const catPush = nextPush(s('cat'), 'message:created');
    await send('ann', groupId);
    await catPush;
    await settle();
    expect(bobPushes).toEqual([]);
    const page = await call(s('bob'), 'sync:messagesAfter', { conversationId: groupConversationId(groupId), afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => m.seq)).toEqual([1]);
    await call(s('bob'), 'group:setReceiveOption', { groupId, msgFlag: 'AcceptNotNotify' });
    const bobPush = nextPush(s('bob'), 'message:created');
    await send('ann', groupId);
    expect(await bobPush).toMatchObject({ seq: 2 });
  });

  it('rooms follow membership: a kicked member gets nothing more; a socket connecting later is in its groups’ rooms', async () => {
    const groupId = await makeGroup('Public', ['bob', 'cat']);
    const catTip = nextPush(s('cat'), 'message:created');
    await call(s('ann'), 'group:kick', { groupId, userIds: ['cat'] });
    // G5: the kicked member still gets the stored tip (seq 1), on their own devices.
    expect(await catTip).toMatchObject({ seq: 1, isTip: true, body: [{ MsgContent: { Kind: 'kicked', Targets: ['cat'] } }] });
    const catPushes = collect(s('cat'), 'message:created');
    const late = await connectTestClient(server, 'bob');
    try {
      await eventually(() => server.app.services.groupMessages.service !== undefined);
      await settle(100);
      const latePush = nextPush(late, 'message:created');
      await send('ann', groupId);
      expect(await latePush).toMatchObject({ seq: 2 });
      await settle();
      expect(catPushes).toEqual([]);
      expect(await send('cat', groupId)).toMatchObject({ ok: false, error: { code: 'group_not_member' } });
      expect(await request(s('cat'), 'sync:messagesAfter', { conversationId: groupConversationId(groupId), afterSeq: 0, limit: 10 })).toMatchObject({
        ok: false,
        error: { code: 'group_not_member' },
      });
    } finally {
      late.close();
    }
  });

  it('G5 tips follow the type’s traits: Public joins stored, Meeting joins off, AVChatRoom joins online (seq 0), mute-all off by default', async () => {
    const tipsOf = (list: ReadonlyArray<{ isTip: boolean; seq: number; body: unknown; conversationId: string }>) => list.filter((m) => m.isTip);
    const annPushes = collect(s('ann'), 'message:created');
    const pub = await makeGroup('Public', []);
    const meeting = await makeGroup('Meeting', []);
    const room = await makeGroup('AVChatRoom', []);
    for (const groupId of [pub, meeting, room]) await call(s('dan'), 'group:apply', { groupId });
    await call(s('ann'), 'group:update', { groupId: pub, muteAll: true });
    await call(s('ann'), 'group:update', { groupId: pub, muteAll: false, name: 'renamed' });
    await eventually(() => tipsOf(annPushes).length >= 3);
    await settle();
    const tips = tipsOf(annPushes).map((m) => ({ conversationId: m.conversationId, seq: m.seq, body: m.body }));
    expect(tips).toEqual([
      { conversationId: `group_${pub}`, seq: 1, body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'joined', Operator: 'dan', Targets: ['dan'], Changes: {} } }] },
      { conversationId: `group_${room}`, seq: 0, body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'joined', Operator: 'dan', Targets: ['dan'], Changes: {} } }] },
      { conversationId: `group_${pub}`, seq: 2, body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'profileChanged', Operator: 'ann', Targets: [], Changes: { name: 'renamed' } } }] },
    ]);
    // Stored tips are history for members, never unread.
    const page = await call(s('dan'), 'sync:messagesAfter', { conversationId: groupConversationId(pub), afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => [m.seq, m.isTip])).toEqual([[1, true], [2, true]]);
    const listed = (await call(s('dan'), 'sync:conversations', {})).conversations.find((c) => c.conversationId === groupConversationId(pub));
    expect(listed).toMatchObject({ unreadCount: 0, lastSeq: 2 });
  });

  it('M8 @-mentions of members are kept, of non-members dropped; the list carries the unread mention hint', async () => {
    const groupId = await makeGroup('Public', ['bob', 'cat']);
    const sent = await send('ann', groupId, text('@bob look'), { groupAt: { all: false, userIds: ['bob', 'eve'] } });
    expect(sent).toMatchObject({ ok: true, data: { message: { groupAt: { all: false, userIds: ['bob'] } } } });
    const bobList = (await call(s('bob'), 'sync:conversations', {})).conversations.find((c) => c.conversationId === groupConversationId(groupId));
    expect(bobList).toMatchObject({ kind: 'group', unreadCount: 1, mentions: [{ seq: 1, all: false }] });
  });

  it('M15 under a flood High is still admitted while Low is refused (10023), and Normal stops at the limit', async () => {
    const groupId = await makeGroup('Public', ['bob']);
    // Limit 4 per second (this server): Low < 2, Normal < 4, High < 6.
    expect(await send('bob', groupId, text('1'), { priority: 'Low' })).toMatchObject({ ok: true });
    expect(await send('bob', groupId, text('2'))).toMatchObject({ ok: true });
    expect(await send('bob', groupId, text('3'), { priority: 'Low' })).toMatchObject({ ok: false, error: { code: 'group_rate_limited' } });
    expect(await send('bob', groupId, text('4'))).toMatchObject({ ok: true });
    expect(await send('bob', groupId, text('5'))).toMatchObject({ ok: true });
    expect(await send('bob', groupId, text('6'))).toMatchObject({ ok: false, error: { code: 'group_rate_limited' } });
    expect(await send('ann', groupId, text('7'), { priority: 'High' })).toMatchObject({ ok: true, data: { message: { priority: 'High', seq: 5 } } });
    expect(await send('ann', groupId, text('8'), { priority: 'High' })).toMatchObject({ ok: true });
    expect(await send('ann', groupId, text('9'), { priority: 'High' })).toMatchObject({ ok: false, error: { code: 'group_rate_limited' } });
    // Refused sends took no seq.
    const page = await call(s('bob'), 'sync:messagesAfter', { conversationId: groupConversationId(groupId), afterSeq: 0, limit: 20 });
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('M5 recall: own within the window; an admin recalls a member’s message but not the owner’s; everyone is told', async () => {
    const groupId = await makeGroup('Public', ['bob', 'cat']);
    await call(s('ann'), 'group:setMemberRole', { groupId, userId: 'bob', role: 'Admin' });
    const ownerMsg = await send('ann', groupId);
    const memberMsg = await send('cat', groupId);
    if (!ownerMsg.ok || !memberMsg.ok) throw new Error('sends failed');
    const conversationId = groupConversationId(groupId);
    const id = (m: typeof ownerMsg) => (m.ok ? `${m.data.message.from}:${m.data.message.clientMsgId}` : '');
    expect(await request(s('bob'), 'message:recall', { conversationId, messageId: id(ownerMsg) })).toMatchObject({ ok: false, error: { code: 'group_forbidden' } });
    expect(await request(s('cat'), 'message:recall', { conversationId, messageId: id(ownerMsg) })).toMatchObject({ ok: false, error: { code: 'group_forbidden' } });
    const annUpdate = nextPush(s('ann'), 'message:updated');
    expect(await request(s('bob'), 'message:recall', { conversationId, messageId: id(memberMsg) })).toMatchObject({
      ok: true,
      data: { message: { recalled: true, body: [] } },
    });
    expect(await annUpdate).toMatchObject({ recalled: true, seq: memberMsg.data.message.seq });
    expect(await request(s('ann'), 'message:recall', { conversationId, messageId: id(ownerMsg) })).toMatchObject({ ok: true });
    const modified = await call(s('cat'), 'sync:messagesModified', { conversationId, afterModSeq: 0, limit: 10 });
    expect(modified.messages.map((m) => m.recalled)).toEqual([true, true]);
  });

  it('G7 topics: their own seqs from 1 in the community’s room, decided by topic bits and topic mute-all', async () => {
    const community = await makeGroup('Community', ['bob', 'cat']);
    await server.store.groups.update(community, { defaultPermissions: DEFAULT_COMMUNITY_MEMBER_BITS }, 2);
    const topic = (part: string, defaultPermissions: number) => ({
      topicId: `${community}@TOPIC#_${part}`, groupId: community, name: part, introduction: '', notification: '', faceUrl: '',
      customString: '', muteAll: false, defaultPermissions, category: '', createTime: 2, infoSeq: 1, resolvedAt: null, resolvedBy: null,
    });
    const open = topic('open room', DEFAULT_TOPIC_MEMBER_BITS);
    const readOnly = topic('news', 0);
    await server.store.groups.createTopic(open);
    await server.store.groups.createTopic(readOnly);
    const catPush = nextPush(s('cat'), 'message:created');
    expect(await send('bob', open.topicId)).toMatchObject({ ok: true, data: { message: { seq: 1, conversationId: `group_${open.topicId}` } } });
    expect(await catPush).toMatchObject({ conversationId: `group_${open.topicId}`, seq: 1 });
    expect(await send('bob', readOnly.topicId)).toMatchObject({ ok: false, error: { code: 'group_forbidden' } });
    expect(await send('ann', readOnly.topicId)).toMatchObject({ ok: true, data: { message: { seq: 1 } } });
    expect(await send('bob', `${community}@TOPIC#_missing`)).toMatchObject({ ok: false, error: { code: 'topic_not_found' } });
    await server.store.groups.updateTopic(open.topicId, { muteAll: true });
    expect(await send('bob', open.topicId)).toMatchObject({ ok: false, error: { code: 'group_muted_all' } });
    expect(await send('ann', open.topicId)).toMatchObject({ ok: true, data: { message: { seq: 2 } } });
    // The community's own conversation numbers separately.
    expect(await send('bob', community)).toMatchObject({ ok: true, data: { message: { seq: 1 } } });
    // G5: topic changes are tips stored in the community's conversation.
    const tip = nextPush(s('bob'), 'message:created');
    await call(s('ann'), 'topic:create', { groupId: community, name: 'later', customPart: 'later' });
    expect(await tip).toMatchObject({
      conversationId: `group_${community}`,
      seq: 2,
      isTip: true,
      body: [{ MsgContent: { Kind: 'topicCreated', Operator: 'ann', Targets: [`${community}@TOPIC#_later`], Changes: { name: 'later' } } }],
    });
  });

  it('M13 M14 members react and senders edit their own text in a group; the room is told; non-members and others’ edits are refused', async () => {
    const groupId = await makeGroup('Public', ['bob', 'cat']);
    const conversationId = groupConversationId(groupId);
    const sent = await send('bob', groupId, text('draft'));
    if (!sent.ok) throw new Error('send failed');
    const messageId = `bob:${sent.data.message.clientMsgId}`;
    const catUpdate = nextPush(s('cat'), 'message:updated');
    expect(await request(s('bob'), 'message:edit', { conversationId, messageId, body: text('final') })).toMatchObject({
      ok: true,
      data: { message: { body: text('final'), editedAt: FIXED_NOW } },
    });
    expect(await catUpdate).toMatchObject({ body: text('final'), seq: sent.data.message.seq });
    expect(await request(s('cat'), 'message:edit', { conversationId, messageId, body: text('mine') })).toMatchObject({ ok: false, error: { code: 'not_own_message' } });
    const bobUpdate = nextPush(s('bob'), 'message:updated');
    expect(await request(s('cat'), 'message:react', { conversationId, messageId, emoji: '👍', add: true })).toMatchObject({
      ok: true,
      data: { message: { reactions: [{ emoji: '👍', userIds: ['cat'] }] } },
    });
    expect(await bobUpdate).toMatchObject({ reactions: [{ emoji: '👍', userIds: ['cat'] }] });
    expect(await request(s('dan'), 'message:react', { conversationId, messageId, emoji: '👍', add: true })).toMatchObject({
      ok: false,
      error: { code: 'group_not_member' },
    });
  });

  it('bad input changes nothing: a group send with a `to`, unknown keys, over-long IDs; a group one is not in → group_not_member', async () => {
    const groupId = await makeGroup('Public', ['bob']);
    const conversationId = groupConversationId(groupId);
    const withTo = await request(s('ann'), 'message:send', { groupConversationId: conversationId, to: 'bob', clientMsgId: clientId(), body: text('x') } as never);
    expect(withTo).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const longGroup = `group_${'g'.repeat(49)}`;
    expect(await request(s('ann'), 'message:send', { groupConversationId: longGroup, clientMsgId: clientId(), body: text('x') } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await request(s('ann'), 'sync:messagesAfter', { conversationId: longGroup, afterSeq: 0, limit: 5 } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await send('dan', groupId)).toMatchObject({ ok: false, error: { code: 'group_not_member' } });
    expect(await send('dan', 'no-such-group')).toMatchObject({ ok: false, error: { code: 'group_not_found' } });
    const page = await call(s('ann'), 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 5 });
    expect(page.messages).toEqual([]);
  });
});

describe('server flags for group messages (ADR 0004)', () => {
  it('--group-history-before-join Public: a late joiner reads what came before; --group-tips: mute-all is a tip', async () => {
    const flagged = await startTestServer({ groupMessages: { groupHistoryBeforeJoin: ['Public'], groupTips: true } });
    const clients: TestSocket[] = [];
    try {
      await flagged.app.services.accounts.importAccounts(['ann', 'dan'].map((userId) => ({ userId })));
      const [ann, dan] = [await connectTestClient(flagged, 'ann'), await connectTestClient(flagged, 'dan')];
      clients.push(ann, dan);
      await flagged.store.groups.create(
        {
          groupId: 'history', type: 'Public', name: 'h', introduction: '', notification: '', faceUrl: '', owner: 'ann', createTime: 1,
          applyJoinOption: 'FreeAccess', muteAll: false, defaultPermissions: 0, active: true, maxMemberNum: null, custom: {},
        },
        [{ userId: 'ann', role: 'Owner', joinTime: 1, msgFlag: 'AcceptAndNotify' }],
      );
      await call(ann, 'message:send', { groupConversationId: 'group_history', clientMsgId: 'history-0001', body: text('before') });
      await call(dan, 'group:apply', { groupId: 'history' });
      await call(ann, 'group:update', { groupId: 'history', muteAll: true });
      const page = await call(dan, 'sync:messagesAfter', { conversationId: 'group_history', afterSeq: 0, limit: 10 });
      expect(page.messages.map((m) => (m.isTip ? (m.body[0] as { MsgContent: { Kind: string } }).MsgContent.Kind : m.body))).toEqual([
        text('before'),
        'joined',
        'muteAll',
      ]);
    } finally {
      for (const client of clients) client.close();
      await flagged.stop({ removeData: true });
    }
  });
});
