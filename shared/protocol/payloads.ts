import { z } from 'zod';
import {
  AddSource,
  AddType,
  AddWording,
  BatchItemResult,
  BlackCheckRelation,
  BlackCheckType,
  BlockEntry,
  CheckRelation,
  CheckType,
  DeleteType,
  Friend,
  FriendCustomValues,
  FriendList,
  FriendListName,
  FriendRequest,
  FriendRequestDirection,
  Profile,
  ProfilePatch,
  RELATION_LIMITS,
  Remark,
  BlobInfo,
  C2cConversationId,
  ClientMsgId,
  ConversationId,
  GroupAt,
  GroupConversationId,
  GroupMsgPriority,
  GroupServerConversation,
  GroupNotice,
  GroupReceiptCounts,
  GROUP_MESSAGE_LIMITS,
  ReceiptMembersWhich,
  MediaKind,
  MessageId,
  MsgBody,
  ReactionEmoji,
  RecvOpt,
  RelayElem,
  SignedRelayBundle,
  PresenceStatus,
  Seq,
  ServerConversation,
  ServerMessage,
  UserId,
  UserProfile,
} from '../domain';
import { callPushSchemas, callRequestSchemas } from './calls';
import { groupPushSchemas, groupRequestSchemas } from './groups';

/** Platforms as Tencent names them in online-status details. */
export const Platform = z.enum(['Windows', 'Mac', 'Linux', 'Web', 'Android', 'iPhone', 'Unknown']);
export type Platform = z.infer<typeof Platform>;

