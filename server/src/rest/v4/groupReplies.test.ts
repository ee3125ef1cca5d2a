import { describe, expect, it } from 'vitest';
import { type GroupInfo, type GroupMember, type TopicInfo } from '../../../../shared/domain';
import { TencentError } from '../../errors';
import { groupBaseInfo, memberItem, toFilter, topicInfo } from './groupReplies';
import { CreateGroupBody, GetGroupInfoBody, ModifyGroupBaseInfoBody, parseBody } from './groupSchemas';

const group: GroupInfo = {
  groupId: '@TGS#2J4SZEAEL',
  type: 'Work',
  name: 'MyFirstGroup',
  introduction: 'intro',
  notification: 'note',
  faceUrl: 'http://this.is.face.url',
  owner: 'leckie',
  createTime: 1426976500,
  infoSeq: 3,
  lastInfoTime: 1426976501,
  lastMsgTime: 0,
  nextMsgSeq: 1,
  memberNum: 2,
  maxMemberNum: null,
  applyJoinOption: 'DisableApply',
  muteAll: true,
  active: true,
  defaultPermissions: 0,
  custom: { GroupTestData1: 'xxxx' },
};

const member: GroupMember = {
  userId: 'peter',
  role: 'Member',
  joinTime: 1425976500,
  nameCard: 'Pete',
  mutedUntil: 0,
  msgFlag: 'AcceptAndNotify',
  custom: { MemberDefined1: 'a', MemberDefined2: 'b' },
};

function codeOf(run: () => unknown): number | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof TencentError ? error.errorCode : -1;
  }
}

describe('S1 group reply shapes (contract §3.15–3.16)', () => {
  it('S1 G1 base info speaks the old type names, On/Off mute-all and MaxMemberNum 0 for no limit', () => {
    expect(groupBaseInfo(group, 1400001001)).toEqual({
      Type: 'Private',
      Name: 'MyFirstGroup',
      Appid: 1400001001,
      Introduction: 'intro',
      Notification: 'note',
      FaceUrl: 'http://this.is.face.url',
      Owner_Account: 'leckie',
      CreateTime: 1426976500,
      InfoSeq: 3,
      LastInfoTime: 1426976501,
      LastMsgTime: 0,
      NextMsgSeq: 1,
      MemberNum: 2,
      MaxMemberNum: 0,
      ApplyJoinOption: 'DisableApply',
      ShutUpAllMember: 'On',
    });
    expect(groupBaseInfo({ ...group, type: 'Meeting' }, 1, toFilter(['Type', 'Name']))).toEqual({ Type: 'ChatRoom', Name: 'MyFirstGroup' });
  });

  it('S1 G4 a member entry keeps Member_Account, the filtered fields and the filtered custom keys', () => {
    expect(memberItem(member)).toEqual({
      Member_Account: 'peter',
      Role: 'Member',
      JoinTime: 1425976500,
      MsgFlag: 'AcceptAndNotify',
      ShutUpUntil: 0,
      NameCard: 'Pete',
      AppMemberDefinedData: [
        { Key: 'MemberDefined1', Value: 'a' },
        { Key: 'MemberDefined2', Value: 'b' },
      ],
    });
    expect(memberItem(member, toFilter(['Role']), toFilter(['MemberDefined2']))).toEqual({
      Member_Account: 'peter',
      Role: 'Member',
      AppMemberDefinedData: [{ Key: 'MemberDefined2', Value: 'b' }],
    });
    expect(memberItem({ ...member, custom: {} }, toFilter([]))).toEqual({ Member_Account: 'peter' });
  });

  it('S1 G7 TopicInfo carries GroupID with a capital D and MuteAllMember On/Off', () => {
    const topic: TopicInfo = {
      topicId: '@TGS#_g@TOPIC#_t',
      groupId: '@TGS#_g',
      name: 'TestTopic',
      introduction: '',
      notification: 'n',
      faceUrl: '',
      customString: 'c',
      muteAll: false,
      defaultPermissions: 0,
      category: '',
      createTime: 5,
      infoSeq: 1,
      resolvedAt: null,
      resolvedBy: null,
    };
    expect(topicInfo(topic)).toMatchObject({ TopicId: '@TGS#_g@TOPIC#_t', GroupID: '@TGS#_g', TopicName: 'TestTopic', MuteAllMember: 'Off', CustomString: 'c' });
    expect(topicInfo(topic)).not.toHaveProperty('GroupId');
    expect(topicInfo(topic, toFilter(['Notification']))).toEqual({ TopicId: '@TGS#_g@TOPIC#_t', GroupID: '@TGS#_g', Notification: 'n' });
  });
});

describe('S1 group request schemas', () => {
  it('S1 G1 both type names are accepted: Private/Work, ChatRoom/Meeting', () => {
    expect(parseBody(CreateGroupBody, { Type: 'Private', Name: 'a' }).Type).toBe('Work');
    expect(parseBody(CreateGroupBody, { Type: 'Work', Name: 'a' }).Type).toBe('Work');
    expect(parseBody(CreateGroupBody, { Type: 'ChatRoom', Name: 'a' }).Type).toBe('Meeting');
    expect(codeOf(() => parseBody(CreateGroupBody, { Type: 'Secret', Name: 'a' }))).toBe(10004);
  });

  it('S1 G3 limits are 10004: a 31-byte name, more than 100 initial members, an over-long custom value; AppDefinedData becomes a record', () => {
    expect(codeOf(() => parseBody(CreateGroupBody, { Type: 'Public', Name: 'x'.repeat(31) }))).toBe(10004);
    expect(codeOf(() => parseBody(CreateGroupBody, { Type: 'Public', Name: 'a', MemberList: Array.from({ length: 101 }, (_, i) => ({ Member_Account: `u${i}` })) }))).toBe(10004);
    expect(codeOf(() => parseBody(ModifyGroupBaseInfoBody, { GroupId: 'g', AppDefinedData: [{ Key: 'k', Value: 'x'.repeat(513) }] }))).toBe(10004);
    expect(parseBody(ModifyGroupBaseInfoBody, { GroupId: 'g', AppDefinedData: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '' }] }).AppDefinedData).toEqual({ a: '1', b: '' });
  });

  it('S1 a GroupId that cannot exist is 10015; a missing one 10004', () => {
    expect(codeOf(() => parseBody(ModifyGroupBaseInfoBody, { GroupId: 'x'.repeat(49) }))).toBe(10015);
    expect(codeOf(() => parseBody(ModifyGroupBaseInfoBody, {}))).toBe(10004);
    expect(codeOf(() => parseBody(GetGroupInfoBody, { GroupIdList: [] }))).toBe(10004);
  });
});
