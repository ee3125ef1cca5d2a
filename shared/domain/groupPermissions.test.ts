import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_ADMIN_BITS,
  DEFAULT_COMMUNITY_MEMBER_BITS,
  DEFAULT_TOPIC_MEMBER_BITS,
  GROUP_PERMISSION,
  TOPIC_PERMISSION,
  checkGroupAction,
  checkMemberAction,
  checkSend,
  communityBits,
  joinOutcome,
  topicBits,
  type GroupAction,
  type MemberAction,
} from './groupPermissions';
import { GROUP_ACTORS, GROUP_TYPES, customGroupIdProblem, groupTypeFromRest, type GroupActor, type GroupRole, type GroupType } from './groups';
import { SEED, SEED_MEMBER } from './testing/groupSeedTables';

const ROLES: readonly GroupRole[] = ['Owner', 'Admin', 'Member'];
const roleBits = (actor: GroupActor) => ({ bits: communityBits(actor, DEFAULT_COMMUNITY_MEMBER_BITS, []) });

describe('G1/G4 group permissions, cell by cell of the seed tables', () => {
  for (const [action, byType] of Object.entries(SEED) as Array<[GroupAction, Record<GroupType, string>]>) {
    for (const type of GROUP_TYPES) {
      const cell = byType[type];
      for (const actor of GROUP_ACTORS) {
        const expected = cell === '-' ? 'unsupported' : cell.split(' ').includes(actor) ? 'allowed' : 'refused';
        it(`G1 ${type}: ${actor} ${action} → ${expected}`, () => {
          const result = checkGroupAction(type, actor, action, roleBits(actor));
          if (expected === 'allowed') expect(result).toBeNull();
          else if (expected === 'unsupported') expect(result).toMatch(/^group_(unsupported|invalid_request)$/);
          else expect(result).toMatch(/^group_(forbidden|not_member|owner_cannot_quit)$/);
        });
      }
    }
  }

  for (const [action, byType] of Object.entries(SEED_MEMBER) as Array<[MemberAction, Record<GroupType, string>]>) {
    for (const type of GROUP_TYPES) {
      const cell = byType[type];
      const reach = new Map(
        cell === '-' ? [] : cell.split(' ').map((part) => part.split('>') as [string, string]).map(([a, t]) => [a, t.split(',')]),
      );
      for (const actor of GROUP_ACTORS) {
        for (const target of ROLES) {
          const expected = cell === '-' ? 'unsupported' : reach.get(actor)?.includes(target) ? 'allowed' : 'refused';
          it(`G4 ${type}: ${actor} ${action} a ${target} → ${expected}`, () => {
            const result = checkMemberAction(type, actor, action, target, roleBits(actor));
            if (expected === 'allowed') expect(result).toBeNull();
            else if (expected === 'unsupported') expect(result).toMatch(/^group_(unsupported|invalid_request)$/);
            else expect(result).not.toBeNull();
          });
        }
      }
    }
  }

  it('G2 the owner of a non-Work group cannot quit (10009); deleting AVChatRoom members is 10004', () => {
    expect(checkGroupAction('Public', 'Owner', 'quit')).toBe('group_owner_cannot_quit');
    expect(checkMemberAction('AVChatRoom', 'Owner', 'kick', 'Member')).toBe('group_invalid_request');
    expect(checkGroupAction('AVChatRoom', 'AppAdmin', 'invite')).toBe('group_unsupported');
  });
});

describe('G1 joining', () => {
  it.each([
    ['Work', 'FreeAccess', 'unsupported'],
    ['Public', 'NeedPermission', 'pending'],
    ['Public', 'FreeAccess', 'joined'],
    ['Public', 'DisableApply', 'refused'],
    ['Meeting', 'FreeAccess', 'joined'],
    ['AVChatRoom', 'DisableApply', 'joined'],
    ['Community', 'FreeAccess', 'joined'],
    ['Community', 'NeedPermission', 'pending'],
  ] as const)('G1 %s with %s: applying → %s', (type, option, outcome) => {
    expect(joinOutcome(type, option)).toBe(outcome);
  });
});

describe('G4/M8 sending', () => {
  const base = { type: 'Public' as const, actor: 'Member' as const, mutedUntil: 0, nowSeconds: 1000, muteAll: false, atAll: false };
  it('G4 a muted member cannot send until the mute ends, whatever the role', () => {
    expect(checkSend({ ...base, mutedUntil: 1001 })).toBe('group_member_muted');
    expect(checkSend({ ...base, actor: 'Admin', mutedUntil: 1001 })).toBe('group_member_muted');
    expect(checkSend({ ...base, mutedUntil: 1000 })).toBeNull();
  });
  it('G4 mute all silences ordinary members only', () => {
    expect(checkSend({ ...base, muteAll: true })).toBe('group_muted_all');
    expect(checkSend({ ...base, actor: 'Admin', muteAll: true })).toBeNull();
    expect(checkSend({ ...base, actor: 'Owner', muteAll: true })).toBeNull();
  });
  it('G4 someone outside the group cannot send', () => {
    expect(checkSend({ ...base, actor: 'NonMember' })).toBe('group_not_member');
  });
  it('M8 @all in a community needs GroupAtAll', () => {
    const member = { ...base, type: 'Community' as const, atAll: true };
    expect(checkSend({ ...member, community: { bits: DEFAULT_COMMUNITY_MEMBER_BITS } })).toBe('group_forbidden');
    expect(checkSend({ ...member, community: { bits: DEFAULT_COMMUNITY_MEMBER_BITS | GROUP_PERMISSION.GroupAtAll } })).toBeNull();
  });
});

