import { z } from 'zod';
import { UserId, utf8Length } from './ids';
import { maxBytes } from './contacts';
import {
  ASSIGNED_GROUP_ID_PREFIX,
  COMMUNITY_ID_PREFIX,
  GROUP_ID_MAX_BYTES,
  GroupId,
  PRINTABLE_ASCII,
  TOPIC_ID_MAX_BYTES,
  TOPIC_MARKER,
  TopicId,
} from './groupIds';

/**
 * Groups and communities (G1–G8): the five types, roles, options, IDs and
 * limits of Tencent's "Group System" (seed tables; docs/tencent-rest-contract
 * §3.15–3.16). Who may do what lives in groupPermissions.ts. Limits are in
 * UTF-8 bytes.
 */

/** G1: the current names. The REST API still speaks the old ones (see REST_GROUP_TYPE). */
export const GroupType = z.enum(['Work', 'Public', 'Meeting', 'AVChatRoom', 'Community']);
export type GroupType = z.infer<typeof GroupType>;
export const GROUP_TYPES = GroupType.options;

/** How Tencent's REST documents name each type in replies (Work → Private, Meeting → ChatRoom). */
export const REST_GROUP_TYPE: Record<GroupType, string> = {
  Work: 'Private',
  Public: 'Public',
  Meeting: 'ChatRoom',
  AVChatRoom: 'AVChatRoom',
  Community: 'Community',
};

/** A `Type` from a REST request: the documented old names and the new ones both work. */
export function groupTypeFromRest(value: string): GroupType | null {
  switch (value) {
    case 'Private':
    case 'Work':
      return 'Work';
    case 'ChatRoom':
    case 'Meeting':
      return 'Meeting';
    case 'Public':
    case 'AVChatRoom':
    case 'Community':
      return value;
    default:
      return null;
  }
}

export const GroupRole = z.enum(['Owner', 'Admin', 'Member']);
export type GroupRole = z.infer<typeof GroupRole>;

/**
 * Who is acting, as the permission tables see them: a member's role, the app
 * admin (REST with the admin identity: owner's rights in every group, member
 * or not) or someone outside the group.
 */
export type GroupActor = GroupRole | 'AppAdmin' | 'NonMember';
export const GROUP_ACTORS: readonly GroupActor[] = ['Owner', 'Admin', 'Member', 'AppAdmin', 'NonMember'];

export const ApplyJoinOption = z.enum(['FreeAccess', 'NeedPermission', 'DisableApply']);
export type ApplyJoinOption = z.infer<typeof ApplyJoinOption>;

/** G4/M8: a member's receive option for one group. */
export const GroupMsgFlag = z.enum(['AcceptAndNotify', 'AcceptNotNotify', 'Discard', 'AcceptNotNotifyExceptAt']);
export type GroupMsgFlag = z.infer<typeof GroupMsgFlag>;

/** M15: Tencent's MsgPriority names; REST replies number them 1 High … 3 Low. */
export const GroupMsgPriority = z.enum(['High', 'Normal', 'Low']);
export type GroupMsgPriority = z.infer<typeof GroupMsgPriority>;

/**
 * Per type, from the seed's "Differences in …" tables. `defaultApplyJoinOption`
 * is what a new group gets when creation does not say (Tencent: NeedPermission,
 * except where joining is free by definition).
 */
