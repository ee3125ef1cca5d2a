import { z } from 'zod';
import { UserId, utf8Length } from './ids';
import { ErrorShape } from '../errors';

/**
 * Profiles (P1–P3), friends (R2–R4, R6) and the blocklist (R5), with the enums,
 * key names and byte limits of Tencent's "User Profile and Relationship Chain"
 * (seed, and docs/tencent-rest-contract §3.12–3.14). Limits are in UTF-8 bytes.
 */

export const PROFILE_LIMITS = {
  nickBytes: 500,
  locationBytes: 16,
  selfSignatureBytes: 500,
  imageBytes: 500,
  /** Custom profile values (strings/bytes) ≤ 500 B. */
  customValueBytes: 500,
  /** Keyword of `Tag_Profile_Custom_<keyword>`: letters only, ≤ 8 B. */
  customKeywordBytes: 8,
  /** P2: at most 20 custom profile fields per app. */
  maxCustomFields: 20,
  /** profile:get / portrait_get: at most 100 accounts per call. */
  maxUsersPerGet: 100,
} as const;

export const RELATION_LIMITS = {
  maxFriends: 3000,
  /** R2: pending requests per user, in each direction (sent by them, waiting for them). */
  maxPendingRequests: 100,
  maxFriendLists: 32,
  friendListNameBytes: 30,
  remarkBytes: 96,
  addWordingBytes: 256,
  /** Keyword of `AddSource_Type_<keyword>`: letters only, ≤ 8 B. */
  addSourceKeywordBytes: 8,
  /** Custom friend values ≤ 500 B. */
  customValueBytes: 500,
  maxBlocked: 1000,
  /** Targets per batch request (friend delete/check, block add/remove/check), as Tencent's REST allows. */
  maxBatch: 1000,
} as const;

/** A string of at most `bytes` UTF-8 bytes. */
export function maxBytes(bytes: number) {
  return z.string().refine((value) => utf8Length(value) <= bytes, `At most ${bytes} bytes.`);
}

const uint32 = z.number().int().min(0).max(0xffff_ffff);

// ---------------------------------------------------------------- profile

export const Gender = z.enum(['Gender_Type_Unknown', 'Gender_Type_Female', 'Gender_Type_Male']);
export type Gender = z.infer<typeof Gender>;

/** Tag_Profile_IM_AllowType: how others may add this user as a friend. Default NeedConfirm (as Tencent). */
export const AllowType = z.enum(['AllowType_Type_NeedConfirm', 'AllowType_Type_AllowAny', 'AllowType_Type_DenyAny']);
export type AllowType = z.infer<typeof AllowType>;

/** Tag_Profile_IM_AdminForbidType: SendOut forbids the user to send friend requests (admin-set only). */
export const AdminForbidType = z.enum(['AdminForbid_Type_None', 'AdminForbid_Type_SendOut']);
export type AdminForbidType = z.infer<typeof AdminForbidType>;

/** Standard profile tags (Tencent spells the birthday tag `Tag_Profile_IM_BirthDay` in the REST docs). */
export const PROFILE_TAGS = {
  nick: 'Tag_Profile_IM_Nick',
  gender: 'Tag_Profile_IM_Gender',
  birthday: 'Tag_Profile_IM_BirthDay',
  location: 'Tag_Profile_IM_Location',
  selfSignature: 'Tag_Profile_IM_SelfSignature',
  allowType: 'Tag_Profile_IM_AllowType',
  language: 'Tag_Profile_IM_Language',
  image: 'Tag_Profile_IM_Image',
  msgSettings: 'Tag_Profile_IM_MsgSettings',
  adminForbidType: 'Tag_Profile_IM_AdminForbidType',
  level: 'Tag_Profile_IM_Level',
  role: 'Tag_Profile_IM_Role',
} as const;
export type StandardProfileField = keyof typeof PROFILE_TAGS;

/** `Tag_Profile_Custom_<letters, ≤ 8 B>`; which keys exist (and who may read/write them) is a server setting. */
export const ProfileCustomKey = z
  .string()
  .regex(/^Tag_Profile_Custom_[A-Za-z]{1,8}$/, 'A custom profile key is Tag_Profile_Custom_ and 1–8 letters.');
export type ProfileCustomKey = z.infer<typeof ProfileCustomKey>;

