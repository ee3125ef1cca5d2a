import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type V4Reply, callV4 } from '../../testing/v4Client';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
let now = Date.UTC(2026, 0, 5, 9);
const nowSeconds = () => Math.floor(now / 1000);

const USERS = ['leckie', 'bob', 'peter', 'tommy', 'jared', 'nina', 'omar'];

beforeAll(async () => {
  server = await startTestServer({
    clock: { now: () => now },
    groups: {
      groupFields: [
        { key: 'GroupTestData1', read: 'Anyone', write: 'Admin' },
        { key: 'GroupTestData2', read: 'Anyone', write: 'Admin' },
      ],
      memberFields: [
        { key: 'MemberDefined1', read: 'Member', write: 'Member' },
        { key: 'MemberDefined2', read: 'Member', write: 'Member' },
      ],
    },
  });
  await server.app.services.accounts.importAccounts(USERS.map((userId) => ({ userId })));
});
afterAll(() => server.stop({ removeData: true }));

const OK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const call = (command: string, body: unknown): Promise<V4Reply> => callV4(server, `group_open_http_svc/${command}`, body, { now });

async function create(body: Record<string, unknown>): Promise<string> {
  const reply = await call('create_group', body);
  expect(reply).toMatchObject(OK);
  return reply.GroupId as string;
}

async function info(groupId: string, filter?: unknown): Promise<Record<string, unknown>> {
  const reply = await call('get_group_info', { GroupIdList: [groupId], ...(filter ? { ResponseFilter: filter } : {}) });
  return (reply.GroupInfo as Array<Record<string, unknown>>)[0] ?? {};
}

