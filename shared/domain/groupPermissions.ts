import type { ErrorCode } from '../errors';
import { type ApplyJoinOption, type GroupActor, type GroupRole, type GroupType } from './groups';

/**
 * One answer to "may this actor do this in this group (or topic)?" for the
 * server's socket handlers, its REST API and the client (which hides what
 * would be refused). The tables transcribe the seed's "Group System" tables;
 * where the seed contradicts itself the choice is noted beside the cell.
 * Tests iterate over these same tables (groupPermissions.test.ts).
 */

// ---------------------------------------------------------------- community bits (G7, seed bit tables)

/** Permission-group bits ("Meanings of Permissions in the Permission Group"). */
export const GROUP_PERMISSION = {
  ManageGroupInfo: 1 << 0,
  ManageGroupMember: 1 << 1,
  ManagePermissionGroupInfo: 1 << 2,
  ManagePermissionGroupMember: 1 << 3,
  ManageTopic: 1 << 4,
  GroupMuteMember: 1 << 5,
  SendGroupMessage: 1 << 6,
  GroupAtAll: 1 << 7,
  GetGroupHistoryMessage: 1 << 8,
  RevokeOtherMemberGroupMessage: 1 << 9,
  BanMemberGroupMessage: 1 << 10,
} as const;
export type GroupPermissionName = keyof typeof GROUP_PERMISSION;

/** Topic bits ("Topic Permissions"). */
export const TOPIC_PERMISSION = {
  ManageTopicInfo: 1 << 0,
  ManagePermissionTopicInfo: 1 << 1,
  TopicMuteMember: 1 << 2,
  SendTopicMessage: 1 << 3,
  GetTopicHistoryMessage: 1 << 4,
  RevokeOtherMemberTopicMessage: 1 << 5,
  TopicAtAll: 1 << 6,
} as const;
export type TopicPermissionName = keyof typeof TOPIC_PERMISSION;

const ALL_GROUP_BITS = Object.values(GROUP_PERMISSION).reduce((a, b) => a | b, 0);
const ALL_TOPIC_BITS = Object.values(TOPIC_PERMISSION).reduce((a, b) => a | b, 0);

/** Admins of a community hold the seed's admin rights; managing permission groups stays with the owner unless granted. */
export const COMMUNITY_ADMIN_BITS =
  ALL_GROUP_BITS & ~(GROUP_PERMISSION.ManagePermissionGroupInfo | GROUP_PERMISSION.ManagePermissionGroupMember);
export const TOPIC_ADMIN_BITS = ALL_TOPIC_BITS & ~TOPIC_PERMISSION.ManagePermissionTopicInfo;

/** What every member of a new community may do (its "default permissions", editable by the owner). */
export const DEFAULT_COMMUNITY_MEMBER_BITS = GROUP_PERMISSION.SendGroupMessage | GROUP_PERMISSION.GetGroupHistoryMessage;
/** What every member may do in a new topic (its "default permissions"). */
export const DEFAULT_TOPIC_MEMBER_BITS = TOPIC_PERMISSION.SendTopicMessage | TOPIC_PERMISSION.GetTopicHistoryMessage;

export function hasBit(mask: number, bit: number): boolean {
  return (mask & bit) === bit;
}

/**
 * A member's bits in a community: everything for the owner and the app admin;
 * for others the community's default bits, their role's bits and those of every
 * permission group they belong to.
 */
export function communityBits(actor: GroupActor, defaultBits: number, permissionGroupBits: readonly number[]): number {
  if (actor === 'Owner' || actor === 'AppAdmin') return ALL_GROUP_BITS;
  if (actor === 'NonMember') return 0;
  const role = actor === 'Admin' ? COMMUNITY_ADMIN_BITS : 0;
  return permissionGroupBits.reduce((mask, bits) => mask | bits, defaultBits | role);
}

/**
 * A member's bits in one topic: everything for the owner and the app admin;
 * otherwise the topic's default bits, the admin role's, and the topic's
 * override for each permission group the member is in (groups with no override
 * add nothing here).
 */
export function topicBits(actor: GroupActor, topicDefaultBits: number, overridesOfMyGroups: readonly number[]): number {
  if (actor === 'Owner' || actor === 'AppAdmin') return ALL_TOPIC_BITS;
  if (actor === 'NonMember') return 0;
  const role = actor === 'Admin' ? TOPIC_ADMIN_BITS : 0;
  return overridesOfMyGroups.reduce((mask, bits) => mask | bits, topicDefaultBits | role);
}

