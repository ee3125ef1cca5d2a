import { z } from 'zod';
import {
  ApplicationWording,
  ApplyJoinOption,
  GROUP_LIMITS,
  GroupApplication,
  GroupConversationId,
  GroupCustomValues,
  GroupFaceUrl,
  GroupId,
  GroupInfo,
  GroupIntroduction,
  GroupMember,
  GroupMsgFlag,
  GroupName,
  GroupNotification,
  GroupRole,
  GroupType,
  MemberCustomValues,
  NameCard,
  PermissionGroup,
  PermissionGroupCustomString,
  PermissionGroupId,
  PermissionGroupName,
  Seq,
  TopicCategory,
  TopicCustomString,
  TopicId,
  TopicInfo,
  TopicName,
  UserId,
} from '../domain';
import { ErrorShape } from '../errors';

/**
 * Issue 5 (G1–G4, G6–G8): group and community management over the socket.
 * Every action is decided by shared/domain/groupPermissions.ts on the server;
 * refusals carry its codes (group_forbidden, group_not_member, group_unsupported …).
 * Group messages are not here yet.
 */

const Bits = z.number().int().min(0).max(0x7fff_ffff);

/** My own membership, as group:joined lists it. */
export const GroupSelf = z.object({
  role: GroupRole,
  joinTime: z.number().int(),
  nameCard: z.string(),
  mutedUntil: z.number().int(),
  msgFlag: GroupMsgFlag,
  /** Communities: the permission groups I am in. */
  permissionGroupIds: z.array(z.string()),
});
export type GroupSelf = z.infer<typeof GroupSelf>;

export const InviteResult = z.object({
  userId: UserId,
  result: z.enum(['added', 'alreadyMember', 'failed']),
  error: ErrorShape.optional(),
});
export type InviteResult = z.infer<typeof InviteResult>;

/** Custom IDs are checked by customGroupIdProblem on the server (group_id_invalid, 10015), not by the schema. */
const CustomGroupIdInput = z.string().min(1).max(200);
const GroupRef = { groupId: GroupId };

