import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type V4Reply, callV4 } from '../../testing/v4Client';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const now = Date.UTC(2026, 0, 7, 9);
const nowSeconds = Math.floor(now / 1000);

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => now } });
  await server.app.services.accounts.importAccounts(['test_user', 'member1', 'outsider'].map((userId) => ({ userId })));
});
afterAll(() => server.stop({ removeData: true }));

const OK = { ActionStatus: 'OK', ErrorCode: 0 };
const topicCall = (command: string, body: unknown): Promise<V4Reply> => callV4(server, `million_group_open_http_svc/${command}`, body, { now });

async function community(name: string): Promise<string> {
  const reply = await callV4(server, 'group_open_http_svc/create_group', {
    Owner_Account: 'test_user',
    Type: 'Community',
    Name: name,
    MemberList: [{ Member_Account: 'member1' }],
  }, { now });
  expect(reply).toMatchObject(OK);
  return reply.GroupId as string;
}

describe('S1 REST million_group_open_http_svc topics (contract §3.16)', () => {
  let groupId: string;

  beforeAll(async () => {
    // Assigned community IDs look like the documented one: @TGS#_@TGS#…
    groupId = await community('c');
    expect(groupId).toMatch(/^@TGS#_@TGS#/);
  });

  it('S1 G7 create_topic as documented (custom TopicId, From_Account), get_topic with GroupID, SelfInfo and ErrorInfo "ok"', async () => {
    const topicId = `${groupId}@TOPIC#_TestTopic`;
    const created = await topicCall('create_topic', {
      GroupId: groupId,
      TopicId: topicId,
      TopicName: 'TestTopic',
      From_Account: 'test_user',
      CustomString: 'This is a custom string',
      FaceUrl: 'http://this.is.face.url',
      Notification: 'This is topic Notification',
      Introduction: 'This is topic Introduction',
    });
    expect(created).toEqual({ ...OK, ErrorInfo: '', TopicId: topicId });
    const assigned = await topicCall('create_topic', { GroupId: groupId, TopicName: 'Second' });
    expect(assigned.TopicId).toMatch(new RegExp(`^${groupId.replace(/[$#@]/g, '\\$&')}@TOPIC#_@TOPIC#`));

    const got = await topicCall('get_topic', { GroupId: groupId, From_Account: 'member1', TopicIdList: [topicId] });
    expect(got).toEqual({
      ...OK,
      ErrorInfo: 'ok',
      TopicAndSelfInfo: [
        {
          ErrorCode: 0,
          ErrorInfo: 'ok',
          SelfInfo: { ShutUpTime: 0, MsgFlag: 'AcceptAndNotify' },
          TopicInfo: {
            TopicId: topicId,
            GroupID: groupId,
            TopicName: 'TestTopic',
            FaceUrl: 'http://this.is.face.url',
            Notification: 'This is topic Notification',
            Introduction: 'This is topic Introduction',
            CreateTime: nowSeconds,
            MuteAllMember: 'Off',
            ShutUpAllFlag: 0,
            CustomString: 'This is a custom string',
          },
        },
      ],
    });
    const all = await topicCall('get_topic', { GroupId: groupId, From_Account: 'test_user', ResponseFilter: ['TopicName'] });
    expect((all.TopicAndSelfInfo as Array<{ TopicInfo: unknown }>).map((t) => t.TopicInfo)).toEqual(
      expect.arrayContaining([
        { TopicId: topicId, GroupID: groupId, TopicName: 'TestTopic' },
        { TopicId: assigned.TopicId, GroupID: groupId, TopicName: 'Second' },
      ]),
    );
    expect(all.TopicAndSelfInfo).toHaveLength(2);
    const missing = await topicCall('get_topic', { GroupId: groupId, From_Account: 'test_user', TopicIdList: [`${groupId}@TOPIC#_gone`] });
    expect(missing).toMatchObject({ ...OK, TopicAndSelfInfo: [{ ErrorCode: 110003 }] });
  });

  it('S1 G7 modify_topic as documented (ALL IN ONE): ErrorInfo "ok"; get_topic shows the change, MuteAllMember On', async () => {
    const topicId = `${groupId}@TOPIC#_ToModify`;
    await topicCall('create_topic', { GroupId: groupId, TopicId: topicId, TopicName: 'Old' });
    const reply = await topicCall('modify_topic', {
      GroupId: groupId,
      TopicId: topicId,
      From_Account: 'test_user',
      TopicName: 'TestTopicName',
      FaceUrl: 'http://this.is.new.face.url',
      Notification: 'Notification',
      Introduction: 'Introduction',
      MuteAllMember: 'On',
      CustomString: 'This is a customs string.',
    });
    expect(reply).toEqual({ ...OK, ErrorInfo: 'ok' });
    const got = await topicCall('get_topic', { GroupId: groupId, From_Account: 'test_user', TopicIdList: [topicId] });
    expect((got.TopicAndSelfInfo as Array<{ TopicInfo: unknown }>)[0]?.TopicInfo).toMatchObject({
      TopicName: 'TestTopicName',
      FaceUrl: 'http://this.is.new.face.url',
      Notification: 'Notification',
      Introduction: 'Introduction',
      MuteAllMember: 'On',
      ShutUpAllFlag: 1,
      CustomString: 'This is a customs string.',
    });
    // Only what is sent changes.
    await topicCall('modify_topic', { GroupId: groupId, TopicId: topicId, Notification: 'N2' });
    const again = await topicCall('get_topic', { GroupId: groupId, From_Account: 'test_user', TopicIdList: [topicId] });
    expect((again.TopicAndSelfInfo as Array<{ TopicInfo: unknown }>)[0]?.TopicInfo).toMatchObject({ TopicName: 'TestTopicName', Notification: 'N2' });
    // An ordinary member without ManageTopicInfo may not (10007); another group's topic is 10015; an unknown topic 110003.
    expect((await topicCall('modify_topic', { GroupId: groupId, TopicId: topicId, From_Account: 'member1', TopicName: 'x' })).ErrorCode).toBe(10007);
    expect((await topicCall('modify_topic', { GroupId: '@TGS#_other', TopicId: topicId, TopicName: 'x' })).ErrorCode).toBe(10015);
    expect((await topicCall('modify_topic', { GroupId: groupId, TopicId: `${groupId}@TOPIC#_gone`, TopicName: 'x' })).ErrorCode).toBe(110003);
  });

  it('S1 G7 destroy_topic as documented: DestroyResultItem per topic, "ok"; a topic already gone is 110003 in its item', async () => {
    const a = `${groupId}@TOPIC#_TestTopic_A`;
    const b = `${groupId}@TOPIC#_TestTopic_B`;
    await topicCall('create_topic', { GroupId: groupId, TopicId: a, TopicName: 'A' });
    await topicCall('create_topic', { GroupId: groupId, TopicId: b, TopicName: 'B' });
    expect(await topicCall('destroy_topic', { GroupId: groupId, TopicIdList: [a, b] })).toEqual({
      ...OK,
      ErrorInfo: 'ok',
      DestroyResultItem: [
        { ErrorCode: 0, ErrorInfo: 'ok', TopicId: a },
        { ErrorCode: 0, ErrorInfo: 'ok', TopicId: b },
      ],
    });
    const again = await topicCall('destroy_topic', { GroupId: groupId, TopicIdList: [a] });
    expect(again).toMatchObject({ ...OK, DestroyResultItem: [{ ErrorCode: 110003, TopicId: a }] });
  });

  it('S1 G7 refusals: 11000 topics outside communities, 10010 unknown community, 10015 custom TopicId not under the GroupId or reserved, 10021 taken, 10007 non-member From_Account, 10004 TopicDefinedData', async () => {
    const pub = await callV4(server, 'group_open_http_svc/create_group', { Type: 'Public', Name: 'p' }, { now });
    for (const [command, body] of [
      ['create_topic', { GroupId: pub.GroupId, TopicName: 't' }],
      ['get_topic', { GroupId: pub.GroupId, From_Account: 'test_user' }],
      ['destroy_topic', { GroupId: pub.GroupId, TopicIdList: [`${String(pub.GroupId)}@TOPIC#_x`] }],
    ] as const) {
      expect((await topicCall(command, body)).ErrorCode).toBe(11000);
    }
    expect((await topicCall('create_topic', { GroupId: '@TGS#_nosuch', TopicName: 't' })).ErrorCode).toBe(10010);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicId: '@TGS#_elsewhere@TOPIC#_x', TopicName: 't' })).ErrorCode).toBe(10015);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicId: `${groupId}@TOPIC#_@TOPIC#mine`, TopicName: 't' })).ErrorCode).toBe(10015);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicId: `${groupId}@TOPIC#_TestTopic`, TopicName: 't' })).ErrorCode).toBe(10021);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicName: 't', From_Account: 'outsider' })).ErrorCode).toBe(10007);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicName: 't', From_Account: 'ghost' })).ErrorCode).toBe(10019);
    expect((await topicCall('get_topic', { GroupId: groupId, From_Account: 'outsider' })).ErrorCode).toBe(10007);
    expect((await topicCall('get_topic', { GroupId: groupId })).ErrorCode).toBe(10004);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicName: 'x'.repeat(31) })).ErrorCode).toBe(10004);
    expect((await topicCall('create_topic', { GroupId: groupId, TopicName: 't', TopicDefinedData: [{ Key: 'k', Value: 'v' }] })).ErrorCode).toBe(10004);
  });

  it('S1 G7 a community holds 200 topics: the 201st is refused (10004)', async () => {
    const id = await community('full');
    for (let i = 0; i < 200; i++) {
      const reply = await topicCall('create_topic', { GroupId: id, TopicName: `t${i}` });
      expect(reply.ErrorCode).toBe(0);
    }
    const over = await topicCall('create_topic', { GroupId: id, TopicName: 'one too many' });
    expect(over).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10004 });
    expect((await topicCall('get_topic', { GroupId: id, From_Account: 'test_user' })).TopicAndSelfInfo).toHaveLength(200);
  });
});
