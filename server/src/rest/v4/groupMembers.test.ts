import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type V4Reply, callV4 } from '../../testing/v4Client';
import { connectTestClient, nextPush } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';

let server: TestServer;
let now = Date.UTC(2026, 0, 6, 9);
const nowSeconds = () => Math.floor(now / 1000);
const FOREVER = 4294967295;

const USERS = ['leckie', 'bob', 'peter', 'tommy', 'jared', 'nina', 'omar', 'pia'];

beforeAll(async () => {
  server = await startTestServer({
    clock: { now: () => now },
    groups: { memberFields: [{ key: 'MemberDefined1', read: 'Member', write: 'Member' }] },
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

async function members(groupId: string, extra: Record<string, unknown> = {}): Promise<V4Reply> {
  return call('get_group_member_info', { GroupId: groupId, ...extra });
}

const accounts = (reply: V4Reply) => (reply.MemberList as Array<{ Member_Account: string }>).map((m) => m.Member_Account);

describe('S1 REST add_group_member / delete_group_member (contract §3.15)', () => {
  it('S1 G4 add_group_member: Result 1 added, 2 already a member; 10019 unknown user and 10014 full change nothing; 10005 above 300', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'g', MaxMemberCount: 4, MemberList: [{ Member_Account: 'bob' }] });
    const added = await call('add_group_member', { GroupId: id, Silence: 1, MemberList: [{ Member_Account: 'tommy' }, { Member_Account: 'bob' }] });
    expect(added).toEqual({
      ...OK,
      MemberList: [
        { Member_Account: 'tommy', Result: 1 },
        { Member_Account: 'bob', Result: 2 },
      ],
    });
    expect((await call('add_group_member', { GroupId: id, MemberList: [{ Member_Account: 'jared' }, { Member_Account: 'ghost' }] })).ErrorCode).toBe(10019);
    expect((await call('add_group_member', { GroupId: id, MemberList: [{ Member_Account: 'jared' }, { Member_Account: 'nina' }] })).ErrorCode).toBe(10014);
    expect(accounts(await members(id))).toEqual(['leckie', 'bob', 'tommy']);
    expect((await call('add_group_member', { GroupId: id, MemberList: [{ Member_Account: 'jared' }] })).MemberList).toEqual([{ Member_Account: 'jared', Result: 1 }]);
    const many = Array.from({ length: 301 }, (_, i) => ({ Member_Account: `u${i}` }));
    expect((await call('add_group_member', { GroupId: id, MemberList: many })).ErrorCode).toBe(10005);
    expect((await call('add_group_member', { GroupId: 'nosuch', MemberList: [{ Member_Account: 'bob' }] })).ErrorCode).toBe(10010);
    const av = await create({ Owner_Account: 'leckie', Type: 'AVChatRoom', Name: 'live' });
    expect((await call('add_group_member', { GroupId: av, MemberList: [{ Member_Account: 'bob' }] })).ErrorCode).toBe(10007);
  });

  it('S1 G4 delete_group_member: removes members (Reason reaches them), a non-member still succeeds; the owner cannot be removed (10007); AVChatRoom 10004', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'g', MemberList: [{ Member_Account: 'tommy' }, { Member_Account: 'jared' }] });
    const tommy = await connectTestClient(server, 'tommy', { userSig: mintTestUserSig(server, 'tommy', { now }) });
    const left = nextPush(tommy, 'group:left');
    expect(await call('delete_group_member', { GroupId: id, Silence: 1, Reason: 'kick reason', MemberToDel_Account: ['tommy', 'omar'] })).toEqual(OK);
    expect(await left).toEqual({ groupId: id, reason: 'kicked', wording: 'kick reason' });
    tommy.disconnect();
    expect(accounts(await members(id))).toEqual(['leckie', 'jared']);
    expect((await call('delete_group_member', { GroupId: id, MemberToDel_Account: ['leckie'] })).ErrorCode).toBe(10007);
    expect(accounts(await members(id))).toEqual(['leckie', 'jared']);
    const av = await create({ Owner_Account: 'leckie', Type: 'AVChatRoom', Name: 'live' });
    expect((await call('delete_group_member', { GroupId: av, MemberToDel_Account: ['bob'] })).ErrorCode).toBe(10004);
    expect((await call('delete_group_member', { GroupId: id, MemberToDel_Account: Array.from({ length: 101 }, (_, i) => `u${i}`) })).ErrorCode).toBe(10005);
  });
});

