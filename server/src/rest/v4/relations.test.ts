import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callV4 } from '../../testing/v4Client';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    relations: {
      profileFields: [
        { key: 'Tag_Profile_Custom_Test', read: ['app', 'admin'], write: ['app', 'admin'] },
        { key: 'Tag_Profile_Custom_Secret', read: ['app'], write: ['app'] },
      ],
      friendFields: [{ key: 'Tag_SNS_Custom_Test', read: ['app', 'admin'], write: ['app', 'admin'] }],
    },
  });
  await server.app.services.accounts.importAccounts(['id', 'id1', 'id2', 'id3', 'id4'].map((userId) => ({ userId })));
});
afterAll(() => server.stop({ removeData: true }));

const ENVELOPE = { ActionStatus: 'OK', ErrorCode: 0, ErrorDisplay: '' };

describe('S1 REST v4 profile (contract §3.12)', () => {
  it('S1 P1 portrait_set then portrait_get returns the asked tags; an unknown account is in Fail_Account', async () => {
    const set = await callV4(server, 'profile/portrait_set', {
      From_Account: 'id1',
      ProfileItem: [
        { Tag: 'Tag_Profile_IM_Nick', Value: 'NickNameTest1' },
        { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' },
        { Tag: 'Tag_Profile_IM_Level', Value: 3 },
        { Tag: 'Tag_Profile_Custom_Test', Value: 'custom' },
      ],
    });
    expect(set).toMatchObject(ENVELOPE);
    const got = await callV4(server, 'profile/portrait_get', {
      To_Account: ['id1', 'nobody'],
      TagList: ['Tag_Profile_IM_Nick', 'Tag_Profile_IM_AllowType', 'Tag_Profile_IM_Level', 'Tag_Profile_Custom_Test'],
    });
    expect(got).toMatchObject({
      ...ENVELOPE,
      UserProfileItem: [
        {
          To_Account: 'id1',
          ProfileItem: [
            { Tag: 'Tag_Profile_IM_Nick', Value: 'NickNameTest1' },
            { Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' },
            { Tag: 'Tag_Profile_IM_Level', Value: 3 },
            { Tag: 'Tag_Profile_Custom_Test', Value: 'custom' },
          ],
          ResultCode: 0,
          ResultInfo: '',
        },
        { To_Account: 'nobody', ResultCode: 40003 },
      ],
      Fail_Account: ['nobody'],
    });
  });

  it('S1 P1 P2 portrait_set refuses bad values with Tencent codes', async () => {
    const set = (Tag: string, Value: unknown) => callV4(server, 'profile/portrait_set', { From_Account: 'id1', ProfileItem: [{ Tag, Value }] });
    expect((await set('Tag_Profile_IM_Gender', 'Gender_Type_Other')).ErrorCode).toBe(40605);
    expect((await set('Tag_Profile_IM_Location', 'x'.repeat(17))).ErrorCode).toBe(40601);
    expect((await set('Tag_Profile_IM_Level', 'high')).ErrorCode).toBe(40610);
    expect((await set('Tag_Profile_Custom_Nope', 'x')).ErrorCode).toBe(40009);
    expect((await set('Tag_Profile_Custom_Secret', 'x')).ErrorCode).toBe(40008);
    expect(await set('Tag_Profile_IM_AdminForbidType', 'AdminForbid_Type_SendOut')).toMatchObject({ ActionStatus: 'OK' });
    await set('Tag_Profile_IM_AdminForbidType', 'AdminForbid_Type_None');
  });
});

describe('S1 REST v4 sns (contract §3.13–3.14)', () => {
  it('S1 R2 friend_add: AllowAny added (0), NeedConfirm pending (30539), DenyAny 30516; friend_check and friend_get shapes', async () => {
    await callV4(server, 'profile/portrait_set', { From_Account: 'id2', ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' }] });
    await callV4(server, 'profile/portrait_set', { From_Account: 'id3', ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_NeedConfirm' }] });
    await callV4(server, 'profile/portrait_set', { From_Account: 'id4', ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_DenyAny' }] });
    const added = await callV4(server, 'sns/friend_add', {
      From_Account: 'id',
      AddFriendItem: ['id2', 'id3', 'id4'].map((To_Account) => ({ To_Account, Remark: 'remark1', GroupName: '同学', AddSource: 'AddSource_Type_XXXXXXXX', AddWording: "I'm Test1" })),
      AddType: 'Add_Type_Both',
      ForceAddFlags: 0,
    });
    expect(added).toMatchObject({
      ...ENVELOPE,
      ResultItem: [
        { To_Account: 'id2', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'id3', ResultCode: 30539 },
        { To_Account: 'id4', ResultCode: 30516 },
      ],
      Fail_Account: ['id3', 'id4'],
    });
    const missingSource = await callV4(server, 'sns/friend_add', { From_Account: 'id', AddFriendItem: [{ To_Account: 'id2' }] });
    expect(missingSource.ErrorCode).toBe(30001);

    const check = await callV4(server, 'sns/friend_check', { From_Account: 'id', To_Account: ['id2', 'id3'], CheckType: 'CheckResult_Type_Both' });
    expect(check).toMatchObject({
      InfoItem: [
        { To_Account: 'id2', Relation: 'CheckResult_Type_BothWay', ResultCode: 0, ResultInfo: '' },
        { To_Account: 'id3', Relation: 'CheckResult_Type_NoRelation', ResultCode: 0, ResultInfo: '' },
      ],
    });
    const got = await callV4(server, 'sns/friend_get', { From_Account: 'id', StartIndex: 0, StandardSequence: 0, CustomSequence: 0 });
    expect(got).toMatchObject({
      ...ENVELOPE,
      UserDataItem: [
        {
          To_Account: 'id2',
          ValueItem: expect.arrayContaining([
            { Tag: 'Tag_SNS_IM_AddSource', Value: 'AddSource_Type_XXXXXXXX' },
            { Tag: 'Tag_SNS_IM_Remark', Value: 'remark1' },
            { Tag: 'Tag_SNS_IM_Group', Value: ['同学'] },
            { Tag: 'Tag_SNS_IM_AddTime', Value: expect.any(Number) },
          ]),
        },
      ],
      FriendNum: 1,
      CompleteFlag: 1,
      NextStartIndex: 0,
      StandardSequence: expect.any(Number),
      CustomSequence: expect.any(Number),
    });
  });

  it('S1 R3 R4 friend_import, friend_update, friend_get_list, group_add/group_delete, friend_delete (ErrorInfo "0", 31704), friend_delete_all', async () => {
    const imported = await callV4(server, 'sns/friend_import', {
      From_Account: 'id3',
      AddFriendItem: [{ To_Account: 'id4', Remark: 'r', GroupName: ['G1'], AddSource: 'AddSource_Type_Import', CustomItem: [{ Tag: 'Tag_SNS_Custom_Test', Value: 'v' }] }],
    });
    expect(imported).toMatchObject({ ...ENVELOPE, ResultItem: [{ To_Account: 'id4', ResultCode: 0 }] });
    const updated = await callV4(server, 'sns/friend_update', {
      From_Account: 'id3',
      UpdateItem: [{ To_Account: 'id4', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'new remark' }, { Tag: 'Tag_SNS_IM_Group', Value: ['G1', 'G2'] }] }],
    });
    expect(updated).toMatchObject({ ResultItem: [{ To_Account: 'id4', ResultCode: 0 }] });
    const list = await callV4(server, 'sns/friend_get_list', {
      From_Account: 'id3',
      To_Account: ['id4', 'id1'],
      TagList: ['Tag_SNS_IM_Remark', 'Tag_SNS_IM_Group', 'Tag_SNS_Custom_Test', 'Tag_Profile_IM_Nick'],
    });
    expect(list).toMatchObject({
      InfoItem: [
        {
          To_Account: 'id4',
          SnsProfileItem: [
            { Tag: 'Tag_SNS_IM_Remark', Value: 'new remark' },
            { Tag: 'Tag_SNS_IM_Group', Value: ['G1', 'G2'] },
            { Tag: 'Tag_SNS_Custom_Test', Value: 'v' },
            { Tag: 'Tag_Profile_IM_Nick', Value: '' },
          ],
          ResultCode: 0,
        },
        { To_Account: 'id1', ResultCode: 31704 },
      ],
      Fail_Account: ['id1'],
    });
    const group = await callV4(server, 'sns/group_add', { From_Account: 'id3', GroupName: ['G3'], To_Account: ['id4', 'id1'] });
    expect(group).toMatchObject({ ...ENVELOPE, ResultItem: [{ To_Account: 'id4', ResultCode: 0 }, { To_Account: 'id1', ResultCode: 31704 }], Fail_Account: ['id1'], CurrentSequence: expect.any(Number) });
    expect(await callV4(server, 'sns/group_delete', { From_Account: 'id3', GroupName: ['G3'] })).toMatchObject({ ...ENVELOPE, CurrentSequence: expect.any(Number) });

    const deleted = await callV4(server, 'sns/friend_delete', { From_Account: 'id3', To_Account: ['id4', 'id1'], DeleteType: 'Delete_Type_Both' });
    expect(deleted).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '0', ResultItem: [{ To_Account: 'id4', ResultCode: 0 }, { To_Account: 'id1', ResultCode: 31704 }] });
    expect(await callV4(server, 'sns/friend_delete_all', { From_Account: 'id', DeleteType: 'Delete_Type_Both' })).toMatchObject(ENVELOPE);
    expect((await callV4(server, 'sns/friend_get', { From_Account: 'id' })).FriendNum).toBe(0);
  });

  it('S1 R5 black_list_add / get (CurruentSequence) / check / delete', async () => {
    const add = await callV4(server, 'sns/black_list_add', { From_Account: 'id1', To_Account: ['id2', 'id2x', 'id3'] });
    expect(add).toMatchObject({
      ...ENVELOPE,
      ResultItem: [{ To_Account: 'id2', ResultCode: 0, ResultInfo: '' }, { To_Account: 'id2x', ResultCode: 30003 }, { To_Account: 'id3', ResultCode: 0 }],
      Fail_Account: ['id2x'],
    });
    expect((await callV4(server, 'sns/black_list_add', { From_Account: 'id1', To_Account: ['id2'] })).ResultItem).toMatchObject([{ ResultCode: 30001 }]);
    const page = await callV4(server, 'sns/black_list_get', { From_Account: 'id1', StartIndex: 0, MaxLimited: 1, LastSequence: 0 });
    expect(page).toMatchObject({ ...ENVELOPE, BlackListItem: [{ To_Account: 'id2', AddBlackTimeStamp: expect.any(Number) }], StartIndex: 1 });
    expect(page.CurruentSequence).toEqual(expect.any(Number));
    const last = await callV4(server, 'sns/black_list_get', { From_Account: 'id1', StartIndex: 1, MaxLimited: 30, LastSequence: 0 });
    expect(last).toMatchObject({ BlackListItem: [{ To_Account: 'id3' }], StartIndex: 0 });
    const check = await callV4(server, 'sns/black_list_check', { From_Account: 'id2', To_Account: ['id1', 'id3'], CheckType: 'BlackCheckResult_Type_Both' });
    expect(check).toMatchObject({
      BlackListCheckItem: [
        { To_Account: 'id1', Relation: 'BlackCheckResult_Type_BWithA', ResultCode: 0 },
        { To_Account: 'id3', Relation: 'BlackCheckResult_Type_NO', ResultCode: 0 },
      ],
    });
    const removed = await callV4(server, 'sns/black_list_delete', { From_Account: 'id1', To_Account: ['id2', 'id4'] });
    expect(removed).toMatchObject({ ResultItem: [{ To_Account: 'id2', ResultCode: 0 }, { To_Account: 'id4', ResultCode: 30001 }], Fail_Account: ['id4'] });
  });

  it('S1 R5 a blocked From_Account is refused 20007 by openim/sendmsg', async () => {
    await callV4(server, 'sns/black_list_add', { From_Account: 'id4', To_Account: ['id1'] });
    const sent = await callV4(server, 'openim/sendmsg', {
      From_Account: 'id1',
      To_Account: 'id4',
      MsgRandom: 1,
      MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }],
    });
    expect(sent.ErrorCode).toBe(20007);
  });
});

describe('S1 R2 R4 REST batches validate every item before changing anything', () => {
  it('S1 R2 R4 friend_add, friend_import and friend_update with one malformed item answer 30001 and change nothing', async () => {
    await server.app.services.accounts.importAccounts(['vb', 'vb1', 'vb2'].map((userId) => ({ userId })));
    await callV4(server, 'profile/portrait_set', { From_Account: 'vb1', ProfileItem: [{ Tag: 'Tag_Profile_IM_AllowType', Value: 'AllowType_Type_AllowAny' }] });
    const friendsOf = async (userId: string) => (await server.store.relations.friendsOf(userId)).map((f) => f.friend);

    const add = await callV4(server, 'sns/friend_add', {
      From_Account: 'vb',
      AddFriendItem: [
        { To_Account: 'vb1', AddSource: 'AddSource_Type_Web' },
        { To_Account: 'vb2', AddSource: 'Android' },
      ],
    });
    expect(add.ErrorCode).toBe(30001);
    expect(await friendsOf('vb')).toEqual([]);
    expect(await friendsOf('vb1')).toEqual([]);

    const imported = await callV4(server, 'sns/friend_import', {
      From_Account: 'vb',
      AddFriendItem: [
        { To_Account: 'vb1', AddSource: 'AddSource_Type_Import' },
        { To_Account: 'vb2', AddSource: 'AddSource_Type_Import', Remark: 'r'.repeat(97) },
      ],
    });
    expect(imported.ErrorCode).toBe(30001);
    expect(await friendsOf('vb')).toEqual([]);

    await server.app.services.friends.add({ from: 'vb', to: 'vb1', addSource: 'AddSource_Type_Test', force: true });
    await server.app.services.friends.add({ from: 'vb', to: 'vb2', addSource: 'AddSource_Type_Test', force: true });
    const updated = await callV4(server, 'sns/friend_update', {
      From_Account: 'vb',
      UpdateItem: [
        { To_Account: 'vb1', SnsItem: [{ Tag: 'Tag_SNS_IM_Remark', Value: 'changed' }] },
        { To_Account: 'vb2', SnsItem: [{ Tag: 'Tag_SNS_IM_AddTime', Value: 1 }] },
      ],
    });
    expect(updated.ErrorCode).toBe(30001);
    expect((await server.store.relations.friends('vb', ['vb1']))[0]?.remark).toBe('');
  });
});
