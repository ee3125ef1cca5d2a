import { describe, expect, it } from 'vitest';
import { GROUP_PERMISSION, TOPIC_PERMISSION, type ChatMessage, type GroupRole, type GroupType } from '../../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../../shared/ipc';
import { createI18n } from '../../i18n';
import { groupSendState } from './groupSend';
import { muteEndText, refusalText, sendFailure } from './refusal';
import { chatMessage } from '../../testing/fixtures';

const NOW = 1_800_000_000;

function joined(type: GroupType, role: GroupRole, self: Partial<JoinedGroup['self']> = {}, group: Partial<JoinedGroup['group']> = {}, myBits = 0): JoinedGroup {
  return {
    group: {
      groupId: '@TGS#g1', type, name: 'Hikers', introduction: '', notification: '', faceUrl: '', owner: 'olivia', createTime: 1, infoSeq: 1,
      lastInfoTime: 0, lastMsgTime: 0, nextMsgSeq: 1, memberNum: 3, maxMemberNum: null, applyJoinOption: 'FreeAccess', muteAll: false, active: true,
      defaultPermissions: 0, custom: {}, ...group,
    },
    self: { role, joinTime: 1, nameCard: '', mutedUntil: 0, msgFlag: 'AcceptAndNotify', permissionGroupIds: [], ...self },
    myBits,
  };
}
const conversation = (type: GroupType, topicId: string | null = null, left = false) => ({ groupType: type, topicId, left });

describe('groupSendState asks checkSend (the server decides with the same module)', () => {
  it('a member may send and @All in a Public group', () => {
    expect(groupSendState(conversation('Public'), joined('Public', 'Member'), undefined, NOW)).toEqual({ refusal: null, mayAtAll: true, mutedUntil: 0 });
  });

  it('a muted member is refused until the mute ends, with its end', () => {
    const entry = joined('Public', 'Member', { mutedUntil: NOW + 600 });
    expect(groupSendState(conversation('Public'), entry, undefined, NOW)).toEqual({ refusal: 'group_member_muted', mayAtAll: false, mutedUntil: NOW + 600 });
    expect(groupSendState(conversation('Public'), entry, undefined, NOW + 601).refusal).toBeNull();
  });

  it('mute-all silences ordinary members, not admins', () => {
    expect(groupSendState(conversation('Meeting'), joined('Meeting', 'Member', {}, { muteAll: true }), undefined, NOW).refusal).toBe('group_muted_all');
    expect(groupSendState(conversation('Meeting'), joined('Meeting', 'Admin', {}, { muteAll: true }), undefined, NOW).refusal).toBeNull();
  });

  it('left or not in the cache: not a member', () => {
    expect(groupSendState(conversation('Work', null, true), joined('Work', 'Member'), undefined, NOW).refusal).toBe('group_not_member');
    expect(groupSendState(conversation('Work'), undefined, undefined, NOW).refusal).toBe('group_not_member');
  });

  it('in a topic the topic bits decide sending and @All', () => {
    const member = joined('Community', 'Member', {}, {}, GROUP_PERMISSION.SendGroupMessage | GROUP_PERMISSION.GroupAtAll);
    const topic = (myBits: number): TopicEntry => ({
      topicId: '@TGS#_c1@TOPIC#_t1', groupId: '@TGS#_c1', name: 'General', introduction: '', notification: '', faceUrl: '', customString: '',
      muteAll: false, defaultPermissions: 0, category: '', createTime: 1, infoSeq: 1, resolvedAt: null, resolvedBy: null, myBits,
    });
    const here = conversation('Community', '@TGS#_c1@TOPIC#_t1');
    expect(groupSendState(here, member, topic(0), NOW).refusal).toBe('group_forbidden');
    expect(groupSendState(here, member, topic(TOPIC_PERMISSION.SendTopicMessage), NOW)).toEqual({ refusal: null, mayAtAll: false, mutedUntil: 0 });
    expect(groupSendState(here, member, topic(TOPIC_PERMISSION.SendTopicMessage | TOPIC_PERMISSION.TopicAtAll), NOW).mayAtAll).toBe(true);
  });
});

describe('refusalText says why in the person’s language', () => {
  const at = new Date(2027, 0, 15, 9, 0).getTime();
  const context = { nowMs: at, language: 'en', inTopic: false };

  it('muted until a local time today, or with the date on another day', async () => {
    const i18n = createI18n('en');
    const t = i18n.getFixedT('en', 'groupChat');
    const tMain = i18n.getFixedT('en');
    const until = Math.floor(at / 1000) + 3600;
    expect(refusalText(t, tMain, { code: 'group_member_muted', message: '' }, { ...context, mutedUntil: until })).toBe(
      `You’re muted in this group until ${muteEndText(until, at, 'en')}.`,
    );
    expect(muteEndText(until, at, 'en')).toMatch(/10:00/);
    expect(muteEndText(until + 2 * 86_400, at, 'en')).toMatch(/Jan 17/);
    // For ever (Tencent's 4294967295) has no end to show.
    expect(refusalText(t, tMain, { code: 'group_member_muted', message: '' }, { ...context, mutedUntil: 0xffff_ffff })).toBe('You’re muted in this group.');
  });

  it('says each refusal in Simplified Chinese too', async () => {
    const i18n = createI18n('zh-CN');
    const t = i18n.getFixedT('zh-CN', 'groupChat');
    const tMain = i18n.getFixedT('zh-CN');
    const zh = { ...context, language: 'zh-CN', mutedUntil: 0 };
    expect(refusalText(t, tMain, { code: 'group_muted_all', message: '' }, zh)).toBe('全员禁言中，只有群主和管理员可以发言。');
    expect(refusalText(t, tMain, { code: 'group_forbidden', message: '' }, { ...zh, inTopic: true })).toBe('你没有在此话题中发言的权限。');
    expect(refusalText(t, tMain, { code: 'group_not_member', message: '' }, zh)).toBe('你已不是本群成员，之前的消息仍可查看。');
  });
});

describe('sendFailure: a send refused for a group rule the cache did not know yet', () => {
  const muted = { code: 'group_member_muted' as const, message: '' };
  const own = (extra: Partial<ChatMessage> = {}) => chatMessage('me:1', null, { isOwn: true, status: 'failed', error: muted, ...extra });

  it('is the refusal of the send itself, or of my newest message', () => {
    expect(sendFailure(muted, undefined, null)).toEqual(muted);
    expect(sendFailure(undefined, own(), null)).toEqual(muted);
  });

  it('is nothing for other failures, others’ or sent messages, and a failure already settled', () => {
    expect(sendFailure({ code: 'offline', message: '' }, own({ error: { code: 'internal', message: '' } }), null)).toBeNull();
    expect(sendFailure(undefined, own({ isOwn: false }), null)).toBeNull();
    expect(sendFailure(undefined, own({ status: 'sent', error: null }), null)).toBeNull();
    expect(sendFailure(undefined, own(), 'me:1')).toBeNull();
  });
});