export interface GroupTypeTraits {
  /** Unread counts kept (Message Capabilities: Meeting and AVChatRoom have none). */
  unreadCounts: boolean;
  /** Messages stored for history (AVChatRoom: online-only delivery). */
  storesHistory: boolean;
  /** Members may read messages sent before they joined (G1: Meeting and Community yes; a server setting may change it). */
  historyBeforeJoin: boolean;
  /** Member-change tips (join/quit/kick/invite): 'stored' pushed and kept; 'online' pushed only; 'off' by default. */
  memberChangeTips: 'stored' | 'online' | 'off';
  /** Profile-change tips (name, notification, introduction, face, owner). */
  profileChangeTips: 'stored' | 'online';
  /** Mute and admin-change tips. */
  memberInfoChangeTips: 'stored' | 'online' | 'off';
  /** Work: invisible to members but the owner until its first message. */
  needsActivation: boolean;
  /** The member list can be read (AVChatRoom stores none). */
  memberListVisible: boolean;
  /** Found by exact ID (Work is not). */
  searchableById: boolean;
  defaultApplyJoinOption: ApplyJoinOption;
  /** Default receive option of a new member (Meeting and AVChatRoom: online pushes only, no notification). */
  defaultMsgFlag: GroupMsgFlag;
  /** Admins exist in this type. */
  hasAdmins: boolean;
  /** Topics (G7). */
  topics: boolean;
}

export const GROUP_TYPE_TRAITS: Record<GroupType, GroupTypeTraits> = {
  Work: {
    unreadCounts: true,
    storesHistory: true,
    historyBeforeJoin: false,
    memberChangeTips: 'stored',
    profileChangeTips: 'stored',
    memberInfoChangeTips: 'stored',
    needsActivation: true,
    memberListVisible: true,
    searchableById: false,
    defaultApplyJoinOption: 'DisableApply',
    defaultMsgFlag: 'AcceptAndNotify',
    hasAdmins: false,
    topics: false,
  },
  Public: {
    unreadCounts: true,
    storesHistory: true,
    historyBeforeJoin: false,
    memberChangeTips: 'stored',
    profileChangeTips: 'stored',
    memberInfoChangeTips: 'stored',
    needsActivation: false,
    memberListVisible: true,
    searchableById: true,
    defaultApplyJoinOption: 'NeedPermission',
    defaultMsgFlag: 'AcceptAndNotify',
    hasAdmins: true,
    topics: false,
  },
  Meeting: {
    unreadCounts: false,
    storesHistory: true,
    historyBeforeJoin: true,
    memberChangeTips: 'off',
    profileChangeTips: 'stored',
    memberInfoChangeTips: 'off',
    needsActivation: false,
    memberListVisible: true,
    searchableById: true,
    defaultApplyJoinOption: 'FreeAccess',
    defaultMsgFlag: 'AcceptNotNotify',
    hasAdmins: true,
    topics: false,
  },
  AVChatRoom: {
    unreadCounts: false,
    storesHistory: false,
    historyBeforeJoin: false,
    memberChangeTips: 'online',
    profileChangeTips: 'online',
    memberInfoChangeTips: 'off',
    needsActivation: false,
    memberListVisible: false,
    searchableById: true,
    defaultApplyJoinOption: 'FreeAccess',
    defaultMsgFlag: 'AcceptNotNotify',
    hasAdmins: true,
    topics: false,
  },
  Community: {
    unreadCounts: true,
    storesHistory: true,
    historyBeforeJoin: true,
    memberChangeTips: 'stored',
    profileChangeTips: 'stored',
    memberInfoChangeTips: 'stored',
    needsActivation: false,
    memberListVisible: true,
    searchableById: true,
    defaultApplyJoinOption: 'FreeAccess',
    defaultMsgFlag: 'AcceptAndNotify',
    hasAdmins: true,
    topics: true,
  },
};

/**
 * Fixed limits (seed "Use Limits" and "Group Data Structure"). FaceUrl: Tencent
 * says 100 B; ours is 500 B (as a profile photo) so that our own blob URLs
 * (`<public URL>/api/v1/blobs/<64 hex>`) fit behind any host name.
 */