describe('S1 REST group_open_http_svc: create and read (contract §3.15)', () => {
  it('S1 G2 G3 create_group as documented, then get_group_info: old type name, MaxMemberCount → MaxMemberNum, admins and custom data', async () => {
    const created = await call('create_group', {
      Owner_Account: 'leckie',
      Type: 'Public',
      GroupId: 'MyFirstGroup',
      Name: 'TestGroup',
      Introduction: 'This is group Introduction',
      Notification: 'This is group Notification',
      FaceUrl: 'http://this.is.face.url',
      MaxMemberCount: 500,
      ApplyJoinOption: 'FreeAccess',
      AppDefinedData: [{ Key: 'GroupTestData1', Value: 'xxxxx' }],
      MemberList: [{ Member_Account: 'bob', Role: 'Admin', AppMemberDefinedData: [{ Key: 'MemberDefined1', Value: 'MemberData1' }] }, { Member_Account: 'peter' }],
    });
    expect(created).toEqual({ ...OK, GroupId: 'MyFirstGroup' });

    const reply = await call('get_group_info', { GroupIdList: ['MyFirstGroup', '@TGS#NOSUCHGROUP'] });
    expect(reply).toMatchObject(OK);
    const [group, missing] = reply.GroupInfo as Array<Record<string, unknown>>;
    expect(group).toMatchObject({
      GroupId: 'MyFirstGroup',
      ErrorCode: 0,
      ErrorInfo: '',
      Type: 'Public',
      Name: 'TestGroup',
      Appid: server.sdkAppId,
      Introduction: 'This is group Introduction',
      Notification: 'This is group Notification',
      FaceUrl: 'http://this.is.face.url',
      Owner_Account: 'leckie',
      CreateTime: nowSeconds(),
      MemberNum: 3,
      MaxMemberNum: 500,
      ApplyJoinOption: 'FreeAccess',
      ShutUpAllMember: 'Off',
      AppDefinedData: [{ Key: 'GroupTestData1', Value: 'xxxxx' }],
    });
    expect(group?.MemberList).toEqual([
      { Member_Account: 'leckie', Role: 'Owner', JoinTime: nowSeconds(), MsgFlag: 'AcceptAndNotify', ShutUpUntil: 0, NameCard: '' },
      {
        Member_Account: 'bob',
        Role: 'Admin',
        JoinTime: nowSeconds(),
        MsgFlag: 'AcceptAndNotify',
        ShutUpUntil: 0,
        NameCard: '',
        AppMemberDefinedData: [{ Key: 'MemberDefined1', Value: 'MemberData1' }],
      },
      { Member_Account: 'peter', Role: 'Member', JoinTime: nowSeconds(), MsgFlag: 'AcceptAndNotify', ShutUpUntil: 0, NameCard: '' },
    ]);
    // Per group, not for the call: the top level stays 0.
    expect(missing).toMatchObject({ GroupId: '@TGS#NOSUCHGROUP', ErrorCode: 10010 });
  });

  it('S1 get_group_info ResponseFilter keeps only the named fields and custom keys', async () => {
    const group = await info('MyFirstGroup', {
      GroupBaseInfoFilter: ['Type', 'Name'],
      MemberInfoFilter: ['Role'],
      AppDefinedDataFilter_Group: ['GroupTestData1'],
      AppDefinedDataFilter_GroupMember: ['MemberDefined1'],
    });
    expect(group).toEqual({
      GroupId: 'MyFirstGroup',
      ErrorCode: 0,
      ErrorInfo: '',
      Type: 'Public',
      Name: 'TestGroup',
      AppDefinedData: [{ Key: 'GroupTestData1', Value: 'xxxxx' }],
      MemberList: [
        { Member_Account: 'leckie', Role: 'Owner' },
        { Member_Account: 'bob', Role: 'Admin', AppMemberDefinedData: [{ Key: 'MemberDefined1', Value: 'MemberData1' }] },
        { Member_Account: 'peter', Role: 'Member' },
      ],
    });
    expect(await info('MyFirstGroup', { GroupBaseInfoFilter: ['MemberNum'] })).toEqual({ GroupId: 'MyFirstGroup', ErrorCode: 0, ErrorInfo: '', MemberNum: 3 });
  });

  it('S1 G1 both type names are accepted (Private/Work, ChatRoom/Meeting); replies use the old ones; only Type and Name are required', async () => {
    const work = await create({ Owner_Account: 'leckie', Type: 'Work', Name: 'w' });
    const priv = await create({ Owner_Account: 'leckie', Type: 'Private', Name: 'p' });
    const meeting = await create({ Type: 'Meeting', Name: 'm' });
    const chatRoom = await create({ Type: 'ChatRoom', Name: 'c' });
    expect(work).toMatch(/^@TGS#/);
    for (const id of [work, priv]) expect(await info(id, { GroupBaseInfoFilter: ['Type'] })).toMatchObject({ Type: 'Private' });
    for (const id of [meeting, chatRoom]) expect(await info(id, { GroupBaseInfoFilter: ['Type', 'Owner_Account', 'MemberNum'] })).toMatchObject({ Type: 'ChatRoom', Owner_Account: '', MemberNum: 0 });
  });

  it('S1 G2 create_group refusals: 10015 custom IDs (reserved @TGS#, community prefix), 10021 taken, 10019 unknown user, 10004 bad body, 10011 bad JSON, 10007 AVChatRoom members; nothing is created', async () => {
    expect((await call('create_group', { Type: 'Public', Name: 'a', GroupId: '@TGS#mine' })).ErrorCode).toBe(10015);
    expect((await call('create_group', { Type: 'Community', Name: 'a', GroupId: 'plain' })).ErrorCode).toBe(10015);
    expect((await call('create_group', { Type: 'Community', Name: 'a', GroupId: '@TGS#_@TGS#mine' })).ErrorCode).toBe(10015);
    expect((await call('create_group', { Type: 'Public', Name: 'a', GroupId: 'x'.repeat(49) })).ErrorCode).toBe(10015);
    expect((await call('create_group', { Type: 'Public', Name: 'again', GroupId: 'MyFirstGroup' })).ErrorCode).toBe(10021);
    expect((await call('create_group', { Type: 'Public', Name: 'a', GroupId: 'u1', Owner_Account: 'ghost' })).ErrorCode).toBe(10019);
    expect((await call('create_group', { Type: 'Public', Name: 'a', GroupId: 'u2', MemberList: [{ Member_Account: 'ghost' }] })).ErrorCode).toBe(10019);
    expect((await call('create_group', { Type: 'Public', GroupId: 'u3' })).ErrorCode).toBe(10004);
    expect((await call('create_group', { Type: 'Public', Name: 'x'.repeat(31) })).ErrorCode).toBe(10004);
    expect((await call('create_group', { Type: 'Nope', Name: 'a' })).ErrorCode).toBe(10004);
    expect((await call('create_group', '{"Type":')).ErrorCode).toBe(10011);
    expect((await call('create_group', { Type: 'AVChatRoom', Name: 'a', GroupId: 'u4', MemberList: [{ Member_Account: 'bob' }] })).ErrorCode).toBe(10007);
    // Work has no admins: refused before the group exists.
    expect((await call('create_group', { Type: 'Work', Name: 'a', GroupId: 'u5', MemberList: [{ Member_Account: 'bob', Role: 'Admin' }] })).ErrorCode).toBe(10007);
    expect((await call('create_group', { Type: 'Public', Name: 'a', GroupId: 'u6', MemberList: [{ Member_Account: 'bob', AppMemberDefinedData: [{ Key: 'Nope', Value: 'x' }] }] })).ErrorCode).toBe(10004);
    const reply = await call('get_group_info', { GroupIdList: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] });
    expect((reply.GroupInfo as Array<{ ErrorCode: number }>).map((g) => g.ErrorCode)).toEqual([10010, 10010, 10010, 10010, 10010, 10010]);
  });
});