// ---------------------------------------------------------------- actions

/** Actions on a group as a whole (the actor alone decides). */
export const GROUP_ACTIONS = [
  /** Name, introduction, notification, face URL. */
  'modifyBasicInfo',
  /** ApplyJoinOption, MaxMemberNum, custom fields (each also by its own level). */
  'modifyOtherInfo',
  'muteAll',
  'disband',
  'transferOwner',
  'quit',
  'invite',
  'handleApplication',
  'readMembers',
  'send',
  'atAll',
  'recallOthers',
  'manageTopics',
  'managePermissionGroups',
  'managePermissionGroupMembers',
] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];

/** Actions on another member (the target's role matters too). */
export const MEMBER_ACTIONS = ['kick', 'muteMember', 'setAdmin', 'unsetAdmin', 'setNameCardOfOther'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

const MEMBERS: readonly GroupActor[] = ['Owner', 'Admin', 'Member'];
const MANAGERS: readonly GroupActor[] = ['Owner', 'Admin', 'AppAdmin'];
const OWNERS: readonly GroupActor[] = ['Owner', 'AppAdmin'];

/** `unsupported`: the type has no such capability (10007/10004 per action); otherwise who may. */
export type Rule = 'unsupported' | readonly GroupActor[];

/** For community cells: the bit that decides (besides owner / app admin who hold every bit). */
const COMMUNITY_BIT: Partial<Record<GroupAction | MemberAction, number>> = {
  modifyBasicInfo: GROUP_PERMISSION.ManageGroupInfo,
  modifyOtherInfo: GROUP_PERMISSION.ManageGroupInfo,
  muteAll: GROUP_PERMISSION.BanMemberGroupMessage,
  handleApplication: GROUP_PERMISSION.ManageGroupMember,
  send: GROUP_PERMISSION.SendGroupMessage,
  atAll: GROUP_PERMISSION.GroupAtAll,
  recallOthers: GROUP_PERMISSION.RevokeOtherMemberGroupMessage,
  manageTopics: GROUP_PERMISSION.ManageTopic,
  managePermissionGroups: GROUP_PERMISSION.ManagePermissionGroupInfo,
  managePermissionGroupMembers: GROUP_PERMISSION.ManagePermissionGroupMember,
  kick: GROUP_PERMISSION.ManageGroupMember,
  muteMember: GROUP_PERMISSION.GroupMuteMember,
  setNameCardOfOther: GROUP_PERMISSION.ManageGroupMember,
};

/**
 * Group type × action → who may (seed: "Differences in Basic Group
 * Capabilities", "…Joining a Group", "…Member Management", Group Management
 * and Group Member Roles). Community cells list who may *in principle*; the
 * member's bits decide for everyone but the owner and the app admin.
 */
export const GROUP_RULES: Record<GroupAction, Record<GroupType, Rule>> = {
  // Work: ordinary members too. Meeting/AVChatRoom: the basic table says owner only, the field note
  // says "only non-ordinary members": admins may (they exist in both types).
  modifyBasicInfo: {
    Work: ['Owner', 'Member', 'AppAdmin'],
    Public: MANAGERS,
    Meeting: MANAGERS,
    AVChatRoom: MANAGERS,
    Community: [...MANAGERS, 'Member'],
  },
  // "Ordinary members of Work can modify only the name, introduction, announcement and photo".
  modifyOtherInfo: {
    Work: OWNERS,
    Public: MANAGERS,
    Meeting: MANAGERS,
    AVChatRoom: MANAGERS,
    Community: [...MANAGERS, 'Member'],
  },
  // Work has no muting at all.
  muteAll: { Work: 'unsupported', Public: MANAGERS, Meeting: MANAGERS, AVChatRoom: MANAGERS, Community: [...MANAGERS, 'Member'] },
  // "Who can disband": Work only the app admin.
  disband: { Work: ['AppAdmin'], Public: OWNERS, Meeting: OWNERS, AVChatRoom: OWNERS, Community: OWNERS },
  // change_group_owner: AVChatRoom 10007.
  transferOwner: { Work: OWNERS, Public: OWNERS, Meeting: OWNERS, AVChatRoom: 'unsupported', Community: OWNERS },
  // Only Work's owner may quit (the group is then ownerless); elsewhere 10009.
  quit: { Work: MEMBERS, Public: ['Admin', 'Member'], Meeting: ['Admin', 'Member'], AVChatRoom: ['Admin', 'Member'], Community: ['Admin', 'Member'] },
  // Invite: Work and Community any member; Public/Meeting the app admin only; AVChatRoom nobody.
  invite: {
    Work: [...MEMBERS, 'AppAdmin'],
    Public: ['AppAdmin'],
    Meeting: ['AppAdmin'],
    AVChatRoom: 'unsupported',
    Community: [...MEMBERS, 'AppAdmin'],
  },
  handleApplication: { Work: 'unsupported', Public: MANAGERS, Meeting: MANAGERS, AVChatRoom: 'unsupported', Community: [...MANAGERS, 'Member'] },
  readMembers: {
    Work: [...MEMBERS, 'AppAdmin'],
    Public: [...MEMBERS, 'AppAdmin'],
    Meeting: [...MEMBERS, 'AppAdmin'],
    AVChatRoom: 'unsupported',
    Community: [...MEMBERS, 'AppAdmin'],
  },
  send: {
    Work: [...MEMBERS, 'AppAdmin'],
    Public: [...MEMBERS, 'AppAdmin'],
    Meeting: [...MEMBERS, 'AppAdmin'],
    AVChatRoom: [...MEMBERS, 'AppAdmin'],
    Community: [...MEMBERS, 'AppAdmin'],
  },
  atAll: {
    Work: [...MEMBERS, 'AppAdmin'],
    Public: [...MEMBERS, 'AppAdmin'],
    Meeting: [...MEMBERS, 'AppAdmin'],
    AVChatRoom: [...MEMBERS, 'AppAdmin'],
    Community: [...MEMBERS, 'AppAdmin'],
  },
  // Owner and admins recall others' messages; AVChatRoom keeps no messages to recall.
  recallOthers: { Work: OWNERS, Public: MANAGERS, Meeting: MANAGERS, AVChatRoom: 'unsupported', Community: [...MANAGERS, 'Member'] },
  manageTopics: { Work: 'unsupported', Public: 'unsupported', Meeting: 'unsupported', AVChatRoom: 'unsupported', Community: [...MANAGERS, 'Member'] },
  managePermissionGroups: { Work: 'unsupported', Public: 'unsupported', Meeting: 'unsupported', AVChatRoom: 'unsupported', Community: [...MANAGERS, 'Member'] },
  managePermissionGroupMembers: {
    Work: 'unsupported',
    Public: 'unsupported',
    Meeting: 'unsupported',
    AVChatRoom: 'unsupported',
    Community: [...MANAGERS, 'Member'],
  },
};

/** actor → roles of the members they may act on. */
export type TargetRule = 'unsupported' | Partial<Record<GroupActor, readonly GroupRole[]>>;

const OWNER_OVER = { Owner: ['Admin', 'Member'], AppAdmin: ['Admin', 'Member'] } as const;
const MANAGER_OVER = { ...OWNER_OVER, Admin: ['Member'] } as const;
const ANY_ROLE = ['Owner', 'Admin', 'Member'] as const;

/**
 * Group type × member action → which roles each actor may act on ("…Member
 * Management Capabilities": the admin may act only on ordinary members; the
 * owner is never kicked or muted). In a community a member holding the bit
 * acts like an admin.
 */
export const MEMBER_RULES: Record<MemberAction, Record<GroupType, TargetRule>> = {
  kick: { Work: { Owner: ['Member'], AppAdmin: ['Member'] }, Public: MANAGER_OVER, Meeting: MANAGER_OVER, AVChatRoom: 'unsupported', Community: { ...MANAGER_OVER, Member: ['Member'] } },
  muteMember: { Work: 'unsupported', Public: MANAGER_OVER, Meeting: MANAGER_OVER, AVChatRoom: OWNER_OVER, Community: { ...MANAGER_OVER, Member: ['Member'] } },
  setAdmin: { Work: 'unsupported', Public: { Owner: ['Member'], AppAdmin: ['Member'] }, Meeting: { Owner: ['Member'], AppAdmin: ['Member'] }, AVChatRoom: { Owner: ['Member'], AppAdmin: ['Member'] }, Community: { Owner: ['Member'], AppAdmin: ['Member'] } },
  unsetAdmin: { Work: 'unsupported', Public: { Owner: ['Admin'], AppAdmin: ['Admin'] }, Meeting: { Owner: ['Admin'], AppAdmin: ['Admin'] }, AVChatRoom: { Owner: ['Admin'], AppAdmin: ['Admin'] }, Community: { Owner: ['Admin'], AppAdmin: ['Admin'] } },
  // The app admin edits any member's profile, the owner's included (REST modify_group_member_info, Pub 269/1623).
  setNameCardOfOther: {
    Work: { Owner: ['Member'], AppAdmin: ['Owner', 'Member'] },
    Public: { ...MANAGER_OVER, AppAdmin: ANY_ROLE },
    Meeting: { ...MANAGER_OVER, AppAdmin: ANY_ROLE },
    AVChatRoom: 'unsupported',
    Community: { ...MANAGER_OVER, Member: ['Member'], AppAdmin: ANY_ROLE },
  },
};

/** The code for an action a type does not have (Tencent answers 10004 for deleting AVChatRoom members, else 10007). */
function unsupportedCode(action: GroupAction | MemberAction): ErrorCode {
  return action === 'kick' ? 'group_invalid_request' : 'group_unsupported';
}

export interface Community {
  /** The member's bits (communityBits), for Community groups only. */
  bits: number;
}

/**
 * The community bit that lets a member (neither owner nor app admin) do `action`, or null when none does: lets
 * the server find who may act by querying holders of that bit instead of deciding for every member.
 */
export function communityBitFor(action: GroupAction | MemberAction): number | null {
  return COMMUNITY_BIT[action] ?? null;
}

/** Null when allowed; otherwise why not. */
export function checkGroupAction(type: GroupType, actor: GroupActor, action: GroupAction, community?: Community): ErrorCode | null {
  const rule = GROUP_RULES[action][type];
  if (rule === 'unsupported') return unsupportedCode(action);
  if (actor === 'NonMember') return 'group_not_member';
  if (!rule.includes(actor)) return action === 'quit' && actor === 'Owner' ? 'group_owner_cannot_quit' : 'group_forbidden';
  const bit = COMMUNITY_BIT[action];
  if (type === 'Community' && bit !== undefined && actor !== 'Owner' && actor !== 'AppAdmin') {
    if (!hasBit(community?.bits ?? 0, bit)) return 'group_forbidden';
  }
  return null;
}

/** Null when `actor` may do `action` to a member whose role is `target`; otherwise why not. */
export function checkMemberAction(
  type: GroupType,
  actor: GroupActor,
  action: MemberAction,
  target: GroupRole,
  community?: Community,
): ErrorCode | null {
  const rule = MEMBER_RULES[action][type];
  if (rule === 'unsupported') return unsupportedCode(action);
  if (actor === 'NonMember') return 'group_not_member';
  const bit = COMMUNITY_BIT[action];
  // In a community, holding the bit makes an ordinary member act with an admin's reach (ordinary members only).
  const reach = rule[actor];
  if (!reach?.includes(target)) return 'group_forbidden';
  if (type === 'Community' && bit !== undefined && actor !== 'Owner' && actor !== 'AppAdmin') {
    if (!hasBit(community?.bits ?? 0, bit)) return 'group_forbidden';
  }
  return null;
}

// ---------------------------------------------------------------- joining (G1)

export type JoinOutcome = 'joined' | 'pending' | 'refused' | 'unsupported';

/**
 * What applying does ("Differences in Joining a Group"): Work cannot be
 * applied to; AVChatRoom is always free; the others follow ApplyJoinOption
 * (Public defaults to NeedPermission, Meeting and Community to FreeAccess).
 */
export function joinOutcome(type: GroupType, option: ApplyJoinOption): JoinOutcome {
  if (type === 'Work') return 'unsupported';
  if (type === 'AVChatRoom') return 'joined';
  if (option === 'FreeAccess') return 'joined';
  if (option === 'NeedPermission') return 'pending';
  return 'refused';
}

// ---------------------------------------------------------------- sending (G4, M8)

export interface SendContext {
  type: GroupType;
  actor: GroupActor;
  /** Unix seconds the actor's mute ends (0: not muted). */
  mutedUntil: number;
  nowSeconds: number;
  muteAll: boolean;
  atAll: boolean;
  /** Communities: the member's community bits; in a topic also the topic bits. */
  community?: Community;
  topic?: { bits: number; muteAll: boolean } | null;
}

/**
 * Null when the message may be sent. Mute-all silences ordinary members only
 * (owner, admins and the app admin still speak); a muted member is silent
 * until the mute ends, whatever their role.
 */
export function checkSend(ctx: SendContext): ErrorCode | null {
  const base = checkGroupAction(ctx.type, ctx.actor, 'send', ctx.community);
  if (base) return base;
  if (ctx.actor !== 'AppAdmin' && ctx.mutedUntil > ctx.nowSeconds) return 'group_member_muted';
  const ordinary = ctx.actor === 'Member';
  if (ordinary && (ctx.muteAll || (ctx.topic?.muteAll ?? false))) return 'group_muted_all';
  if (ctx.atAll) {
    const at = checkGroupAction(ctx.type, ctx.actor, 'atAll', ctx.community);
    if (at) return at;
  }
  if (ctx.topic && ctx.actor !== 'Owner' && ctx.actor !== 'AppAdmin') {
    if (!hasBit(ctx.topic.bits, TOPIC_PERMISSION.SendTopicMessage)) return 'group_forbidden';
    if (ctx.atAll && !hasBit(ctx.topic.bits, TOPIC_PERMISSION.TopicAtAll)) return 'group_forbidden';
  }
  return null;
}

/** A topic action decided by topic bits, or (for managing) by the community's ManageTopic / ManagePermissionGroupInfo bits too. */
export function checkTopicAction(
  actor: GroupActor,
  action: 'manageTopicInfo' | 'manageTopicPermissions' | 'muteInTopic' | 'recallOthersInTopic' | 'readTopicHistoryBeforeJoin',
  bits: { community: number; topic: number },
): ErrorCode | null {
  if (actor === 'NonMember') return 'group_not_member';
  if (actor === 'Owner' || actor === 'AppAdmin') return null;
  const allowed = {
    manageTopicInfo: hasBit(bits.topic, TOPIC_PERMISSION.ManageTopicInfo) || hasBit(bits.community, GROUP_PERMISSION.ManageTopic),
    manageTopicPermissions:
      hasBit(bits.topic, TOPIC_PERMISSION.ManagePermissionTopicInfo) || hasBit(bits.community, GROUP_PERMISSION.ManagePermissionGroupInfo),
    muteInTopic: hasBit(bits.topic, TOPIC_PERMISSION.TopicMuteMember),
    recallOthersInTopic: hasBit(bits.topic, TOPIC_PERMISSION.RevokeOtherMemberTopicMessage),
    readTopicHistoryBeforeJoin: hasBit(bits.topic, TOPIC_PERMISSION.GetTopicHistoryMessage),
  }[action];
  return allowed ? null : 'group_forbidden';
}

/** G3: may this actor read / write a custom field whose least level is `level`? */
export function meetsFieldLevel(actor: GroupActor, level: 'AppAdmin' | 'Owner' | 'Admin' | 'Member' | 'Anyone'): boolean {
  const rank: Record<GroupActor, number> = { AppAdmin: 4, Owner: 3, Admin: 2, Member: 1, NonMember: 0 };
  const need = { AppAdmin: 4, Owner: 3, Admin: 2, Member: 1, Anyone: 0 }[level];
  return rank[actor] >= need;
}

/**
 * M5 in groups (ADR 0004 §3): recalling someone else's message. Allowed by `recallOthers` (in a topic by
 * the topic's RevokeOtherMemberTopicMessage bit), with the reach of kick: the owner and the app admin over
 * anyone, everyone else over ordinary members only (`senderRole` null: the sender has left, an ordinary
 * member as far as reach goes). No time limit (the sender's own recall window does not apply).
 */
export function checkRecallOthers(
  type: GroupType,
  actor: GroupActor,
  senderRole: GroupRole | null,
  community?: Community,
  topicBits?: number | null,
): ErrorCode | null {
  const base =
    topicBits === undefined || topicBits === null
      ? checkGroupAction(type, actor, 'recallOthers', community)
      : checkTopicAction(actor, 'recallOthersInTopic', { community: community?.bits ?? 0, topic: topicBits });
  if (base) return base;
  if (actor === 'Owner' || actor === 'AppAdmin') return null;
  return senderRole === null || senderRole === 'Member' ? null : 'group_forbidden';
}