export const GROUP_LIMITS = {
  nameBytes: 30,
  introductionBytes: 240,
  notificationBytes: 300,
  faceUrlBytes: 500,
  nameCardBytes: 50,
  customIdBytes: GROUP_ID_MAX_BYTES,
  maxGroupCustomFields: 10,
  maxMemberCustomFields: 5,
  customKeyBytes: 16,
  groupCustomValueBytes: 512,
  memberCustomValueBytes: 64,
  /** Pending applications a user sees (seed: "up to 50 messages"). */
  maxPendingApplications: 50,
  applicationWordingBytes: 256,
  /** create_group MemberList. */
  maxInitialMembers: 100,
  /** add_group_member per call. */
  maxAddPerCall: 300,
  /** delete_group_member per call. */
  maxDeletePerCall: 100,
  /** forbid_send_msg per call. */
  maxMutePerCall: 500,
  /** ShutUpTime meaning "for ever" (uint32 max). */
  muteForever: 0xffff_ffff,
  // Communities (G7).
  maxTopics: 200,
  topicNameBytes: 30,
  topicCustomStringBytes: 3000,
  topicIdBytes: TOPIC_ID_MAX_BYTES,
  permissionGroupNameBytes: 150,
  permissionGroupCustomStringBytes: 3000,
  /** Per community (beyond the seed's silence: Tencent allows 10 per community by default). */
  maxPermissionGroups: 10,
  /** Messages one topic:moveMessages moves, so its transaction stays short (ADR 0005; beyond the seed). */
  moveBatch: 1000,
  /** G8 search results per page. */
  searchPageSize: 20,
} as const;

/**
 * G6: the limits a server operator may change (server flags); defaults as
 * Tencent's Premium edition.
 */
export interface GroupQuotas {
  /** Members per group, per type; null = unlimited. */
  maxMembers: Record<GroupType, number | null>;
  /** Groups of all types one user may be in. */
  maxJoinedPerUser: number;
  /** Existing (not disbanded) groups on the server; null = unlimited. */
  maxGroups: number | null;
  /** M15: messages per second per group (above it the lowest priority is refused first). */
  maxMessagesPerSecond: number;
}

export const DEFAULT_GROUP_QUOTAS: GroupQuotas = {
  maxMembers: { Work: 2000, Public: 2000, Meeting: 2000, AVChatRoom: null, Community: 100_000 },
  maxJoinedPerUser: 3000,
  maxGroups: null,
  maxMessagesPerSecond: 40,
};

// ---------------------------------------------------------------- IDs

export {
  ASSIGNED_GROUP_ID_PREFIX,
  COMMUNITY_ID_PREFIX,
  GroupId,
  PERMISSION_GROUP_ID_PREFIX,
  TOPIC_ID_SEPARATOR,
  TOPIC_MARKER,
  TopicId,
  communityOfTopic,
  splitTopicId,
} from './groupIds';

export type CustomGroupIdProblem = 'not_printable' | 'too_long' | 'reserved_prefix' | 'community_prefix';

/**
 * G2: why a custom group ID is refused (null: fine). Ordinary types may not use
 * `@TGS#`; a community's ID must start with `@TGS#_` but not `@TGS#_@TGS#`
 * (assigned community IDs look like that). No type may contain `@TOPIC#`
 * anywhere (ADR 0004 §1): `group_<key>` is a topic conversation iff the key
 * starts with `@TGS#_` and contains `@TOPIC#_`, which must not be ambiguous.
 */
export function customGroupIdProblem(id: string, type: GroupType): CustomGroupIdProblem | null {
  if (id.length === 0 || !PRINTABLE_ASCII.test(id)) return 'not_printable';
  if (utf8Length(id) > GROUP_LIMITS.customIdBytes) return 'too_long';
  if (id.includes(TOPIC_MARKER)) return 'reserved_prefix';
  if (type === 'Community') {
    if (!id.startsWith(COMMUNITY_ID_PREFIX)) return 'community_prefix';
    if (id.startsWith(`${COMMUNITY_ID_PREFIX}${ASSIGNED_GROUP_ID_PREFIX}`)) return 'reserved_prefix';
    return null;
  }
  return id.startsWith(ASSIGNED_GROUP_ID_PREFIX) ? 'reserved_prefix' : null;
}