describe('S1 REST group_open_http_svc: change and remove (contract §3.15)', () => {
  it('S1 G3 modify_group_base_info as documented: MaxMemberNum, ShutUpAllMember On, and "" deletes an AppDefinedData key', async () => {
    await call('modify_group_base_info', { GroupId: 'MyFirstGroup', AppDefinedData: [{ Key: 'GroupTestData2', Value: 'kept until deleted' }] });
    expect((await info('MyFirstGroup')).AppDefinedData).toEqual([
      { Key: 'GroupTestData1', Value: 'xxxxx' },
      { Key: 'GroupTestData2', Value: 'kept until deleted' },
    ]);
    now += 1000;
    const reply = await call('modify_group_base_info', {
      GroupId: 'MyFirstGroup',
      Name: 'NewName',
      Introduction: 'NewIntroduction',
      Notification: 'NewNotification',
      FaceUrl: 'http://this.is.new.face.url',
      MaxMemberNum: 500,
      ApplyJoinOption: 'NeedPermission',
      ShutUpAllMember: 'On',
      AppDefinedData: [
        { Key: 'GroupTestData1', Value: 'NewData' },
        { Key: 'GroupTestData2', Value: '' },
      ],
    });
    expect(reply).toEqual(OK);
    expect(await info('MyFirstGroup')).toMatchObject({
      Name: 'NewName',
      Introduction: 'NewIntroduction',
      Notification: 'NewNotification',
      FaceUrl: 'http://this.is.new.face.url',
      MaxMemberNum: 500,
      ApplyJoinOption: 'NeedPermission',
      ShutUpAllMember: 'On',
      LastInfoTime: nowSeconds(),
      AppDefinedData: [{ Key: 'GroupTestData1', Value: 'NewData' }],
    });
    // Only what is sent changes.
    await call('modify_group_base_info', { GroupId: 'MyFirstGroup', ShutUpAllMember: 'Off' });
    expect(await info('MyFirstGroup', { GroupBaseInfoFilter: ['Name', 'ShutUpAllMember'] })).toMatchObject({ Name: 'NewName', ShutUpAllMember: 'Off' });
  });

  it('S1 G3 modify_group_base_info refusals: 10010 unknown group, 10004 unknown custom key or a cap above the server quota, 10007 mute-all in Work', async () => {
    expect((await call('modify_group_base_info', { GroupId: 'nosuch', Name: 'x' })).ErrorCode).toBe(10010);
    expect((await call('modify_group_base_info', { GroupId: 'MyFirstGroup', AppDefinedData: [{ Key: 'Nope', Value: 'x' }] })).ErrorCode).toBe(10004);
    expect((await call('modify_group_base_info', { GroupId: 'MyFirstGroup', MaxMemberNum: 2001 })).ErrorCode).toBe(10004);
    const work = await create({ Owner_Account: 'leckie', Type: 'Private', Name: 'w' });
    expect((await call('modify_group_base_info', { GroupId: work, ShutUpAllMember: 'On' })).ErrorCode).toBe(10007);
  });

  it('S1 G2 change_group_owner: to a member (the old owner stays a member); 10007 non-member, 10019 unknown user; works on an ownerless group', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'o', MemberList: [{ Member_Account: 'peter' }] });
    expect(await call('change_group_owner', { GroupId: id, NewOwner_Account: 'peter' })).toEqual(OK);
    expect(await info(id, { GroupBaseInfoFilter: ['Owner_Account'], MemberInfoFilter: ['Role'] })).toMatchObject({
      Owner_Account: 'peter',
      MemberList: [
        { Member_Account: 'peter', Role: 'Owner' },
        { Member_Account: 'leckie', Role: 'Member' },
      ],
    });
    expect((await call('change_group_owner', { GroupId: id, NewOwner_Account: 'nina' })).ErrorCode).toBe(10007);
    expect((await call('change_group_owner', { GroupId: id, NewOwner_Account: 'ghost' })).ErrorCode).toBe(10019);
    const ownerless = await create({ Type: 'Public', Name: 'nobody', MemberList: [{ Member_Account: 'nina' }] });
    expect(await call('change_group_owner', { GroupId: ownerless, NewOwner_Account: 'nina' })).toEqual(OK);
    const av = await create({ Owner_Account: 'leckie', Type: 'AVChatRoom', Name: 'live' });
    expect((await call('change_group_owner', { GroupId: av, NewOwner_Account: 'leckie' })).ErrorCode).toBe(10007);
  });

  it('S1 G2 destroy_group: the group is gone (10010 afterwards)', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'd' });
    expect(await call('destroy_group', { GroupId: id })).toEqual(OK);
    expect((await info(id)).ErrorCode).toBe(10010);
    expect((await call('destroy_group', { GroupId: id })).ErrorCode).toBe(10010);
    expect((await call('destroy_group', {})).ErrorCode).toBe(10004);
  });
});