/** socket.io `auth` sent on every (re)connect. */
export const HandshakeAuth = z.object({
  protocolVersion: z.number().int(),
  sdkAppId: z.number().int().positive(),
  userId: UserId,
  userSig: z.string(),
  platform: Platform,
  /**
   * A5: names this running client (a random id made at sign-in, kept across its reconnects, never shared by two
   * running clients). A reconnect with the same id replaces that device's older socket instead of counting as another
   * device; a device signed out or pushed out is refused with `kicked` if it reconnects with its id. Without one,
   * every connection counts as a new device.
   */
  instanceId: z.string().regex(/^[\w-]{1,64}$/).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** A4: a short status text a user sets for others to see (≤ 100 characters, one line); '' when none. */
export const CUSTOM_STATUS_MAX_CHARS = 100;
export const CustomStatus = z
  .string()
  .refine((text) => [...text].length <= CUSTOM_STATUS_MAX_CHARS, `At most ${CUSTOM_STATUS_MAX_CHARS} characters.`)
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'One line of text without control characters.');

/**
 * A5: why the server ended a session (`session:kicked` code). Every one of them means "do not reconnect with this
 * session": another_device (the multi-device policy pushed this device out for a newer one), signed_out_elsewhere
 * (the user signed this device out from another), admin_kick (REST kick: every earlier UserSig is invalid),
 * usersig_revoked (its UserSig was invalidated while connecting), account_deleted.
 */
export const KickReason = z.enum(['another_device', 'signed_out_elsewhere', 'admin_kick', 'usersig_revoked', 'account_deleted']);
export type KickReason = z.infer<typeof KickReason>;

/** A5: one signed-in, connected device of the user. */
export const DeviceInfo = z.object({
  /** The handshake's instanceId, or the socket id when the client sent none. */
  instanceId: z.string(),
  platform: Platform,
  /** Unix milliseconds: when this device connected (its first connection when it reconnected with its instanceId). */
  connectedSince: z.number().int(),
  /** The device that asked (or received the push). */
  current: z.boolean(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** A4: one user's presence as others see it. */
export const PresenceInfo = z.object({
  userId: UserId,
  status: PresenceStatus,
  /** A4: the user's custom status text ('' when none); always sent by this server. */
  customStatus: CustomStatus.optional(),
});
export type PresenceInfo = z.infer<typeof PresenceInfo>;

const SendCommon = {
  clientMsgId: ClientMsgId,
  body: MsgBody,
  /** M1: Tencent's CloudCustomData (≤ 1 KB here; counted in the 12 KB body limit). */
  cloudCustomData: z.string().max(1024).optional(),
  /** M14: the message this one replies to, in the same conversation; the server resolves the quote. */
  replyTo: MessageId.optional(),
};

/** `message:send` to one person (unchanged since before groups). */
export const C2cSendInput = z.strictObject({ ...SendCommon, to: UserId });
export type C2cSendInput = z.infer<typeof C2cSendInput>;

/** `message:send` to a group or a community topic (ADR 0004 §3, §5). */
export const GroupSendInput = z.strictObject({
  ...SendCommon,
  groupConversationId: GroupConversationId,
  /** M8: absent = nobody mentioned. */
  groupAt: GroupAt.optional(),
  /** M6: ask for a group read receipt (not in AVChatRoom). */
  needReceipt: z.boolean().optional(),
  /** M15: absent = Normal. */
  priority: GroupMsgPriority.optional(),
});
export type GroupSendInput = z.infer<typeof GroupSendInput>;

/**
 * Client → server requests: each has an input schema and an output schema.
 * Inputs are strict objects: an unknown key (say, a `from` naming someone
 * else) is refused rather than silently dropped.
 */
export const requestSchemas = {
  /**
   * One-to-one (`to`) or group/topic (`groupConversationId`): exactly one of the two strict shapes, so a
   * group send that also names a `to` (or any unknown key) is refused. Narrow with `'to' in input`.
   */
  'message:send': {
    input: z.union([C2cSendInput, GroupSendInput]),
    output: z.object({ message: ServerMessage, duplicate: z.boolean() }),
  },
  /** M5: the sender within the server's recall window (default 2 minutes). */
  'message:recall': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId }),
    output: z.object({ message: ServerMessage }),
  },
  /** M14: own text messages only; the new body is text elements only. */
  'message:edit': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId, body: MsgBody }),
    output: z.object({ message: ServerMessage }),
  },
  /** M13: idempotent: adding twice or removing a reaction one has not made changes nothing. */
  'message:react': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId, emoji: ReactionEmoji, add: z.boolean() }),
    output: z.object({ message: ServerMessage }),
  },
  /** M10: delete for me (on all my devices); the other party keeps theirs. */
  'message:deleteForMe': {
    input: z.strictObject({ conversationId: ConversationId, messageIds: z.array(MessageId).min(1).max(100) }),
    output: z.object({ modSeq: Seq }),
  },
  /** M16: stored for admins to review. */
  'message:report': {
    input: z.strictObject({
      conversationId: ConversationId,
      messageId: MessageId,
      reason: z.enum(['spam', 'abuse', 'illegal', 'other']),
      note: z.string().max(500).optional(),
    }),
    output: z.object({ reportId: z.string() }),
  },
  /** M10: clear my history of the conversation (up to its current last seq). */
  'conversation:clear': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.object({ clearedSeq: Seq }),
  },
  /** M10: clear history and remove from my list until a new message arrives. */
  'conversation:delete': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.object({}),
  },
  /** M12: per-user settings, pushed to my other devices as `conversation:updated`. */
  'conversation:setSettings': {
    input: z.strictObject({ conversationId: ConversationId, pinned: z.boolean().optional(), recvOpt: RecvOpt.optional() }),
    output: z.object({ conversation: ServerConversation }),
  },
  /** Messages changed (recall, edit, reaction, deletion for me) after a modSeq, ascending by modSeq. */
  'sync:messagesModified': {
    input: z.strictObject({ conversationId: ConversationId, afterModSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  /** M2: after a tus upload completes: the server hashes, stores content-addressed, makes image variants. */
  'blob:finalize': {
    input: z.strictObject({ uploadId: z.string().min(1).max(128), kind: MediaKind }),
    output: z.object({ blob: BlobInfo }),
  },
  /**
   * M7: the server builds a combined-forward bundle from its own stored copies of
   * messages the caller can see (in the given order), stores and signs it, and
   * returns the relay element to send.
   */
  'relay:create': {
    input: z.strictObject({
      title: z.string().min(1).max(100),
      messages: z.array(z.strictObject({ conversationId: ConversationId, messageId: MessageId })).min(1).max(300),
    }),
    output: z.object({ elem: RelayElem }),
  },
  /** M7: a bundle the caller may see (it is carried by a message they can see). */
  'relay:get': {
    input: z.strictObject({ key: z.string().min(1).max(128) }),
    output: z.object({ bundle: SignedRelayBundle }),
  },
  'conversation:markRead': {
    input: z.strictObject({ conversationId: ConversationId, readSeq: Seq }),
    output: z.object({ readSeq: Seq }),
  },
  /** M9 is one-to-one only: a group conversation ID is refused by the schema. */
  'typing:set': {
    input: z.strictObject({ conversationId: C2cConversationId }),
    output: z.object({}),
  },
  'sync:conversations': {
    input: z.strictObject({}),
    output: z.object({ conversations: z.array(ServerConversation) }),
  },
  /** Messages after a sequence, ascending: catch-up and gap fill. */
  'sync:messagesAfter': {
    input: z.strictObject({ conversationId: ConversationId, afterSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  /** A page before a sequence, returned ascending: history paging. */
  'sync:messagesBefore': {
    input: z.strictObject({ conversationId: ConversationId, beforeSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  'users:get': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(100) }),
    output: z.object({ users: z.array(UserProfile) }),
  },
  /** A4: online/offline (any device online = online) and custom status text of people the asker may see. */
  'presence:get': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(500) }),
    output: z.object({ statuses: z.array(PresenceInfo) }),
  },
  /** A4: sets (or with '' clears) the asker's custom status text; pushed as `presence:changed` to subscribers and own devices. */
  'presence:setCustomStatus': {
    input: z.strictObject({ customStatus: CustomStatus }),
    output: z.object({ customStatus: CustomStatus }),
  },
  /** A5: the asker's connected devices, oldest first. */
  'devices:list': {
    input: z.strictObject({}),
    output: z.object({ devices: z.array(DeviceInfo) }),
  },
  /** A5: signs another of the asker's devices out: it gets `session:kicked` (signed_out_elsewhere) and may not reconnect. */
  'devices:signOut': {
    input: z.strictObject({ instanceId: z.string().min(1).max(64) }),
    output: z.object({}),
  },
  // ------------------------------------------------ profiles (P1–P3), issue 4 (shared/domain/contacts.ts)
  /** My whole profile (view 'self'). */
  'profile:getSelf': {
    input: z.strictObject({}),
    output: z.object({ profile: Profile }),
  },
  /**
   * P1/P2: change my profile. Byte limits and enums are checked by the schema; a custom key that is not configured
   * is refused with profile_unknown_field (40009), one app users may not write (and adminForbidType) with
   * profile_read_only (40008). Pushed as `profile:changed` to my other devices and to my friends.
   */
  'profile:setSelf': {
    input: ProfilePatch,
    output: z.object({ profile: Profile }),
  },
  /** P3: profiles as I may see them (self / friend / stranger view); unknown UserIDs are listed in notFound. */
  'profile:get': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(100) }),
    output: z.object({ profiles: z.array(Profile), notFound: z.array(UserId) }),
  },
  /** R1: the exact UserID first, then nickname-prefix matches among users whose profile says searchable (≤ 20). */
  'user:search': {
    input: z.strictObject({ keyword: z.string().trim().min(1).max(100) }),
    output: z.object({ profiles: z.array(Profile) }),
  },
  // ------------------------------------------------ friends (R2–R4, R6)
  /**
   * R2: honours the target's AllowType. AllowAny → `added` (Add_Type_Both, the default: both lists; Single: mine
   * only); NeedConfirm → `pending` (a FriendRequest; Tencent's 30539); DenyAny → friend_add_denied (30516).
   * Refusals: friend_self, peer_blocked_by_me (30515), blocked_by_peer_add (30525), friend_add_forbidden (30009),
   * friend_limit (30010), peer_friend_limit (30014), pending_limit (30012), already_friends, user_not_found.
   * If the target has a pending request to me, adding them accepts it (`added`, two-way).
   */
  'friend:add': {
    input: z.strictObject({
      userId: UserId,
      addSource: AddSource,
      addWording: AddWording.optional(),
      remark: Remark.optional(),
      /** A friend list to put them in (created if missing). */
      groupName: FriendListName.optional(),
      addType: AddType.optional(),
    }),
    output: z.discriminatedUnion('result', [
      z.object({ result: z.literal('added'), friend: Friend }),
      z.object({ result: z.literal('pending'), request: FriendRequest }),
    ]),
  },
  /** R2: answer an incoming request. Accept makes a two-way friendship (Response_Type_AgreeAndAdd); friend null on reject. */
  'friend:respond': {
    input: z.strictObject({
      userId: UserId,
      action: z.enum(['accept', 'reject']),
      remark: Remark.optional(),
      groupName: FriendListName.optional(),
    }),
    output: z.object({ friend: Friend.nullable() }),
  },
  /** Withdraw an outgoing request or dismiss an incoming one without answering. */
  'friend:deleteRequest': {
    input: z.strictObject({ userId: UserId, direction: FriendRequestDirection }),
    output: z.object({}),
  },
  /** Pending requests, both directions, newest first. */
  'friend:requests': {
    input: z.strictObject({}),
    output: z.object({ requests: z.array(FriendRequest) }),
  },
  /** R3: one-way (mine only) or two-way; per item not_friends (31704). */
  'friend:delete': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch), deleteType: DeleteType }),
    output: z.object({ results: z.array(BatchItemResult) }),
  },
  /** R4: remark, the lists the friend is in (replaces them; missing lists are created), custom friend fields. */
  'friend:update': {
    input: z.strictObject({
      userId: UserId,
      remark: Remark.optional(),
      groups: z.array(FriendListName).max(RELATION_LIMITS.maxFriendLists).optional(),
      custom: FriendCustomValues.optional(),
    }),
    output: z.object({ friend: Friend }),
  },
  /** My whole friend list (≤ 3,000), each with the friend's profile. */
  'friend:list': {
    input: z.strictObject({}),
    output: z.object({ friends: z.array(Friend) }),
  },
  /** R6: Single → NoRelation | AWithB; Both → BothWay | AWithB | BWithA | NoRelation (A = me, B = them). */
  'friend:check': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch), checkType: CheckType }),
    output: z.object({ results: z.array(z.object({ userId: UserId, relation: CheckRelation })) }),
  },
  // ------------------------------------------------ friend lists (R4)
  'friendList:get': {
    input: z.strictObject({}),
    output: z.object({ lists: z.array(FriendList) }),
  },
  /** friend_list_exists, friend_list_limit (30011); members must be my friends (else not_friends). */
  'friendList:create': {
    input: z.strictObject({ name: FriendListName, userIds: z.array(UserId).max(RELATION_LIMITS.maxFriends).optional() }),
    output: z.object({ list: FriendList }),
  },
  'friendList:rename': {
    input: z.strictObject({ name: FriendListName, newName: FriendListName }),
    output: z.object({ list: FriendList }),
  },
  /** Deleting a list keeps its members as friends. */
  'friendList:delete': {
    input: z.strictObject({ names: z.array(FriendListName).min(1).max(RELATION_LIMITS.maxFriendLists) }),
    output: z.object({}),
  },
  'friendList:addMembers': {
    input: z.strictObject({ name: FriendListName, userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxFriends) }),
    output: z.object({ list: FriendList }),
  },
  'friendList:removeMembers': {
    input: z.strictObject({ name: FriendListName, userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxFriends) }),
    output: z.object({ list: FriendList }),
  },
  // ------------------------------------------------ blocklist (R5)
  /** Blocking unfriends both ways and drops pending requests both ways; per item already_blocked, blocklist_limit, friend_self. */
  'block:add': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch) }),
    output: z.object({ results: z.array(BatchItemResult) }),
  },
  /** Per item not_blocked. */
  'block:remove': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch) }),
    output: z.object({ results: z.array(BatchItemResult) }),
  },
  /** Oldest first; nextStartIndex 0 = nothing more. */
  'block:list': {
    input: z.strictObject({ startIndex: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
    output: z.object({ entries: z.array(BlockEntry), nextStartIndex: z.number().int().min(0), total: z.number().int().min(0) }),
  },
  'block:check': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch), checkType: BlackCheckType }),
    output: z.object({ results: z.array(z.object({ userId: UserId, relation: BlackCheckRelation })) }),
  },
  // ------------------------------------------------ group messages (ADR 0004)
  /**
   * M6: who has / has not read one of my own receipt messages, paged (sender only; not in AVChatRoom).
   * `cursor` null for the first page; the reply's null when there is no more.
   */
  /**
   * One group or topic conversation as `sync:conversations` lists it (null: nothing in it is visible to me yet),
   * so a change to one conversation (ADR 0005: topic:messagesMoved) is caught up without the whole list.
   * Members only (`group_not_found`, `topic_not_found`, `group_not_member`).
   */
  'sync:groupConversation': {
    input: z.strictObject({ conversationId: GroupConversationId }),
    output: z.object({ conversation: GroupServerConversation.nullable() }),
  },
  'group:receiptMembers': {
    input: z.strictObject({
      conversationId: GroupConversationId,
      messageId: MessageId,
      which: ReceiptMembersWhich,
      cursor: z.string().max(128).nullable(),
    }),
    output: z.object({ userIds: z.array(UserId).max(GROUP_MESSAGE_LIMITS.receiptMembersPageSize), cursor: z.string().nullable() }),
  },
  /** Group system notifications (REST send_group_system_notification) after an id, ascending. */
  'sync:groupNotices': {
    input: z.strictObject({ afterId: z.number().int().min(0) }),
    output: z.object({ notices: z.array(GroupNotice).max(GROUP_MESSAGE_LIMITS.noticesPageSize), hasMore: z.boolean() }),
  },
  // Issue 5: groups and communities (shared/protocol/groups.ts).
  ...groupRequestSchemas,
  ...callRequestSchemas,
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<N extends RequestName> = z.infer<(typeof requestSchemas)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.infer<(typeof requestSchemas)[N]['output']>;