describe('S1 REST member info, mutes (contract §3.15)', () => {
  it('S1 G4 modify_group_member_info as documented: Role, MsgFlag, NameCard, AppMemberDefinedData, ShutUpTime seen by get_group_member_info', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'g', MemberList: [{ Member_Account: 'bob' }, { Member_Account: 'peter' }] });
    const reply = await call('modify_group_member_info', {
      GroupId: id,
      Member_Account: 'bob',
      Role: 'Admin',
      MsgFlag: 'AcceptNotNotify',
      NameCard: '鲍勃',
      AppMemberDefinedData: [{ Key: 'MemberDefined1', Value: 'ModifyData1' }],
      ShutUpTime: 86400,
    });
    expect(reply).toEqual(OK);
    const got = await members(id, { MemberRoleFilter: ['Admin'] });
    expect(got).toEqual({
      ...OK,
      MemberNum: 3,
      MemberList: [
        {
          Member_Account: 'bob',
          Role: 'Admin',
          JoinTime: nowSeconds(),
          MsgFlag: 'AcceptNotNotify',
          ShutUpUntil: nowSeconds() + 86400,
          NameCard: '鲍勃',
          AppMemberDefinedData: [{ Key: 'MemberDefined1', Value: 'ModifyData1' }],
        },
      ],
    });
    expect(await call('modify_group_member_info', { GroupId: id, Member_Account: 'bob', Role: 'Member', ShutUpTime: 0 })).toEqual(OK);
    expect((await members(id, { MemberInfoFilter: ['Role', 'ShutUpUntil'], MemberRoleFilter: ['Member'] })).MemberList).toEqual([
      { Member_Account: 'bob', Role: 'Member', ShutUpUntil: 0 },
      { Member_Account: 'peter', Role: 'Member', ShutUpUntil: 0 },
    ]);
  });

  it("S1 G4 modify_group_member_info: the app admin sets the owner's NameCard too (Tencent: any member's profile)", async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'o', MemberList: [{ Member_Account: 'peter' }] });
    expect(await call('modify_group_member_info', { GroupId: id, Member_Account: 'leckie', NameCard: 'Boss' })).toEqual(OK);
    expect((await members(id, { MemberInfoFilter: ['NameCard'], MemberRoleFilter: ['Owner'] })).MemberList).toEqual([{ Member_Account: 'leckie', NameCard: 'Boss' }]);
  });

  it('S1 G4 modify_group_member_info refusals change nothing: Work cannot mute (10007) even with a NameCard in the same call; 10007 non-member; 10019 unknown; 10004 unknown custom key', async () => {
    const work = await create({ Owner_Account: 'leckie', Type: 'Private', Name: 'w', MemberList: [{ Member_Account: 'peter' }] });
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'peter', NameCard: 'P', ShutUpTime: 60 })).ErrorCode).toBe(10007);
    expect((await members(work, { MemberInfoFilter: ['NameCard'], MemberRoleFilter: ['Member'] })).MemberList).toEqual([{ Member_Account: 'peter', NameCard: '' }]);
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'peter', Role: 'Admin' })).ErrorCode).toBe(10007);
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'nina', NameCard: 'N' })).ErrorCode).toBe(10007);
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'ghost', NameCard: 'N' })).ErrorCode).toBe(10019);
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'peter', AppMemberDefinedData: [{ Key: 'Nope', Value: '1' }] })).ErrorCode).toBe(10004);
    expect((await call('modify_group_member_info', { GroupId: work, Member_Account: 'peter', MsgFlag: 'Sometimes' })).ErrorCode).toBe(10004);
  });

  it('S1 G4 forbid_send_msg: seconds from now, 4294967295 for ever, 0 unmutes; get_group_muted_account lists them; a mute survives leaving and re-joining', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'm', MemberList: ['peter', 'tommy', 'jared'].map((Member_Account) => ({ Member_Account })) });
    expect(await call('forbid_send_msg', { GroupId: id, Members_Account: ['peter', 'tommy'], ShutUpTime: 60 })).toEqual(OK);
    expect(await call('forbid_send_msg', { GroupId: id, Members_Account: ['jared'], ShutUpTime: FOREVER })).toEqual(OK);
    const muted = await call('get_group_muted_account', { GroupId: id });
    expect(muted).toEqual({
      ...OK,
      GroupId: id,
      MutedAccountList: [
        { Member_Account: 'jared', MutedUntil: FOREVER },
        { Member_Account: 'peter', MutedUntil: nowSeconds() + 60 },
        { Member_Account: 'tommy', MutedUntil: nowSeconds() + 60 },
      ],
    });
    expect((await call('get_group_shutted_uin', { GroupId: id })).ShuttedUinList).toContainEqual({ Member_Account: 'jared', ShuttedUntil: FOREVER });
    await call('forbid_send_msg', { GroupId: id, Members_Account: ['tommy'], ShutUpTime: 0 });
    await call('delete_group_member', { GroupId: id, MemberToDel_Account: ['peter'] });
    await call('add_group_member', { GroupId: id, MemberList: [{ Member_Account: 'peter' }] });
    expect((await call('get_group_muted_account', { GroupId: id })).MutedAccountList).toEqual([
      { Member_Account: 'jared', MutedUntil: FOREVER },
      { Member_Account: 'peter', MutedUntil: nowSeconds() + 60 },
    ]);
    // A mute ends by itself.
    now += 61_000;
    expect((await call('get_group_muted_account', { GroupId: id })).MutedAccountList).toEqual([{ Member_Account: 'jared', MutedUntil: FOREVER }]);
    expect((await members(id, { MemberInfoFilter: ['ShutUpUntil'] })).MemberList).toContainEqual({ Member_Account: 'peter', ShutUpUntil: 0 });
  });

  it('S1 G4 forbid_send_msg refusals: Work 10007, the owner 10007, 10019 unknown, 10005 above 500, 10004 ShutUpTime beyond uint32', async () => {
    const work = await create({ Owner_Account: 'leckie', Type: 'Private', Name: 'w', MemberList: [{ Member_Account: 'peter' }] });
    expect((await call('forbid_send_msg', { GroupId: work, Members_Account: ['peter'], ShutUpTime: 60 })).ErrorCode).toBe(10007);
    const pub = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'p', MemberList: [{ Member_Account: 'peter' }] });
    expect((await call('forbid_send_msg', { GroupId: pub, Members_Account: ['leckie'], ShutUpTime: 60 })).ErrorCode).toBe(10007);
    expect((await call('forbid_send_msg', { GroupId: pub, Members_Account: ['ghost'], ShutUpTime: 60 })).ErrorCode).toBe(10019);
    expect((await call('forbid_send_msg', { GroupId: pub, Members_Account: Array.from({ length: 501 }, () => 'peter'), ShutUpTime: 60 })).ErrorCode).toBe(10005);
    expect((await call('forbid_send_msg', { GroupId: pub, Members_Account: ['peter'], ShutUpTime: FOREVER + 1 })).ErrorCode).toBe(10004);
    expect((await call('get_group_muted_account', { GroupId: pub })).MutedAccountList).toEqual([]);
  });
});

