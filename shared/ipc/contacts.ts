import { z } from 'zod';
import {
  AddSource,
  AddWording,
  BatchItemResult,
  BlackCheckRelation,
  BlackCheckType,
  BlockEntry,
  CheckRelation,
  CheckType,
  Friend,
  FriendList,
  FriendListName,
  FriendRequest,
  FriendRequestDirection,
  PresenceStatus,
  Profile,
  ProfilePatch,
  RELATION_LIMITS,
  Remark,
  UserId,
} from '../domain';
import { CustomStatus, DeviceInfo } from '../protocol/payloads';

/** Re-exported for the renderer: a device as the server describes it (A5), a custom status text (A4). */
export { CustomStatus, DeviceInfo };

/**
 * The renderer ↔ core contract for contacts, profiles, presence and devices (issue 4:
 * P1–P3, R1–R6, A4, A5). Spread into `requestSchemas` / `eventSchemas` in contract.ts;
 * the channel names are in channels.ts. Everything here is served from the core's local
 * store (works offline) except what must ask the server (search, check, add…), which
 * answers `offline` while disconnected.
 */

/** A friend as the contacts screen shows it: the friend entry plus presence (null = unknown: offline device or not yet asked). */
export const Contact = Friend.extend({
  presence: PresenceStatus.nullable(),
  /** A4: the friend's custom status text ('' when none or unknown). */
  customStatus: z.string(),
});
export type Contact = z.infer<typeof Contact>;

/**
 * A profile card (P3): the person as I may see them, and how they relate to me.
 * `profile.view` says what the server let me see (a stranger sees fewer fields).
 */
export const ProfileCard = z.object({
  profile: Profile,
  /** My friend entry for them (remark, lists), or null if they are not in my friend list. */
  friend: Friend.nullable(),
  /** I have blocked them (R5). */
  blocked: z.boolean(),
  /** A pending friend request between us: incoming = they asked me, outgoing = I asked them. */
  request: FriendRequestDirection.nullable(),
  presence: PresenceStatus.nullable(),
  customStatus: z.string(),
});
export type ProfileCard = z.infer<typeof ProfileCard>;

const UserIds = z.array(UserId).min(1).max(RELATION_LIMITS.maxBatch);