export const groupRequestSchemas = {
  /**
   * G2: I become the owner (Work: inactive, seen by me only, until its first message). `members` are added at once
   * (AVChatRoom: none allowed). Refusals: group_id_invalid, group_id_taken, group_count_limit, group_join_limit, group_full.
   */
  'group:create': {
    input: z.strictObject({
      type: GroupType,
      name: GroupName,
      groupId: CustomGroupIdInput.optional(),
      introduction: GroupIntroduction.optional(),
      notification: GroupNotification.optional(),
      faceUrl: GroupFaceUrl.optional(),
      applyJoinOption: ApplyJoinOption.optional(),
      members: z.array(UserId).max(GROUP_LIMITS.maxInitialMembers).optional(),
      custom: GroupCustomValues.optional(),
    }),
    output: z.object({ group: GroupInfo }),
  },
  /** Groups as I may see them (non-members: no member-only custom fields); unknown or hidden ones in notFound. */
  'group:get': {
    input: z.strictObject({ groupIds: z.array(GroupId).min(1).max(50) }),
    output: z.object({ groups: z.array(GroupInfo), notFound: z.array(GroupId) }),
  },
  /** Every group I am in with my membership (inactive Work groups only for their owner). */
  'group:joined': {
    input: z.strictObject({}),
    output: z.object({ entries: z.array(z.object({ group: GroupInfo, self: GroupSelf })) }),
  },
  /** G8: exact ID (not Work); beyond the seed, Public/Meeting/Community by name substring (case-insensitive). ≤ 20. */
  'group:search': {
    input: z.strictObject({ keyword: z.string().trim().min(1).max(100), types: z.array(GroupType).min(1).optional() }),
    output: z.object({ groups: z.array(GroupInfo) }),
  },
  /**
   * G3: name, introduction, notification and face are "basic info"; the rest "other info"; muteAll its own action;
   * custom fields each by their configured write level ('' deletes a key; unknown keys → group_invalid_request).
   */
  'group:update': {
    input: z.strictObject({
      ...GroupRef,
      name: GroupName.optional(),
      introduction: GroupIntroduction.optional(),
      notification: GroupNotification.optional(),
      faceUrl: GroupFaceUrl.optional(),
      applyJoinOption: ApplyJoinOption.optional(),
      muteAll: z.boolean().optional(),
      /** Communities only. */
      defaultPermissions: Bits.optional(),
      custom: GroupCustomValues.optional(),
    }),
    output: z.object({ group: GroupInfo }),
  },
  /** G1: joined at once (FreeAccess, AVChatRoom) or pending approval; group_apply_disabled, group_unsupported (Work). */
  'group:apply': {
    input: z.strictObject({ ...GroupRef, wording: ApplicationWording.optional() }),
    output: z.object({ outcome: z.enum(['joined', 'pending']) }),
  },
  /** G4: pending applications of the groups whose applications I may handle, oldest first. */
  'group:applications': {
    input: z.strictObject({}),
    output: z.object({ applications: z.array(GroupApplication) }),
  },
  'group:handleApplication': {
    input: z.strictObject({ ...GroupRef, applicant: UserId, accept: z.boolean(), reason: ApplicationWording.optional() }),
    output: z.object({}),
  },
  /** G4: per person; Public/Meeting only the app admin, AVChatRoom nobody. */
  'group:invite': {
    input: z.strictObject({ ...GroupRef, userIds: z.array(UserId).min(1).max(GROUP_LIMITS.maxAddPerCall) }),
    output: z.object({ results: z.array(InviteResult) }),
  },
  /** G4: all or nothing (each target checked first). */
  'group:kick': {
    input: z.strictObject({
      ...GroupRef,
      userIds: z.array(UserId).min(1).max(GROUP_LIMITS.maxDeletePerCall),
      reason: ApplicationWording.optional(),
    }),
    output: z.object({}),
  },
  'group:quit': { input: z.strictObject(GroupRef), output: z.object({}) },
  /** Owner first, then admins, then members by join time; `next` '' when there is no more. AVChatRoom: group_unsupported. */
  'group:members': {
    input: z.strictObject({
      ...GroupRef,
      cursor: z.string().max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      roles: z.array(GroupRole).min(1).optional(),
    }),
    output: z.object({ members: z.array(GroupMember), next: z.string(), total: z.number().int() }),
  },
  'group:setMemberRole': {
    input: z.strictObject({ ...GroupRef, userId: UserId, role: z.enum(['Admin', 'Member']) }),
    output: z.object({}),
  },
  /** G4: seconds 0 unmutes, 4294967295 for ever; a mute survives leaving and re-joining. */
  'group:muteMembers': {
    input: z.strictObject({
      ...GroupRef,
      userIds: z.array(UserId).min(1).max(GROUP_LIMITS.maxMutePerCall),
      seconds: z.number().int().min(0).max(GROUP_LIMITS.muteForever),
    }),
    output: z.object({}),
  },
  /** My own name card always; another's by setNameCardOfOther; member custom fields by their configured level. */
  'group:setMemberInfo': {
    input: z.strictObject({ ...GroupRef, userId: UserId, nameCard: NameCard.optional(), custom: MemberCustomValues.optional() }),
    output: z.object({ member: GroupMember }),
  },
  'group:setReceiveOption': {
    input: z.strictObject({ ...GroupRef, msgFlag: GroupMsgFlag }),
    output: z.object({}),
  },
  'group:transferOwner': {
    input: z.strictObject({ ...GroupRef, newOwner: UserId }),
    output: z.object({}),
  },
  'group:disband': { input: z.strictObject(GroupRef), output: z.object({}) },

  // ------------------------------------------------ topics (G7)
  /** Communities only (topic_not_enabled); ≤ 200 (topic_limit); `customPart` names the ID `<groupId>@TOPIC#_<customPart>`. */
  'topic:create': {
    input: z.strictObject({
      ...GroupRef,
      name: TopicName,
      customPart: z.string().min(1).max(GROUP_LIMITS.topicIdBytes).optional(),
      introduction: GroupIntroduction.optional(),
      notification: GroupNotification.optional(),
      faceUrl: GroupFaceUrl.optional(),
      customString: TopicCustomString.optional(),
      category: TopicCategory.optional(),
    }),
    output: z.object({ topic: TopicInfo }),
  },
  'topic:list': { input: z.strictObject(GroupRef), output: z.object({ topics: z.array(TopicInfo) }) },
  /** Info by ManageTopicInfo/ManageTopic; defaultPermissions by the topic-permission right; muteAll by TopicMuteMember. */
  'topic:update': {
    input: z.strictObject({
      topicId: TopicId,
      name: TopicName.optional(),
      introduction: GroupIntroduction.optional(),
      notification: GroupNotification.optional(),
      faceUrl: GroupFaceUrl.optional(),
      customString: TopicCustomString.optional(),
      category: TopicCategory.optional(),
      muteAll: z.boolean().optional(),
      defaultPermissions: Bits.optional(),
    }),
    output: z.object({ topic: TopicInfo }),
  },
  /**
   * ADR 0005: anyone who may send in the topic marks it resolved or reopens it (a muted member may not);
   * a tip goes into the topic. Sending into a resolved topic reopens it.
   */
  'topic:setResolved': {
    input: z.strictObject({ topicId: TopicId, resolved: z.boolean() }),
    output: z.object({ topic: TopicInfo }),
  },
  /**
   * ADR 0005: moves the message at `fromSeq` ('one'), it and every later one ('later') or the whole topic
   * ('all'; fromSeq ignored) into another topic of the same community, or into a new one. Needs
   * ManageTopicInfo in both topics (ManageTopic covers it); a new topic needs ManageTopic. Tips, recalled
   * and already moved messages stay; at most GROUP_LIMITS.moveBatch per call (`remaining` says how many are left).
   */
  'topic:moveMessages': {
    input: z.strictObject({
      fromTopicId: TopicId,
      fromSeq: Seq,
      scope: z.enum(['one', 'later', 'all']),
      target: z.union([
        z.strictObject({ topicId: TopicId }),
        z.strictObject({ newTopic: z.strictObject({ name: TopicName, category: TopicCategory.optional() }) }),
      ]),
    }),
    output: z.object({ toTopicId: TopicId, moved: z.number().int(), remaining: z.number().int() }),
  },
  /** All or nothing. */
  'topic:delete': {
    input: z.strictObject({ topicIds: z.array(TopicId).min(1).max(GROUP_LIMITS.maxTopics) }),
    output: z.object({}),
  },

  // ------------------------------------------------ permission groups (G7)
  'permissionGroup:create': {
    input: z.strictObject({ ...GroupRef, name: PermissionGroupName, permissions: Bits, customString: PermissionGroupCustomString.optional() }),
    output: z.object({ permissionGroup: PermissionGroup }),
  },
  'permissionGroup:update': {
    input: z.strictObject({
      ...GroupRef,
      permissionGroupId: PermissionGroupId,
      name: PermissionGroupName.optional(),
      permissions: Bits.optional(),
      customString: PermissionGroupCustomString.optional(),
    }),
    output: z.object({ permissionGroup: PermissionGroup }),
  },
  'permissionGroup:delete': {
    input: z.strictObject({ ...GroupRef, permissionGroupIds: z.array(PermissionGroupId).min(1).max(GROUP_LIMITS.maxPermissionGroups) }),
    output: z.object({}),
  },
  /** Any member; with each group's topic overrides. */
  'permissionGroup:list': {
    input: z.strictObject(GroupRef),
    output: z.object({ permissionGroups: z.array(PermissionGroup) }),
  },
  'permissionGroup:members': {
    input: z.strictObject({ ...GroupRef, permissionGroupId: PermissionGroupId }),
    output: z.object({ userIds: z.array(UserId) }),
  },
  /** Members of the community only (else group_not_member). */
  'permissionGroup:addMembers': {
    input: z.strictObject({ ...GroupRef, permissionGroupId: PermissionGroupId, userIds: z.array(UserId).min(1).max(GROUP_LIMITS.maxDeletePerCall) }),
    output: z.object({ permissionGroup: PermissionGroup }),
  },
  'permissionGroup:removeMembers': {
    input: z.strictObject({ ...GroupRef, permissionGroupId: PermissionGroupId, userIds: z.array(UserId).min(1).max(GROUP_LIMITS.maxDeletePerCall) }),
    output: z.object({ permissionGroup: PermissionGroup }),
  },
  /** A per-topic override of a permission group's topic bits; null removes it. */
  'permissionGroup:setTopicPermissions': {
    input: z.strictObject({ topicId: TopicId, permissionGroupId: PermissionGroupId, permissions: Bits.nullable() }),
    output: z.object({ permissionGroup: PermissionGroup }),
  },
} as const;

