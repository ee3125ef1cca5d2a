import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GroupType, groupConversationId } from '../../../../shared/domain';
import { type TestSocket, collect, connectTestClient, eventually, nextPush, settle } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { type V4Reply, callV4 } from '../../testing/v4Client';

/** ADR 0004 WP4 (S1, contract §3.15): the group message REST commands over real HTTP, as the app admin. */

let server: TestServer;
let now = Date.UTC(2026, 0, 5, 9);
const nowSeconds = () => Math.floor(now / 1000);
const sockets = new Map<string, TestSocket>();
const USERS = ['leckie', 'peter', 'tommy', 'nina'];

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => now } });
  await server.app.services.accounts.importAccounts(USERS.map((userId) => ({ userId })));
  for (const userId of ['peter', 'tommy']) sockets.set(userId, await connectTestClient(server, userId, { userSig: mintTestUserSig(server, userId, { now }) }));
});
afterAll(async () => {
  for (const socket of sockets.values()) socket.close();
  await server.stop({ removeData: true });
});

const OK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const call = (command: string, body: unknown): Promise<V4Reply> => callV4(server, `group_open_http_svc/${command}`, body, { now });
const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];
let made = 0;
let random = 1000;

/** leckie's group with peter and tommy, created an hour ago through the store (no tips: seqs start at 1). */
async function makeGroup(type: GroupType = 'Public'): Promise<string> {
  made += 1;
  const groupId = `@TGS#rest-gm-${made}`;
  await server.store.groups.create(
    {
      groupId, type, name: 'g', introduction: '', notification: '', faceUrl: '', owner: 'leckie', createTime: nowSeconds() - 3600,
      applyJoinOption: 'FreeAccess', muteAll: false, defaultPermissions: 0, active: true, maxMemberNum: null, custom: {},
    },
    [
      { userId: 'leckie', role: 'Owner', joinTime: 1, msgFlag: 'AcceptAndNotify' },
      { userId: 'peter', role: 'Member', joinTime: 1, msgFlag: 'AcceptAndNotify' },
      { userId: 'tommy', role: 'Member', joinTime: 1, msgFlag: 'AcceptAndNotify' },
    ],
  );
  return groupId;
}

const send = (groupId: string, extra: Record<string, unknown> = {}) =>
  call('send_group_msg', { GroupId: groupId, Random: (random += 1), MsgBody: text(`m${random}`), ...extra });