describe('G7 community and topic bits (seed bit tables)', () => {
  it('G7 the permission-group bits have the seed values', () => {
    expect(GROUP_PERMISSION).toEqual({
      ManageGroupInfo: 1, ManageGroupMember: 2, ManagePermissionGroupInfo: 4, ManagePermissionGroupMember: 8, ManageTopic: 16,
      GroupMuteMember: 32, SendGroupMessage: 64, GroupAtAll: 128, GetGroupHistoryMessage: 256, RevokeOtherMemberGroupMessage: 512,
      BanMemberGroupMessage: 1024,
    });
    expect(TOPIC_PERMISSION).toEqual({
      ManageTopicInfo: 1, ManagePermissionTopicInfo: 2, TopicMuteMember: 4, SendTopicMessage: 8, GetTopicHistoryMessage: 16,
      RevokeOtherMemberTopicMessage: 32, TopicAtAll: 64,
    });
  });

  for (const [name, bit] of Object.entries(GROUP_PERMISSION)) {
    it(`G7 permission bit ${name}: held through a permission group, absent otherwise`, () => {
      const without = communityBits('Member', 0, []);
      const withIt = communityBits('Member', 0, [bit]);
      expect(without & bit).toBe(0);
      expect(withIt & bit).toBe(bit);
    });
  }

  it('G7 a member in a permission group with ManageGroupMember may kick ordinary members only', () => {
    const bits = communityBits('Member', DEFAULT_COMMUNITY_MEMBER_BITS, [GROUP_PERMISSION.ManageGroupMember]);
    expect(checkMemberAction('Community', 'Member', 'kick', 'Member', { bits })).toBeNull();
    expect(checkMemberAction('Community', 'Member', 'kick', 'Admin', { bits })).toBe('group_forbidden');
    expect(checkMemberAction('Community', 'Member', 'kick', 'Member', { bits: DEFAULT_COMMUNITY_MEMBER_BITS })).toBe('group_forbidden');
  });

  it('G7 a permission group may send in one topic and not in another', () => {
    const readOnlyTopic = TOPIC_PERMISSION.GetTopicHistoryMessage;
    const speakers = TOPIC_PERMISSION.SendTopicMessage;
    const community = { bits: communityBits('Member', DEFAULT_COMMUNITY_MEMBER_BITS, []) };
    const ctx = { type: 'Community' as const, actor: 'Member' as const, mutedUntil: 0, nowSeconds: 0, muteAll: false, atAll: false, community };
    const inA = topicBits('Member', readOnlyTopic, [speakers]);
    const inB = topicBits('Member', readOnlyTopic, []);
    expect(checkSend({ ...ctx, topic: { bits: inA, muteAll: false } })).toBeNull();
    expect(checkSend({ ...ctx, topic: { bits: inB, muteAll: false } })).toBe('group_forbidden');
    expect(checkSend({ ...ctx, topic: { bits: topicBits('Member', DEFAULT_TOPIC_MEMBER_BITS, []), muteAll: false } })).toBeNull();
  });

  it('G7 admins hold the admin bits but not permission-group management', () => {
    expect(communityBits('Admin', 0, []) & GROUP_PERMISSION.ManagePermissionGroupInfo).toBe(0);
    expect(communityBits('Admin', 0, [])).toBe(COMMUNITY_ADMIN_BITS);
    expect(communityBits('Owner', 0, []) & GROUP_PERMISSION.ManagePermissionGroupInfo).toBeTruthy();
  });
});

describe('G2 IDs and REST type names', () => {
  it.each([
    ['MyGroup', 'Public', null],
    ['@TGS#abc', 'Public', 'reserved_prefix'],
    ['a'.repeat(49), 'Work', 'too_long'],
    ['tab\there', 'Work', 'not_printable'],
    ['名字', 'Work', 'not_printable'],
    ['@TGS#_fans', 'Community', null],
    ['fans', 'Community', 'community_prefix'],
    ['@TGS#_@TGS#abc', 'Community', 'reserved_prefix'],
  ] as const)('G2 custom ID %j for %s → %s', (id, type, problem) => {
    expect(customGroupIdProblem(id, type)).toBe(problem);
  });
  it('S1 REST accepts the old and new type names', () => {
    expect(groupTypeFromRest('Private')).toBe('Work');
    expect(groupTypeFromRest('ChatRoom')).toBe('Meeting');
    expect(groupTypeFromRest('Community')).toBe('Community');
    expect(groupTypeFromRest('BChatRoom')).toBeNull();
  });
});