export const contactsRequestSchemas = {
  /** P1: my own profile (every field, view 'self'); from the local store, refreshed on connect. */
  'profile:get': { input: z.object({}), output: Profile },
  /**
   * P1/P2: change my own profile. Refused with the field's error (profile_value_too_long,
   * profile_read_only for adminForbidType or an admin-only custom key, profile_unknown_field…).
   * Online only. Pushed to my friends and my other devices.
   */
  'profile:update': { input: ProfilePatch, output: Profile },
  /**
   * P1: a staged image (files:stageBegin/stageChunk, already cropped by the renderer) becomes
   * my avatar: uploaded like an image message, then `image` is set to its blob URL. Online only.
   */
  'profile:setAvatar': { input: z.object({ stageId: z.string() }), output: Profile },
  /**
   * P3: a profile card. Online: fresh from the server (and cached); offline: the cached
   * copy, or `offline` for someone never seen. Null: no such user.
   */
  'profiles:card': { input: z.object({ userId: UserId }), output: ProfileCard.nullable() },
  /** R1: find by exact UserID (beyond the seed also by nickname prefix, among people who allow it). Online only. */
  'users:search': {
    input: z.object({ query: z.string().trim().min(1).max(64) }),
    output: z.object({ results: z.array(ProfileCard) }),
  },
  /** My friends with presence, and my friend lists; from the local store (opens offline). */
  'contacts:list': {
    input: z.object({}),
    output: z.object({ friends: z.array(Contact), lists: z.array(FriendList) }),
  },
  /**
   * R2: add a friend. The target's AllowType decides: AllowAny → `added`; NeedConfirm → a
   * pending request (`requested`); DenyAny → refused with `friend_add_denied`. Online only.
   */
  'friends:add': {
    input: z.object({
      userId: UserId,
      wording: AddWording.optional(),
      /** Default AddSource_Type_Search. */
      source: AddSource.optional(),
      remark: Remark.optional(),
      /** A friend list to put them in (created if missing). */
      list: FriendListName.optional(),
    }),
    output: z.object({ outcome: z.enum(['added', 'requested']) }),
  },
  /** R3: one-way (`single`: only from my list) or two-way (`both`) deletion; per-person results. */
  'friends:delete': {
    input: z.object({ userIds: UserIds, mode: z.enum(['single', 'both']) }),
    output: z.object({ results: z.array(BatchItemResult) }),
  },
  /** R4: remark and/or the full set of lists a friend is in. */
  'friends:update': {
    input: z.object({ userId: UserId, remark: Remark.optional(), lists: z.array(FriendListName).max(RELATION_LIMITS.maxFriendLists).optional() }),
    output: Contact,
  },
  /** R6: CheckResult_Type_Single / _Both with the seed's result types. Online only. */
  'friends:check': {
    input: z.object({ userIds: UserIds, type: CheckType }),
    output: z.object({ results: z.array(z.object({ userId: UserId, relation: CheckRelation })) }),
  },
  /** R2: the "New friends" inbox (incoming and outgoing pending requests), newest first; `unreadCount` is the badge. */
  'friendRequests:list': {
    input: z.object({}),
    output: z.object({ requests: z.array(FriendRequest), unreadCount: z.number().int().min(0) }),
  },
  /** The person has seen the inbox: the badge goes to 0 (kept on this device). */
  'friendRequests:markRead': { input: z.object({}), output: z.object({}) },
  /** R2: accept an incoming request (a two-way friendship), optionally with a remark and a list. */
  'friendRequests:accept': {
    input: z.object({ userId: UserId, remark: Remark.optional(), list: FriendListName.optional() }),
    output: z.object({}),
  },
  'friendRequests:reject': { input: z.object({ userId: UserId }), output: z.object({}) },
  /** Withdraw my outgoing request, or dismiss an incoming one without answering. */
  'friendRequests:delete': { input: z.object({ userId: UserId, direction: FriendRequestDirection }), output: z.object({}) },
  /** R4: friend lists (≤ 32, names ≤ 30 B; a friend may be in several). */
  'friendLists:create': {
    input: z.object({ name: FriendListName, userIds: z.array(UserId).max(RELATION_LIMITS.maxFriends).optional() }),
    output: FriendList,
  },
  'friendLists:rename': { input: z.object({ name: FriendListName, newName: FriendListName }), output: FriendList },
  'friendLists:delete': { input: z.object({ name: FriendListName }), output: z.object({}) },
  'friendLists:addMembers': { input: z.object({ name: FriendListName, userIds: UserIds }), output: FriendList },
  'friendLists:removeMembers': { input: z.object({ name: FriendListName, userIds: UserIds }), output: FriendList },
  /** R5: the people I blocked, newest first (≤ 1,000; from the local store). */
  'blocklist:list': { input: z.object({}), output: z.object({ entries: z.array(BlockEntry) }) },
  /** R5: blocking also unfriends both ways. */
  'blocklist:add': { input: z.object({ userIds: UserIds }), output: z.object({ results: z.array(BatchItemResult) }) },
  'blocklist:remove': { input: z.object({ userIds: UserIds }), output: z.object({ results: z.array(BatchItemResult) }) },
  /** R5: BlackCheckResult_Type_Single / _Both. Online only. */
  'blocklist:check': {
    input: z.object({ userIds: UserIds, type: BlackCheckType }),
    output: z.object({ results: z.array(z.object({ userId: UserId, relation: BlackCheckRelation })) }),
  },
  /** A4: my custom status text as last set ('' = none). */
  'presence:getStatus': { input: z.object({}), output: z.object({ customStatus: z.string() }) },
  /** A4: set ('' clears) my custom status text; pushed to my subscribers. Online only. */
  'presence:setStatus': { input: z.object({ customStatus: CustomStatus }), output: z.object({ customStatus: z.string() }) },
  /**
   * A5: my connected devices, oldest first, this one `current` (shared/protocol DeviceInfo). Online only;
   * offline answers the last list seen.
   */
  'devices:list': { input: z.object({}), output: z.object({ devices: z.array(DeviceInfo) }) },
  /** A5: signs another device out (it is told `signed_out_elsewhere` and stops reconnecting). Online only. */
  'devices:signOut': { input: z.object({ instanceId: z.string().min(1).max(64) }), output: z.object({}) },
} as const;

export const contactsEventSchemas = {
  /**
   * Friends added or changed (remark, lists, profile, presence, custom status) and removed,
   * and the friend lists when they changed (null = unchanged). Apply as a delta.
   */
  'contacts:changed': z.object({
    friends: z.array(Contact),
    removed: z.array(UserId),
    lists: z.array(FriendList).nullable(),
  }),
  /** The whole inbox again (at most 200 pending requests) with the badge count. */
  'friendRequests:changed': z.object({ requests: z.array(FriendRequest), unreadCount: z.number().int().min(0) }),
  /** The whole blocklist again. */
  'blocklist:changed': z.object({ entries: z.array(BlockEntry) }),
  /** A profile changed: mine (view 'self', from any of my devices) or someone else's I may see. */
  'profile:changed': z.object({ profile: Profile }),
  /** My signed-in instances changed (another device signed in or out). */
  'devices:changed': z.object({ devices: z.array(DeviceInfo) }),
  /** A4: my own custom status changed (set here, on another device, or learnt at connect). */
  'presence:statusChanged': z.object({ customStatus: z.string() }),
} as const;