/** `Tag_SNS_Custom_<letters, ≤ 8 B>` (custom friend fields; configured on the server like profile ones). */
export const FriendCustomKey = z
  .string()
  .regex(/^Tag_SNS_Custom_[A-Za-z]{1,8}$/, 'A custom friend key is Tag_SNS_Custom_ and 1–8 letters.');
export type FriendCustomKey = z.infer<typeof FriendCustomKey>;

/** Who may read / write a custom field: app users (through the client) and/or the app admin (REST). */
export const FieldPermission = z.enum(['app', 'admin']);
export type FieldPermission = z.infer<typeof FieldPermission>;
export const CustomFieldConfig = z.object({
  key: z.union([ProfileCustomKey, FriendCustomKey]),
  read: z.array(FieldPermission),
  write: z.array(FieldPermission),
});
export type CustomFieldConfig = z.infer<typeof CustomFieldConfig>;

export const ProfileCustomValues = z.record(ProfileCustomKey, maxBytes(PROFILE_LIMITS.customValueBytes));
export const FriendCustomValues = z.record(FriendCustomKey, maxBytes(RELATION_LIMITS.customValueBytes));

/**
 * Who is looking at a profile. `self` sees everything; `friend` (the owner has
 * the viewer in their friend list) sees every standard field except the
 * owner's own settings (msgSettings, adminForbidType) plus the custom fields
 * app users may read; `stranger` sees only what identifies the person and how
 * to befriend them: nick, image, gender, selfSignature, allowType, level, role
 * (no birthday, location, language, no custom fields).
 */
export const ProfileView = z.enum(['self', 'friend', 'stranger']);
export type ProfileView = z.infer<typeof ProfileView>;

export const STRANGER_FIELDS = ['nick', 'image', 'gender', 'selfSignature', 'allowType', 'level', 'role'] as const;
export const FRIEND_FIELDS = [...STRANGER_FIELDS, 'birthday', 'location', 'language'] as const;

/** A profile as a viewer may see it; fields the view hides are absent. */
export const Profile = z.object({
  userId: UserId,
  view: ProfileView,
  nick: z.string(),
  /** Avatar URL ('' when none). */
  image: z.string(),
  gender: Gender,
  selfSignature: z.string(),
  allowType: AllowType,
  level: uint32,
  role: uint32,
  /** e.g. 20190419; 0 when not set. */
  birthday: uint32.optional(),
  location: z.string().optional(),
  language: uint32.optional(),
  /** Self only: bit 0 = do not receive messages (Tencent). */
  msgSettings: uint32.optional(),
  /** Self only (read-only for users; set by the admin over REST). */
  adminForbidType: AdminForbidType.optional(),
  /** Self only, beyond the seed (R1): others may find this user by a nickname prefix. Default false. */
  searchable: z.boolean().optional(),
  /** Custom fields the viewer may read (self and friends; none for strangers). */
  custom: z.record(z.string(), z.string()),
});
export type Profile = z.infer<typeof Profile>;

/**
 * What a user may change of their own profile. adminForbidType is listed so
 * that writing it gets a clear "no write permission" (40008) rather than a
 * generic malformed-request error; custom keys must be configured and
 * writable by app users.
 */
export const ProfilePatch = z.strictObject({
  nick: maxBytes(PROFILE_LIMITS.nickBytes).optional(),
  gender: Gender.optional(),
  birthday: uint32.optional(),
  location: maxBytes(PROFILE_LIMITS.locationBytes).optional(),
  selfSignature: maxBytes(PROFILE_LIMITS.selfSignatureBytes).optional(),
  allowType: AllowType.optional(),
  language: uint32.optional(),
  image: maxBytes(PROFILE_LIMITS.imageBytes).optional(),
  msgSettings: uint32.optional(),
  level: uint32.optional(),
  role: uint32.optional(),
  adminForbidType: AdminForbidType.optional(),
  searchable: z.boolean().optional(),
  custom: ProfileCustomValues.optional(),
});
export type ProfilePatch = z.infer<typeof ProfilePatch>;

// ---------------------------------------------------------------- friends

/** `AddSource_Type_<letters, ≤ 8 B>` (required on every add, as Tencent). */
export const AddSource = z
  .string()
  .regex(/^AddSource_Type_[A-Za-z]{1,8}$/, 'A source is AddSource_Type_ and 1–8 letters.');