/** Why a custom topic part is refused (null: fine): printable ASCII, not looking like an assigned one. */
export function customTopicPartProblem(part: string): 'not_printable' | 'reserved_prefix' | null {
  if (part.length === 0 || !PRINTABLE_ASCII.test(part)) return 'not_printable';
  if (part.includes(COMMUNITY_ID_PREFIX) || part.startsWith('@TOPIC#')) return 'reserved_prefix';
  return null;
}

// ---------------------------------------------------------------- fields

export const GroupName = z
  .string()
  .min(1, 'A group needs a name.')
  .refine((v) => utf8Length(v) <= GROUP_LIMITS.nameBytes, 'A group name is at most 30 bytes.');
export const GroupIntroduction = maxBytes(GROUP_LIMITS.introductionBytes);
export const GroupNotification = maxBytes(GROUP_LIMITS.notificationBytes);
export const GroupFaceUrl = maxBytes(GROUP_LIMITS.faceUrlBytes);
export const NameCard = maxBytes(GROUP_LIMITS.nameCardBytes);

/** Custom field keys: letters, digits, `_`, ≤ 16 B (configured on the server). */
export const GroupCustomKey = z.string().regex(/^[A-Za-z0-9_]{1,16}$/, 'A custom key is 1–16 letters, digits or "_".');

/**
 * Least role that may read / write a custom field, from the seed's list (high
 * to low): app admin, owner, admin, member, anyone (non-members too).
 */
export const CustomFieldLevel = z.enum(['AppAdmin', 'Owner', 'Admin', 'Member', 'Anyone']);
export type CustomFieldLevel = z.infer<typeof CustomFieldLevel>;
export const GroupCustomFieldConfig = z.object({
  key: GroupCustomKey,
  read: CustomFieldLevel,
  write: CustomFieldLevel,
});
export type GroupCustomFieldConfig = z.infer<typeof GroupCustomFieldConfig>;

export const GroupCustomValues = z.record(GroupCustomKey, maxBytes(GROUP_LIMITS.groupCustomValueBytes));
export const MemberCustomValues = z.record(GroupCustomKey, maxBytes(GROUP_LIMITS.memberCustomValueBytes));

/** A group as a client sees it (fields a non-member may not read are absent). */
export const GroupInfo = z.object({
  groupId: GroupId,
  type: GroupType,
  name: z.string(),
  introduction: z.string(),
  notification: z.string(),
  faceUrl: z.string(),
  /** '' when the group has no owner (a Work group whose owner left). */
  owner: z.string(),
  createTime: z.number().int(),
  /** Increases with every change of the group's information. */
  infoSeq: z.number().int(),
  lastInfoTime: z.number().int(),
  lastMsgTime: z.number().int(),
  nextMsgSeq: z.number().int(),
  memberNum: z.number().int(),
  maxMemberNum: z.number().int().nullable(),
  applyJoinOption: ApplyJoinOption,
  muteAll: z.boolean(),
  /** Work: false until the first message. */
  active: z.boolean(),
  /** Communities: the permission bits every member holds (groupPermissions.ts GROUP_PERMISSION); 0 for other types. */
  defaultPermissions: z.number().int().min(0),
  custom: z.record(z.string(), z.string()),
});
export type GroupInfo = z.infer<typeof GroupInfo>;

export const GroupMember = z.object({
  userId: UserId,
  role: GroupRole,
  joinTime: z.number().int(),
  nameCard: z.string(),
  /** Unix seconds the mute ends; 0 when not muted. */
  mutedUntil: z.number().int(),
  msgFlag: GroupMsgFlag,
  custom: z.record(z.string(), z.string()),
});
export type GroupMember = z.infer<typeof GroupMember>;

/** A pending application to join (G4), as owners and admins see it. */
export const GroupApplication = z.object({
  groupId: GroupId,
  applicant: UserId,
  wording: z.string(),
  time: z.number().int(),
});
export type GroupApplication = z.infer<typeof GroupApplication>;
export const ApplicationWording = maxBytes(GROUP_LIMITS.applicationWordingBytes);