describe('S1 REST get_joined_group_list (contract §3.15)', () => {
  it('S1 G1 basic reply lists GroupIds; AVChatRoom and Work before its first message only when asked; TotalCount ignores Limit/Offset; filters add base and self info', async () => {
    await server.app.services.accounts.importAccounts([{ userId: 'joiner' }]);
    const pub = await create({ Owner_Account: 'joiner', Type: 'Public', Name: 'p1' });
    const work = await create({ Owner_Account: 'leckie', Type: 'Private', Name: 'w1', MemberList: [{ Member_Account: 'joiner' }] });
    const av = await create({ Owner_Account: 'joiner', Type: 'AVChatRoom', Name: 'a1' });
    const basic = await call('get_joined_group_list', { Member_Account: 'joiner' });
    expect(basic).toEqual({ ...OK, TotalCount: 1, GroupIdList: [{ GroupId: pub }] });
    const all = await call('get_joined_group_list', { Member_Account: 'joiner', WithHugeGroups: 1, WithNoActiveGroups: 1 });
    expect(all.TotalCount).toBe(3);
    expect((all.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId).sort()).toEqual([pub, work, av].sort());
    const paged = await call('get_joined_group_list', { Member_Account: 'joiner', WithHugeGroups: 1, WithNoActiveGroups: 1, Limit: 1, Offset: 1 });
    expect(paged.TotalCount).toBe(3);
    expect(paged.GroupIdList).toHaveLength(1);
    const typed = await call('get_joined_group_list', { Member_Account: 'joiner', WithNoActiveGroups: 1, GroupType: 'Private' });
    expect(typed).toMatchObject({ TotalCount: 1, GroupIdList: [{ GroupId: work }] });
    const filtered = await call('get_joined_group_list', {
      Member_Account: 'joiner',
      ResponseFilter: { GroupBaseInfoFilter: ['Type', 'Name', 'Introduction', 'Notification'], SelfInfoFilter: ['Role', 'JoinTime'] },
    });
    expect(filtered).toEqual({
      ...OK,
      TotalCount: 1,
      GroupIdList: [{ GroupId: pub, Type: 'Public', Name: 'p1', Introduction: '', Notification: '', SelfInfo: { Role: 'Owner', JoinTime: nowSeconds() } }],
    });
    expect((await call('get_joined_group_list', { Member_Account: 'ghost' })).ErrorCode).toBe(10019);
    expect((await call('get_joined_group_list', { Member_Account: 'joiner', Limit: 5001 })).ErrorCode).toBe(10004);
  });
});
