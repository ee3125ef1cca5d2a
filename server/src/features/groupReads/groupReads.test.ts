import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_COMMUNITY_MEMBER_BITS,
  DEFAULT_TOPIC_MEMBER_BITS,
  type GroupType,
  type MsgBody,
  groupConversationId,
} from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, nextPush, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/**
 * ADR 0004 WP3 over the real socket: reads, receipts (M6), unread per type and the mentions hint (M8),
 * clear/delete/delete-for-me (M10) and settings (M12) in group conversations.
 */

let server: TestServer;
const sockets = new Map<string, TestSocket>();
let seq = 0;
let groups = 0;

beforeAll(async () => {
  server = await startTestServer({
    requestLimits: { send: { burst: 1e6, perSecond: 1e6 }, typing: { burst: 1e6, perSecond: 1e6 }, other: { burst: 1e6, perSecond: 1e6 } },
  });
  await server.app.services.accounts.importAccounts(['ann', 'bob', 'cat', 'dan'].map((userId) => ({ userId })));
  for (const userId of ['ann', 'bob', 'cat', 'dan']) sockets.set(userId, await connectTestClient(server, userId));
});
afterAll(async () => {
  for (const socket of sockets.values()) socket.close();
  await server.stop({ removeData: true });
});

const s = (userId: string) => sockets.get(userId)!;
const text = (t: string): MsgBody => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
const clientId = () => `gr-${String((seq += 1)).padStart(8, '0')}`;

/** ann owns it, bob and cat are members, dan is not; written through the store (no tips: seqs start at 1). */
async function makeGroup(type: GroupType): Promise<string> {
  groups += 1;
  const groupId = `${type === 'Community' ? '@TGS#_' : ''}gr-${type}-${groups}`;
  await server.store.groups.create(
    {
      groupId, type, name: `${type} group`, introduction: '', notification: '', faceUrl: '', owner: 'ann', createTime: 1,
      applyJoinOption: 'FreeAccess', muteAll: false, defaultPermissions: 0, active: true, maxMemberNum: null, custom: {},
    },
    [
      { userId: 'ann', role: 'Owner', joinTime: 1, msgFlag: 'AcceptAndNotify' },
      ...['bob', 'cat'].map((userId) => ({ userId, role: 'Member' as const, joinTime: 1, msgFlag: 'AcceptAndNotify' as const })),
    ],
  );
  return groupId;
}

async function send(userId: string, groupId: string, extra: Record<string, unknown> = {}) {
  const { message } = await call(s(userId), 'message:send', { groupConversationId: groupConversationId(groupId), clientMsgId: clientId(), body: text('hi'), ...extra });
  return message;
}

async function listed(userId: string, groupId: string) {
  return (await call(s(userId), 'sync:conversations', {})).conversations.find((c) => c.conversationId === groupConversationId(groupId));
}