/** Server → client pushes, named in the past tense. */
export const pushSchemas = {
  'message:created': ServerMessage,
  /** A message changed (recall, edit, reaction; deletion for me goes to the deleter's devices only). */
  'message:updated': ServerMessage,
  /** Per-user conversation state changed on another device (settings, clear). */
  'conversation:updated': ServerConversation,
  'conversation:deleted': z.object({ conversationId: ConversationId }),
  'conversation:read': z.object({ conversationId: ConversationId, reader: UserId, readSeq: Seq }),
  'typing:changed': z.object({ conversationId: ConversationId, from: UserId }),
  /** A4: to subscribers (friends; conversation partners) and the user's own devices; customStatus always sent by this server. */
  'presence:changed': PresenceInfo,
  /** A5: the user's own device list changed (a device connected or left); `current` is the receiving device. */
  'devices:changed': z.object({ devices: z.array(DeviceInfo) }),
  /**
   * The session ended for good: do not reconnect with it. `reason` is the server's English text; `code` (always sent
   * by this server) says why, machine-readably; `byPlatform` names the device that pushed this one out (another_device)
   * or signed it out (signed_out_elsewhere).
   */
  'session:kicked': z.object({ reason: z.string(), code: KickReason.optional(), byPlatform: Platform.optional() }),
  // Issue 4 (contacts): each goes to every device of the user it concerns.
  /** A user's profile changed: to their own devices (view 'self') and to users who have them as a friend. */
  'profile:changed': z.object({ profile: Profile }),
  /** A friend entered my list (my add, their accept, an AllowAny add by them, an admin import). */
  'friend:added': z.object({ friend: Friend }),
  /** A friend's entry changed (remark, lists, custom fields, or their profile as I see it). */
  'friend:updated': z.object({ friend: Friend }),
  /** Friends left my list (my delete, their two-way delete, a block either way, an admin). */
  'friend:deleted': z.object({ userIds: z.array(UserId) }),
  /** A pending request appeared (incoming for the target's devices, outgoing for the requester's). */
  'friendRequest:added': z.object({ request: FriendRequest }),
  /** A pending request went away; `reason` says why (the requester learns of a reject this way). */
  'friendRequest:deleted': z.object({
    userId: UserId,
    direction: FriendRequestDirection,
    reason: z.enum(['accepted', 'rejected', 'withdrawn', 'dismissed', 'blocked']),
  }),
  /** My friend lists after any change to them (≤ 32: the whole set). */
  'friendList:changed': z.object({ lists: z.array(FriendList) }),
  /** My blocklist changed (only the blocker is told; the blocked user just sees `friend:deleted`). */
  'block:added': z.object({ entries: z.array(BlockEntry) }),
  'block:removed': z.object({ userIds: z.array(UserId) }),
  /** M6: the counts of one of my receipt messages changed (to the sender's devices). */
  'message:receipt': z.object({ conversationId: GroupConversationId, messageId: MessageId, ...GroupReceiptCounts.shape }),
  /** A group system notification for me (`sync:groupNotices` fetches what was missed). */
  'group:notice': z.object({ notice: GroupNotice }),
  // Issue 5: groups and communities (shared/protocol/groups.ts).
  ...groupPushSchemas,
  ...callPushSchemas,
} as const;

export type PushName = keyof typeof pushSchemas;
export type PushPayload<N extends PushName> = z.infer<(typeof pushSchemas)[N]>;