/** What a group-change tip says (G5), carried in a stored or online-only tip message. */
export const GroupTipKind = z.enum([
  'created',
  'joined',
  'invited',
  'quit',
  'kicked',
  'profileChanged',
  'ownerChanged',
  'adminSet',
  'adminUnset',
  'memberMuted',
  'memberUnmuted',
  'muteAll',
  'disbanded',
  'topicCreated',
  'topicChanged',
  'topicDeleted',
  // ADR 0005, stored in the topic itself. Changes of messagesMoved: FromTopicId, ToTopicId, Count, FirstMessageId.
  'topicResolved',
  'topicReopened',
  'messagesMoved',
]);
export type GroupTipKind = z.infer<typeof GroupTipKind>;

// ---------------------------------------------------------------- messages (M8)

/** M8: at most this many people @-mentioned in one message (our cap; Tencent documents none). */
export const MAX_AT_USERS = 100;

/**
 * M8: who a group message mentions, carried beside the body (never parsed out
 * of the text). `all` is "@All" (needs checkSend({atAll: true})); `userIds`
 * that are not members when it is sent are dropped by the server, not refused.
 */
export const GroupAt = z.strictObject({
  all: z.boolean(),
  userIds: z.array(UserId).max(MAX_AT_USERS),
});
export type GroupAt = z.infer<typeof GroupAt>;

// ---------------------------------------------------------------- communities (G7)

export const TopicName = z
  .string()
  .min(1, 'A topic needs a name.')
  .refine((v) => utf8Length(v) <= GROUP_LIMITS.topicNameBytes, 'A topic name is at most 30 bytes.');
export const TopicCustomString = maxBytes(GROUP_LIMITS.topicCustomStringBytes);
/** Beyond the seed: topics are shown under categories (Discord's channel categories); '' = none. */
export const TopicCategory = maxBytes(GROUP_LIMITS.topicNameBytes);

export const TopicInfo = z.object({
  topicId: TopicId,
  groupId: GroupId,
  name: z.string(),
  introduction: z.string(),
  notification: z.string(),
  faceUrl: z.string(),
  customString: z.string(),
  /** Ordinary members cannot send in this topic (owner, admins and the app admin still can). */
  muteAll: z.boolean(),
  /** The topic bits every member holds here (TOPIC_PERMISSION). */
  defaultPermissions: z.number().int().min(0),
  /** '' when none. */
  category: z.string(),
  createTime: z.number().int(),
  infoSeq: z.number().int(),
  /** Zulip-style: when someone marked the topic resolved (Unix seconds) and who; null while it is open (ADR 0005). */
  resolvedAt: z.number().int().nullable(),
  resolvedBy: UserId.nullable(),
});
export type TopicInfo = z.infer<typeof TopicInfo>;

export const PermissionGroupName = z
  .string()
  .min(1, 'A permission group needs a name.')
  .refine((v) => utf8Length(v) <= GROUP_LIMITS.permissionGroupNameBytes, 'A permission group name is at most 150 bytes.');
export const PermissionGroupCustomString = maxBytes(GROUP_LIMITS.permissionGroupCustomStringBytes);
export const PermissionGroupId = z.string().min(1).max(GROUP_LIMITS.customIdBytes).regex(PRINTABLE_ASCII);

export const PermissionGroup = z.object({
  permissionGroupId: PermissionGroupId,
  groupId: GroupId,
  name: z.string(),
  /** GROUP_PERMISSION bits its members hold in the whole community. */
  permissions: z.number().int().min(0),
  customString: z.string(),
  memberNum: z.number().int(),
  createTime: z.number().int(),
  /** Topic ID → TOPIC_PERMISSION bits its members hold in that topic (topics without an entry add nothing). */
  topicOverrides: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type PermissionGroup = z.infer<typeof PermissionGroup>;