describe('ADR 0004 WP3 group reads and receipts', () => {
  it('M6 sync pages give the sender the current counts of their own receipt messages (none for others or without a receipt)', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    const asked = await send('ann', groupId, { needReceipt: true });
    await send('ann', groupId);
    await call(s('bob'), 'conversation:markRead', { conversationId, readSeq: 2 });
    const page = (await call(s('ann'), 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 10 })).messages;
    expect(page.map((m) => [m.clientMsgId, m.receipt])).toEqual([
      [asked.clientMsgId, { readCount: 1, unreadCount: 1 }],
      [page[1]?.clientMsgId, null],
    ]);
    const before = (await call(s('ann'), 'sync:messagesBefore', { conversationId, beforeSeq: 2, limit: 10 })).messages;
    expect(before[0]?.receipt).toEqual({ readCount: 1, unreadCount: 1 });
    const others = (await call(s('bob'), 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 10 })).messages;
    expect(others.map((m) => m.receipt)).toEqual([null, null]);
  });

  it('M6 markRead lowers unread and pushes the receipt counts to the sender; the reader’s other devices hear of the read', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    const message = await send('ann', groupId, { needReceipt: true });
    await send('ann', groupId);
    expect(await listed('bob', groupId)).toMatchObject({ unreadCount: 2, readSeq: 0 });
    const bobSecond = await connectTestClient(server, 'bob');
    try {
      const receipt = nextPush(s('ann'), 'message:receipt');
      const otherDevice = nextPush(bobSecond, 'conversation:read');
      expect(await call(s('bob'), 'conversation:markRead', { conversationId, readSeq: 2 })).toEqual({ readSeq: 2 });
      expect(await receipt).toEqual({ conversationId, messageId: `ann:${message.clientMsgId}`, readCount: 1, unreadCount: 1 });
      expect(await otherDevice).toEqual({ conversationId, reader: 'bob', readSeq: 2 });
      expect(await listed('bob', groupId)).toMatchObject({ unreadCount: 0, readSeq: 2 });
      expect(await listed('cat', groupId)).toMatchObject({ unreadCount: 2 });
      // Never lowered, and no second receipt for a read already counted.
      const more = collect(s('ann'), 'message:receipt');
      expect(await call(s('bob'), 'conversation:markRead', { conversationId, readSeq: 1 })).toEqual({ readSeq: 2 });
      await settle();
      expect(more).toEqual([]);
    } finally {
      bobSecond.close();
    }
  });

  it('M6 group:receiptMembers pages who read and who did not, for the sender only', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    const message = await send('ann', groupId, { needReceipt: true });
    const messageId = `ann:${message.clientMsgId}`;
    await call(s('cat'), 'conversation:markRead', { conversationId, readSeq: 1 });
    expect(await call(s('ann'), 'group:receiptMembers', { conversationId, messageId, which: 'read', cursor: null })).toEqual({ userIds: ['cat'], cursor: null });
    expect(await call(s('ann'), 'group:receiptMembers', { conversationId, messageId, which: 'unread', cursor: null })).toEqual({ userIds: ['bob'], cursor: null });
    expect(await request(s('bob'), 'group:receiptMembers', { conversationId, messageId, which: 'read', cursor: null })).toMatchObject({
      ok: false,
      error: { code: 'group_forbidden' },
    });
    expect(await request(s('dan'), 'group:receiptMembers', { conversationId, messageId, which: 'read', cursor: null })).toMatchObject({
      ok: false,
      error: { code: 'group_not_member' },
    });
    // A message sent without needReceipt has no lists.
    const plain = await send('ann', groupId);
    expect(await request(s('ann'), 'group:receiptMembers', { conversationId, messageId: `ann:${plain.clientMsgId}`, which: 'read', cursor: null })).toMatchObject({
      ok: false,
      error: { code: 'message_not_found' },
    });
  });

  it('unread per type: Meeting counts none, yet keeps read positions; AVChatRoom keeps none and has no receipts; M8 the mentions hint lists my unread @s until I read', async () => {
    const meeting = await makeGroup('Meeting');
    await send('ann', meeting);
    expect(await listed('bob', meeting)).toMatchObject({ groupType: 'Meeting', unreadCount: 0, readSeq: 0 });
    await call(s('bob'), 'conversation:markRead', { conversationId: groupConversationId(meeting), readSeq: 1 });
    expect(await listed('bob', meeting)).toMatchObject({ unreadCount: 0, readSeq: 1 });

    // AVChatRoom stores nothing: no position moves, and there are no receipt lists to ask for.
    const room = await makeGroup('AVChatRoom');
    const live = await send('ann', room, { needReceipt: true });
    expect(live).toMatchObject({ seq: 0, needReceipt: false });
    expect(await call(s('bob'), 'conversation:markRead', { conversationId: groupConversationId(room), readSeq: 1 })).toEqual({ readSeq: 0 });
    expect(await request(s('ann'), 'group:receiptMembers', { conversationId: groupConversationId(room), messageId: `ann:${live.clientMsgId}`, which: 'read', cursor: null }))
      .toMatchObject({ ok: false, error: { code: 'group_unsupported' } });

    const work = await makeGroup('Work');
    const at = await send('ann', work, { groupAt: { all: false, userIds: ['bob'] } });
    expect(await listed('bob', work)).toMatchObject({ unreadCount: 1, mentions: [{ seq: at.seq, messageId: `ann:${at.clientMsgId}`, all: false }] });
    expect(await listed('cat', work)).toMatchObject({ unreadCount: 1, mentions: [] });
    await call(s('bob'), 'conversation:markRead', { conversationId: groupConversationId(work), readSeq: at.seq });
    expect(await listed('bob', work)).toMatchObject({ unreadCount: 0, mentions: [] });
  });

  it('M10 clear, delete and delete-for-me in a group touch only the member who asked', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    const first = await send('ann', groupId);
    await send('ann', groupId);
    const page = async (userId: string) => (await call(s(userId), 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 10 })).messages;

    const bobSecond = await connectTestClient(server, 'bob');
    try {
      const updated = nextPush(bobSecond, 'message:updated');
      const deleted = await call(s('bob'), 'message:deleteForMe', { conversationId, messageIds: [`ann:${first.clientMsgId}`] });
      expect(deleted.modSeq).toBeGreaterThan(0);
      expect(await updated).toMatchObject({ seq: 1, deletedForMe: true, body: [] });
      expect((await page('bob')).map((m) => [m.seq, m.deletedForMe])).toEqual([[1, true], [2, false]]);
      expect((await page('cat')).map((m) => [m.seq, m.deletedForMe])).toEqual([[1, false], [2, false]]);

      const cleared = nextPush(bobSecond, 'conversation:updated');
      expect(await call(s('bob'), 'conversation:clear', { conversationId })).toEqual({ clearedSeq: 2 });
      expect(await cleared).toMatchObject({ conversationId, clearedSeq: 2, lastMessage: null, unreadCount: 0 });
      expect(await page('bob')).toEqual([]);
      // Cleared is not deleted: still listed, empty (as a cleared one-to-one conversation).
      expect(await listed('bob', groupId)).toMatchObject({ clearedSeq: 2, lastMessage: null });
      expect(await page('cat')).toHaveLength(2);

      const gone = nextPush(bobSecond, 'conversation:deleted');
      await send('ann', groupId);
      expect(await call(s('cat'), 'conversation:delete', { conversationId })).toEqual({});
      expect(await listed('cat', groupId)).toBeUndefined();
      expect(await listed('bob', groupId)).toMatchObject({ lastSeq: 3 });
      await call(s('bob'), 'conversation:delete', { conversationId });
      expect(await gone).toEqual({ conversationId });
      expect(await listed('bob', groupId)).toBeUndefined();
      // A newer message brings it back.
      await send('ann', groupId);
      expect(await listed('cat', groupId)).toMatchObject({ lastSeq: 4, unreadCount: 1 });
    } finally {
      bobSecond.close();
    }
  });

  it('M12 setSettings: pin, and recvOpt Discard on a group writes the MsgFlag and stops pushes', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    await send('ann', groupId);
    const { conversation } = await call(s('bob'), 'conversation:setSettings', { conversationId, pinned: true, recvOpt: 'Discard' });
    expect(conversation).toMatchObject({ conversationId, pinned: true, recvOpt: 'Discard' });
    expect((await server.store.groups.member(groupId, 'bob'))?.msgFlag).toBe('Discard');
    const bobPushes = collect(s('bob'), 'message:created');
    const catPush = nextPush(s('cat'), 'message:created');
    await send('ann', groupId);
    await catPush;
    await settle();
    expect(bobPushes).toEqual([]);
    expect(await listed('bob', groupId)).toMatchObject({ pinned: true, recvOpt: 'Discard', lastSeq: 2 });
    await call(s('bob'), 'conversation:setSettings', { conversationId, recvOpt: 'AcceptAndNotify' });
    const bobPush = nextPush(s('bob'), 'message:created');
    await send('ann', groupId);
    expect(await bobPush).toMatchObject({ seq: 3 });
  });

  it('G7 M12 in a topic: recvOpt Discard is that topic’s alone (the community’s MsgFlag and its other topics keep pushing); reads and receipts per topic', async () => {
    const community = await makeGroup('Community');
    await server.store.groups.update(community, { defaultPermissions: DEFAULT_COMMUNITY_MEMBER_BITS }, 2);
    const topic = (part: string) => ({
      topicId: `${community}@TOPIC#_${part}`, groupId: community, name: part, introduction: '', notification: '', faceUrl: '',
      customString: '', muteAll: false, defaultPermissions: DEFAULT_TOPIC_MEMBER_BITS, category: '', createTime: 2, infoSeq: 1, resolvedAt: null, resolvedBy: null,
    });
    const quiet = topic('quiet room');
    const loud = topic('loud');
    await server.store.groups.createTopic(quiet);
    await server.store.groups.createTopic(loud);
    const quietId = groupConversationId(community, quiet.topicId);
    const first = await send('ann', quiet.topicId, { needReceipt: true });
    const { conversation } = await call(s('bob'), 'conversation:setSettings', { conversationId: quietId, recvOpt: 'Discard' });
    expect(conversation).toMatchObject({ conversationId: quietId, topicId: quiet.topicId, recvOpt: 'Discard' });
    expect((await server.store.groups.member(community, 'bob'))?.msgFlag).toBe('AcceptAndNotify');
    const bobPushes = collect(s('bob'), 'message:created');
    const catPush = nextPush(s('cat'), 'message:created');
    await send('ann', quiet.topicId);
    await catPush;
    const loudPush = nextPush(s('bob'), 'message:created');
    await send('ann', loud.topicId);
    expect(await loudPush).toMatchObject({ conversationId: groupConversationId(community, loud.topicId) });
    await settle();
    expect(bobPushes.map((m) => m.conversationId)).toEqual([groupConversationId(community, loud.topicId)]);

    const receipt = nextPush(s('ann'), 'message:receipt');
    await call(s('cat'), 'conversation:markRead', { conversationId: quietId, readSeq: 2 });
    expect(await receipt).toEqual({ conversationId: quietId, messageId: `ann:${first.clientMsgId}`, readCount: 1, unreadCount: 1 });
    expect((await call(s('cat'), 'sync:conversations', {})).conversations.find((c) => c.conversationId === quietId)).toMatchObject({ unreadCount: 0 });
    expect((await call(s('cat'), 'sync:conversations', {})).conversations.find((c) => c.conversationId === groupConversationId(community, loud.topicId))).toMatchObject({ unreadCount: 1 });
  });

  it('bad input changes nothing: not a member → group_not_member, unknown group → group_not_found', async () => {
    const groupId = await makeGroup('Public');
    const conversationId = groupConversationId(groupId);
    const message = await send('ann', groupId, { needReceipt: true });
    const messageIds = [`ann:${message.clientMsgId}`];
    const unknown = groupConversationId('gr-no-such-group');
    const receipts = collect(s('ann'), 'message:receipt');
    for (const target of [conversationId, unknown]) {
      const code = target === unknown ? 'group_not_found' : 'group_not_member';
      const refused = { ok: false, error: { code } };
      expect(await request(s('dan'), 'conversation:markRead', { conversationId: target, readSeq: 1 })).toMatchObject(refused);
      expect(await request(s('dan'), 'conversation:clear', { conversationId: target })).toMatchObject(refused);
      expect(await request(s('dan'), 'conversation:delete', { conversationId: target })).toMatchObject(refused);
      expect(await request(s('dan'), 'conversation:setSettings', { conversationId: target, pinned: true, recvOpt: 'Discard' })).toMatchObject(refused);
      expect(await request(s('dan'), 'message:deleteForMe', { conversationId: target, messageIds })).toMatchObject(refused);
    }
    await settle();
    expect(receipts).toEqual([]);
    expect(await call(s('ann'), 'group:receiptMembers', { conversationId, messageId: messageIds[0]!, which: 'unread', cursor: null })).toEqual({
      userIds: ['bob', 'cat'],
      cursor: null,
    });
    expect(await server.store.groups.member(groupId, 'dan')).toBeNull();
    expect(await listed('dan', groupId)).toBeUndefined();
    // A malformed ID is the schema's: refused before anything runs.
    expect(await request(s('bob'), 'conversation:markRead', { conversationId: 'group_', readSeq: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