describe('S1 REST get_group_member_info paging (contract §3.15)', () => {
  it('S1 G4 Limit/Offset page owner → admins → members; MemberNum is the group total', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Public', Name: 'p', MemberList: ['bob', 'peter', 'tommy', 'jared'].map((Member_Account) => ({ Member_Account })) });
    await call('modify_group_member_info', { GroupId: id, Member_Account: 'jared', Role: 'Admin' });
    const first = await members(id, { Limit: 2, Offset: 0, MemberInfoFilter: ['Role'] });
    expect(first).toMatchObject({ MemberNum: 5, MemberList: [{ Member_Account: 'leckie', Role: 'Owner' }, { Member_Account: 'jared', Role: 'Admin' }] });
    expect(first).not.toHaveProperty('Next');
    expect(accounts(await members(id, { Limit: 2, Offset: 2 }))).toEqual(['bob', 'peter']);
    expect(accounts(await members(id, { Limit: 2, Offset: 4 }))).toEqual(['tommy']);
    expect(accounts(await members(id, { Offset: 9 }))).toEqual([]);
    expect((await members(id, { Limit: 6001 })).ErrorCode).toBe(10004);
    const av = await create({ Owner_Account: 'leckie', Type: 'AVChatRoom', Name: 'live' });
    expect((await members(av)).ErrorCode).toBe(10007);
  });

  it('S1 G7 communities page with Next: 0 first, then the reply Next until it is 0', async () => {
    const id = await create({ Owner_Account: 'leckie', Type: 'Community', GroupId: '@TGS#_paging', Name: 'c', MemberList: ['bob', 'peter', 'tommy', 'jared', 'nina'].map((Member_Account) => ({ Member_Account })) });
    const seen: string[] = [];
    let next = 0;
    for (let round = 0; round < 5; round++) {
      const page = await members(id, { Limit: 2, Next: next });
      expect(page).toMatchObject({ ...OK, MemberNum: 6 });
      seen.push(...accounts(page));
      next = page.Next as number;
      if (next === 0) break;
    }
    expect(next).toBe(0);
    expect(seen).toEqual(['leckie', 'bob', 'jared', 'nina', 'peter', 'tommy']);
  });
});