describe('S1 send_group_msg (ADR 0004 §4)', () => {
  it('G5 M8 M15 the documented request → {MsgTime, MsgSeq}; the member’s socket gets it with the mentions and priority', async () => {
    const groupId = await makeGroup();
    const pushed = nextPush(sockets.get('peter')!, 'message:created');
    const reply = await call('send_group_msg', {
      GroupId: groupId,
      From_Account: 'leckie',
      Random: 8912345,
      MsgPriority: 'High',
      ForbidCallbackControl: ['ForbidBeforeSendMsgCallback', 'ForbidAfterSendMsgCallback'],
      SendMsgControl: ['NoLastMsg'],
      OnlineOnlyFlag: 0,
      MsgBody: text('red @all @tommy packet'),
      GroupAtInfo: [{ GroupAtAllFlag: 1 }, { GroupAtAllFlag: 0, GroupAt_Account: 'tommy' }],
      CloudCustomData: 'your cloud custom data',
      OfflinePushInfo: { PushFlag: 0, Desc: '离线推送内容' },
    });
    expect(reply).toEqual({ ...OK, MsgTime: nowSeconds(), MsgSeq: 1 });
    const message = await pushed;
    expect(message).toMatchObject({
      conversationId: groupConversationId(groupId, null),
      from: 'leckie',
      seq: 1,
      body: text('red @all @tommy packet'),
      priority: 'High',
      groupAt: { all: true, userIds: ['tommy'] },
      cloudCustomData: 'your cloud custom data',
    });
    expect(await send(groupId)).toMatchObject({ ...OK, MsgSeq: 2 });
  });

  it('S1 the same Random from the same sender within 5 minutes is one message; after 5 minutes it is a new one', async () => {
    const groupId = await makeGroup();
    const body = { GroupId: groupId, Random: 77, MsgBody: text('once') };
    const first = await call('send_group_msg', body);
    expect(first).toMatchObject({ ...OK, MsgSeq: 1 });
    now += 60_000;
    expect(await call('send_group_msg', body)).toEqual(first);
    // Another sender with the same Random is another message.
    expect(await call('send_group_msg', { ...body, From_Account: 'peter' })).toMatchObject({ MsgSeq: 2 });
    now += 5 * 60_000;
    expect(await call('send_group_msg', body)).toMatchObject({ ...OK, MsgSeq: 3 });
  });

  it('G7 TopicId sends into the topic conversation, its seqs its own; a TopicId of another group is 10004', async () => {
    const created = await call('create_group', { Owner_Account: 'leckie', Type: 'Community', Name: 'c', MemberList: [{ Member_Account: 'peter' }] });
    const groupId = created.GroupId as string;
    const topic = await callV4(server, 'million_group_open_http_svc/create_topic', { GroupId: groupId, TopicName: 't' }, { now });
    const topicId = topic.TopicId as string;
    const pushes = collect(sockets.get('peter')!, 'message:created');
    expect(await send(groupId, { TopicId: topicId })).toMatchObject({ ...OK, MsgSeq: 1 });
    expect(await send(groupId, { TopicId: topicId, From_Account: 'peter' })).toMatchObject({ ...OK, MsgSeq: 2 });
    await eventually(() => pushes.some((m) => m.conversationId === groupConversationId(groupId, topicId)));
    expect(await send('@TGS#_other', { TopicId: topicId })).toMatchObject({ ErrorCode: 10004 });
  });

  it('OnlineOnlyFlag 1 is pushed with seq 0 and not stored', async () => {
    const groupId = await makeGroup();
    const pushes = collect(sockets.get('tommy')!, 'message:created');
    expect(await send(groupId, { OnlineOnlyFlag: 1 })).toMatchObject({ ...OK, MsgSeq: 0 });
    await eventually(() => pushes.some((m) => m.conversationId === groupConversationId(groupId, null)));
    expect(pushes.filter((m) => m.conversationId === groupConversationId(groupId, null)).map((m) => m.seq)).toEqual([0]);
    expect(await call('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 5 })).toMatchObject({ RspMsgList: [] });
  });

  it('S1 refusals: Random missing 10004, unknown group 10010, non-member sender 10007, muted From_Account 10017, too long 80002', async () => {
    const groupId = await makeGroup();
    expect(await call('send_group_msg', { GroupId: groupId, MsgBody: text('x') })).toMatchObject({ ErrorCode: 10004 });
    expect(await call('send_group_msg', { GroupId: groupId, Random: 4294967296, MsgBody: text('x') })).toMatchObject({ ErrorCode: 10004 });
    expect(await send('@TGS#NOSUCHGROUP')).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10010 });
    expect(await send(groupId, { From_Account: 'nina' })).toMatchObject({ ErrorCode: 10007 });
    expect(await call('forbid_send_msg', { GroupId: groupId, Members_Account: ['peter'], ShutUpTime: 600 })).toMatchObject(OK);
    expect(await send(groupId, { From_Account: 'peter' })).toMatchObject({ ErrorCode: 10017 });
    // The app admin is not muted by anyone, also when it names itself.
    expect(await send(groupId)).toMatchObject(OK);
    expect(await send(groupId, { From_Account: 'administrator' })).toMatchObject(OK);
    expect(await send(groupId, { MsgBody: text('x'.repeat(13_000)) })).toMatchObject({ ErrorCode: 80002 });
  });
});