export type AddSource = z.infer<typeof AddSource>;

export const FriendListName = z
  .string()
  .min(1, 'A list name cannot be empty.')
  .refine((value) => utf8Length(value) <= RELATION_LIMITS.friendListNameBytes, 'A list name is at most 30 bytes.');
export const Remark = maxBytes(RELATION_LIMITS.remarkBytes);
export const AddWording = maxBytes(RELATION_LIMITS.addWordingBytes);

/** Add_Type_Both (default: both lists get the friend) or Add_Type_Single (only the requester's list). */
export const AddType = z.enum(['Add_Type_Both', 'Add_Type_Single']);
export type AddType = z.infer<typeof AddType>;
export const DeleteType = z.enum(['Delete_Type_Single', 'Delete_Type_Both']);
export type DeleteType = z.infer<typeof DeleteType>;

/** An entry of the owner's friend list (Tencent's standard + custom friend fields). */
export const Friend = z.object({
  userId: UserId,
  /** Tag_SNS_IM_Remark, ≤ 96 B ('' when none). */
  remark: z.string(),
  /** Tag_SNS_IM_Group: the friend lists this friend is in (≤ 32, each ≤ 30 B). */
  groups: z.array(z.string()),
  addSource: z.string(),
  addWording: z.string(),
  /** Unix milliseconds (REST reports Tag_SNS_IM_AddTime in seconds). */
  addTime: z.number().int(),
  custom: z.record(z.string(), z.string()),
  /** The friend's profile as the owner may see it. */
  profile: Profile,
});
export type Friend = z.infer<typeof Friend>;

/** A pending friend request (Tencent's pendency): incoming = waiting for me, outgoing = sent by me. */
export const FriendRequestDirection = z.enum(['incoming', 'outgoing']);
export type FriendRequestDirection = z.infer<typeof FriendRequestDirection>;
export const FriendRequest = z.object({
  /** The other party. */
  userId: UserId,
  direction: FriendRequestDirection,
  addSource: z.string(),
  addWording: z.string(),
  /** Unix milliseconds. */
  time: z.number().int(),
  /** The other party's profile as I may see it. */
  profile: Profile,
});
export type FriendRequest = z.infer<typeof FriendRequest>;

/** A named friend list (Tencent's friend group, Tag_SNS_IM_Group); a friend may be in several. */
export const FriendList = z.object({ name: z.string(), members: z.array(UserId) });
export type FriendList = z.infer<typeof FriendList>;

export const CheckType = z.enum(['CheckResult_Type_Single', 'CheckResult_Type_Both']);
export type CheckType = z.infer<typeof CheckType>;
/** Single: NoRelation | AWithB. Both: BothWay | AWithB | BWithA | NoRelation (A = the caller, B = the target). */
export const CheckRelation = z.enum([
  'CheckResult_Type_NoRelation',
  'CheckResult_Type_AWithB',
  'CheckResult_Type_BWithA',
  'CheckResult_Type_BothWay',
]);
export type CheckRelation = z.infer<typeof CheckRelation>;

// ---------------------------------------------------------------- blocklist

export const BlackCheckType = z.enum(['BlackCheckResult_Type_Single', 'BlackCheckResult_Type_Both']);
export type BlackCheckType = z.infer<typeof BlackCheckType>;
export const BlackCheckRelation = z.enum([
  'BlackCheckResult_Type_NO',
  'BlackCheckResult_Type_AWithB',
  'BlackCheckResult_Type_BWithA',
  'BlackCheckResult_Type_BothWay',
]);
export type BlackCheckRelation = z.infer<typeof BlackCheckRelation>;

export const BlockEntry = z.object({
  userId: UserId,
  /** Unix milliseconds (REST reports AddBlackTimeStamp in seconds). */
  time: z.number().int(),
  profile: Profile,
});
export type BlockEntry = z.infer<typeof BlockEntry>;

/** One result of a batch operation (friend delete, block add/remove): null error = done. */
export const BatchItemResult = z.object({
  userId: UserId,
  error: ErrorShape.nullable(),
});
export type BatchItemResult = z.infer<typeof BatchItemResult>;

/** The server's one-to-one send permission (seed table): any two users, or friends (both ways) only. */
export const C2cPermission = z.enum(['any', 'friends']);
export type C2cPermission = z.infer<typeof C2cPermission>;