describe('S1 REST import_group / import_group_member (QD 导入群基础资料, 导入群成员)', () => {
  it('S1 G2 import_group keeps CreateTime and custom ID; import_group_member keeps JoinTime and Role, Result 0/1/2', async () => {
    const createTime = nowSeconds() - 86400 * 30;
    const reply = await call('import_group', { Owner_Account: 'leckie', Type: 'Public', GroupId: 'Imported1', Name: 'TestGroup', CreateTime: createTime });
    expect(reply).toEqual({ ...OK, GroupId: 'Imported1' });
    const got = await call('get_group_info', { GroupIdList: ['Imported1'], ResponseFilter: { GroupBaseInfoFilter: ['CreateTime', 'Owner_Account', 'MemberNum'] } });
    expect((got.GroupInfo as unknown[])[0]).toMatchObject({ CreateTime: createTime, Owner_Account: 'leckie', MemberNum: 1 });
    const imported = await call('import_group_member', {
      GroupId: 'Imported1',
      MemberList: [
        { Member_Account: 'tommy', Role: 'Admin', JoinTime: createTime + 10, UnreadMsgNum: 5 },
        { Member_Account: 'jared', JoinTime: createTime + 20, UnreadMsgNum: 2 },
        { Member_Account: 'leckie' },
        // Before the group existed: that member fails.
        { Member_Account: 'nina', JoinTime: createTime - 1 },
      ],
    });
    expect(imported).toEqual({
      ...OK,
      MemberList: [
        { Member_Account: 'tommy', Result: 1 },
        { Member_Account: 'jared', Result: 1 },
        { Member_Account: 'leckie', Result: 2 },
        { Member_Account: 'nina', Result: 0 },
      ],
    });
    expect((await members('Imported1', { MemberInfoFilter: ['Role', 'JoinTime'] })).MemberList).toEqual([
      { Member_Account: 'leckie', Role: 'Owner', JoinTime: createTime },
      { Member_Account: 'tommy', Role: 'Admin', JoinTime: createTime + 10 },
      { Member_Account: 'jared', Role: 'Member', JoinTime: createTime + 20 },
    ]);
  });

  it('S1 G2 import refusals: AVChatRoom 10007, reserved ID 10015, taken 10021, unknown group 10010, unknown user 10019, admins in Work 10007', async () => {
    expect((await call('import_group', { Type: 'AVChatRoom', Name: 'a' })).ErrorCode).toBe(10007);
    expect((await call('import_group', { Type: 'Public', Name: 'a', GroupId: '@TGS#x' })).ErrorCode).toBe(10015);
    expect((await call('import_group', { Type: 'Public', Name: 'a', GroupId: 'Imported1' })).ErrorCode).toBe(10021);
    expect((await call('import_group', { Type: 'Public', Name: 'a', Owner_Account: 'ghost' })).ErrorCode).toBe(10019);
    expect((await call('import_group_member', { GroupId: 'nosuch', MemberList: [{ Member_Account: 'bob' }] })).ErrorCode).toBe(10010);
    expect((await call('import_group_member', { GroupId: 'Imported1', MemberList: [{ Member_Account: 'ghost' }] })).ErrorCode).toBe(10019);
    const work = await call('import_group', { Type: 'Private', Name: 'w', Owner_Account: 'leckie' });
    expect((await call('import_group_member', { GroupId: work.GroupId, MemberList: [{ Member_Account: 'bob', Role: 'Admin' }] })).ErrorCode).toBe(10007);
    expect((await call('import_group_member', { GroupId: work.GroupId, MemberList: [{ Member_Account: 'bob' }] })).MemberList).toEqual([{ Member_Account: 'bob', Result: 1 }]);
  });
});