/** Each goes to every connected device of every user it concerns. */
export const groupPushSchemas = {
  /** The group's info changed, or I joined it (members; inactive Work groups only to the owner). */
  'group:changed': z.object({ group: GroupInfo }),
  /** I am no longer in the group. */
  'group:left': z.object({
    groupId: GroupId,
    reason: z.enum(['quit', 'kicked', 'disbanded']),
    /** A kick's reason, as the kicker gave it. */
    wording: z.string().optional(),
  }),
  /** Members joined, changed (role, card, mute, custom) or left; not for AVChatRoom. */
  'group:membersChanged': z.object({ groupId: GroupId, upserted: z.array(GroupMember), removed: z.array(UserId) }),
  /** The group's pending applications now (to whoever may handle them). */
  'group:applicationsChanged': z.object({ groupId: GroupId, applications: z.array(GroupApplication) }),
  /** To the applicant. */
  'group:applicationHandled': z.object({ groupId: GroupId, accepted: z.boolean(), reason: z.string().optional() }),
  'topic:changed': z.object({ topic: TopicInfo }),
  'topic:deleted': z.object({ groupId: GroupId, topicIds: z.array(TopicId) }),
  /** ADR 0005: messages moved between two topic conversations; clients catch both up (new seqs, tombstones, read positions). */
  'topic:messagesMoved': z.object({ groupId: GroupId, fromConversationId: GroupConversationId, toConversationId: GroupConversationId }),
  /** The community's permission groups now (to every member). */
  'permissionGroup:changed': z.object({ groupId: GroupId, permissionGroups: z.array(PermissionGroup) }),
} as const;