describe('S1 group_msg_get_simple and group_msg_recall (ADR 0004 §4)', () => {
  it('M15 newest first, seq ≤ ReqMsgSeq, IsFinished, priority numbers; M5 recall per-item RetCode and IsPlaceMsg 2', async () => {
    const groupId = await makeGroup();
    await send(groupId, { MsgPriority: 'High', From_Account: 'peter' });
    await send(groupId);
    await send(groupId, { MsgPriority: 'Low' });

    const latest = await call('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 2 });
    expect(latest).toMatchObject({ ...OK, GroupId: groupId, IsFinished: 0 });
    const list = latest.RspMsgList as Array<Record<string, unknown>>;
    expect(list.map((m) => [m.MsgSeq, m.MsgPriority, m.IsPlaceMsg])).toEqual([
      [3, 3, 0],
      [2, 2, 0],
    ]);
    expect(list[0]).toMatchObject({ From_Account: 'administrator', MsgTimeStamp: nowSeconds(), MsgBody: expect.any(Array), MsgRandom: expect.any(Number) });

    const rest = await call('group_msg_get_simple', { GroupId: groupId, ReqMsgSeq: 1, ReqMsgNumber: 20 });
    expect(rest).toMatchObject({ IsFinished: 1, RspMsgList: [{ MsgSeq: 1, MsgPriority: 1, From_Account: 'peter' }] });

    const updated = nextPush(sockets.get('tommy')!, 'message:updated');
    const recall = await call('group_msg_recall', { GroupId: groupId, MsgSeqList: [{ MsgSeq: 100 }, { MsgSeq: 1 }] });
    expect(recall).toEqual({ ...OK, RecallRetList: [{ MsgSeq: 100, RetCode: 10030 }, { MsgSeq: 1, RetCode: 0 }] });
    expect(await updated).toMatchObject({ seq: 1, recalled: true });
    const after = await call('group_msg_get_simple', { GroupId: groupId, ReqMsgSeq: 1, ReqMsgNumber: 1 });
    expect(after).toMatchObject({ RspMsgList: [{ MsgSeq: 1, IsPlaceMsg: 2, MsgBody: [] }] });

    const eleven = Array.from({ length: 11 }, (_, i) => ({ MsgSeq: i + 1 }));
    expect(await call('group_msg_recall', { GroupId: groupId, MsgSeqList: eleven })).toMatchObject({ ErrorCode: 10004 });
    expect(await call('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 21 })).toMatchObject({ ErrorCode: 10004 });
  });

  it('AVChatRoom stores nothing: a send is pushed with MsgSeq 0, a notice to all is pushed; recall, get_simple and import answer 10007; unknown group 10010', async () => {
    const groupId = await makeGroup('AVChatRoom');
    const messages = collect(sockets.get('peter')!, 'message:created');
    const notices = collect(sockets.get('peter')!, 'group:notice');
    expect(await send(groupId)).toMatchObject({ ...OK, MsgSeq: 0 });
    expect(await call('send_group_system_notification', { GroupId: groupId, Content: 'live' })).toEqual(OK);
    await eventually(() => messages.some((m) => m.conversationId === groupConversationId(groupId, null)) && notices.some((n) => n.notice.groupId === groupId));
    expect((await server.store.groupNotices.after('peter', 0, 100)).notices.filter((n) => n.groupId === groupId)).toEqual([]);
    expect(await call('group_msg_recall', { GroupId: groupId, MsgSeqList: [{ MsgSeq: 1 }] })).toMatchObject({ ErrorCode: 10007 });
    expect(await call('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 5 })).toMatchObject({ ErrorCode: 10007 });
    const item = { From_Account: 'peter', SendTime: nowSeconds() - 10, Random: 1, MsgBody: text('old') };
    expect(await call('import_group_msg', { GroupId: groupId, MsgList: [item] })).toMatchObject({ ErrorCode: 10007 });
    expect(await call('group_msg_get_simple', { GroupId: '@TGS#NOSUCH', ReqMsgNumber: 5 })).toMatchObject({ ErrorCode: 10010 });
  });
});

describe('S1 import_group_msg (ADR 0004 §4)', () => {
  it('ascending SendTime after creation and the last message and before now; per-item Result; seqs assigned; nothing pushed', async () => {
    const groupId = await makeGroup();
    const pushes = collect(sockets.get('peter')!, 'message:created');
    const t = nowSeconds();
    const item = (from: string, sendTime: number) => ({ From_Account: from, SendTime: sendTime, Random: sendTime, MsgBody: text(`at ${sendTime}`) });
    const reply = await call('import_group_msg', {
      GroupId: groupId,
      MsgList: [item('peter', t - 3000), item('tommy', t - 2000), item('peter', t - 2500), item('leckie', t - 7200), item('tommy', t + 60), item('leckie', t - 1000)],
    });
    expect(reply).toEqual({
      ...OK,
      ImportMsgResult: [
        { MsgSeq: 1, MsgTime: t - 3000, Result: 0 },
        { MsgSeq: 2, MsgTime: t - 2000, Result: 0 },
        { MsgSeq: 0, MsgTime: t - 2500, Result: 10004 },
        { MsgSeq: 0, MsgTime: t - 7200, Result: 10004 },
        { MsgSeq: 0, MsgTime: t + 60, Result: 10004 },
        { MsgSeq: 3, MsgTime: t - 1000, Result: 0 },
      ],
    });
    // Before the group's last message: refused.
    expect(await call('import_group_msg', { GroupId: groupId, MsgList: [item('peter', t - 1500)] })).toMatchObject({
      ImportMsgResult: [{ Result: 10004 }],
    });
    const page = await call('group_msg_get_simple', { GroupId: groupId, ReqMsgNumber: 20 });
    expect((page.RspMsgList as Array<Record<string, unknown>>).map((m) => [m.MsgSeq, m.From_Account, m.MsgTimeStamp])).toEqual([
      [3, 'leckie', t - 1000],
      [2, 'tommy', t - 2000],
      [1, 'peter', t - 3000],
    ]);
    await settle();
    expect(pushes).toEqual([]);
    // A body too long or an unknown sender fails its own item only.
    const big = { ...item('peter', t - 900), MsgBody: text('x'.repeat(13_000)) };
    expect(await call('import_group_msg', { GroupId: groupId, MsgList: [big, item('ghost', t - 800), item('tommy', t - 700)] })).toMatchObject({
      ImportMsgResult: [{ Result: 80002 }, { Result: 10019 }, { MsgSeq: 4, Result: 0 }],
    });
    const eight = Array.from({ length: 8 }, (_, i) => item('peter', t - 100 + i));
    expect(await call('import_group_msg', { GroupId: groupId, MsgList: eight })).toMatchObject({ ErrorCode: 10004 });
    // The next live send follows the imported seqs.
    expect(await send(groupId)).toMatchObject({ MsgSeq: 5 });
  });
});

describe('S1 send_group_system_notification (ADR 0004 §4)', () => {
  it('to the named members only, or to everyone when ToMembers_Account is absent; pushed as group:notice', async () => {
    const groupId = await makeGroup();
    const tommyNotices = collect(sockets.get('tommy')!, 'group:notice');
    const peterNotice = nextPush(sockets.get('peter')!, 'group:notice');
    expect(await call('send_group_system_notification', { GroupId: groupId, ToMembers_Account: ['peter', 'leckie'], Content: 'Hello World' })).toEqual(OK);
    expect((await peterNotice).notice).toMatchObject({ groupId, content: 'Hello World', topicId: null });
    await settle();
    expect(tommyNotices).toEqual([]);

    const tommyAll = nextPush(sockets.get('tommy')!, 'group:notice');
    expect(await call('send_group_system_notification', { GroupId: groupId, ToMembers_Account: [], Content: 'to all' })).toEqual(OK);
    expect((await tommyAll).notice).toMatchObject({ content: 'to all' });
    expect((await server.store.groupNotices.after('tommy', 0, 10)).notices.map((n) => n.content)).toEqual(['to all']);
    expect((await server.store.groupNotices.after('peter', 0, 10)).notices.map((n) => n.content)).toEqual(['Hello World', 'to all']);

    expect(await call('send_group_system_notification', { GroupId: '@TGS#NOSUCH', Content: 'x' })).toMatchObject({ ErrorCode: 10010 });
    const room = await makeGroup('AVChatRoom');
    expect(await call('send_group_system_notification', { GroupId: room, ToMembers_Account: ['peter'], Content: 'x' })).toMatchObject({ ErrorCode: 10007 });
  });
});
