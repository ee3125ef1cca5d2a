import {
  type ApplyJoinOption,
  type GroupApplication,
  type GroupMsgFlag,
  type GroupRole,
  type GroupType,
  type TopicInfo,
} from '../../../shared/domain';

/**
 * Issue 5: what the groups feature stores. Times are Unix seconds. The
 * repository keeps no rules: who may do what is decided by the service
 * (shared/domain/groupPermissions.ts) before it calls here.
 */

export interface GroupRecord {
  groupId: string;
  type: GroupType;
  name: string;
  introduction: string;
  notification: string;
  faceUrl: string;
  /** '' when ownerless (a Work group whose owner left, or created by the app admin without one). */
  owner: string;
  createTime: number;
  infoSeq: number;
  lastInfoTime: number;
  lastMsgTime: number;
  nextMsgSeq: number;
  applyJoinOption: ApplyJoinOption;
  muteAll: boolean;
  defaultPermissions: number;
  active: boolean;
  /** Per-group cap set by the app admin; null = the server's quota for the type. */
  maxMemberNum: number | null;
  memberNum: number;
  /** Every stored custom value; the service filters by read level. */
  custom: Record<string, string>;
}

export type NewGroup = Omit<GroupRecord, 'infoSeq' | 'lastInfoTime' | 'lastMsgTime' | 'nextMsgSeq' | 'memberNum'>;

/** Fields to change; custom values are merged key by key ('' removes the key). Bumps infoSeq. */
export type GroupChanges = Partial<
  Pick<GroupRecord, 'name' | 'introduction' | 'notification' | 'faceUrl' | 'owner' | 'applyJoinOption' | 'muteAll' | 'defaultPermissions' | 'maxMemberNum'>
> & { custom?: Record<string, string> };

export interface MemberRecord {
  groupId: string;
  userId: string;
  role: GroupRole;
  joinTime: number;
  nameCard: string;
  msgFlag: GroupMsgFlag;
  /** 0 when not muted (or the mute has ended: compare with now). */
  mutedUntil: number;
  custom: Record<string, string>;
  permissionGroupIds: string[];
}

export interface NewMember {
  userId: string;
  role: GroupRole;
  joinTime: number;
  msgFlag: GroupMsgFlag;
  /** Member custom values written with the membership (creation with initial values). */
  custom?: Record<string, string>;
}

export type MemberChanges = { role?: GroupRole; nameCard?: string; msgFlag?: GroupMsgFlag; custom?: Record<string, string> };

export interface MemberPageQuery {
  /** Members after this position (exclusive), as returned by the previous page. */
  after: string | null;
  /** Members skipped first (REST Offset / Next paging); 0 when absent. */
  offset?: number;
  limit: number;
  roles: readonly GroupRole[] | null;
}

export type TopicRecord = TopicInfo;
export type TopicChanges = Partial<
  Pick<
    TopicInfo,
    'name' | 'introduction' | 'notification' | 'faceUrl' | 'customString' | 'category' | 'muteAll' | 'defaultPermissions' | 'resolvedAt' | 'resolvedBy'
  >
>;

export interface PermissionGroupRecord {
  permissionGroupId: string;
  groupId: string;
  name: string;
  permissions: number;
  customString: string;
  memberNum: number;
  createTime: number;
  topicOverrides: Record<string, number>;
}

/**
 * Who sets a group's FaceUrl: it is published (public_images, kind 'group') when it is one of our blobs this
 * user uploaded; the app admin may publish any blob stored here.
 */
export type ImagePublisher = { userId: string } | { appAdmin: true };

export interface GroupsRepository {
  /**
   * False when the ID is taken (nothing is written then). Members and custom values go in with the group,
   * atomically; so does the avatar's publication (by `publisher`; without one nothing is published).
   */
  create(group: NewGroup, members: readonly NewMember[], publisher?: ImagePublisher): Promise<boolean>;
  /** Groups that exist (not disbanded). */
  count(): Promise<number>;
  get(groupId: string): Promise<GroupRecord | null>;
  getMany(groupIds: readonly string[]): Promise<GroupRecord[]>;
  /** A changed faceUrl replaces the published avatar: published by `publisher`, else only withdrawn. */
  update(groupId: string, changes: GroupChanges, now: number, publisher?: ImagePublisher): Promise<GroupRecord | null>;
  /** Work: the first message makes the group visible to its members. */
  activate(groupId: string): Promise<boolean>;
  /** Removes the group with everything it holds (its avatar is no longer public). */
  remove(groupId: string): Promise<boolean>;
  /** Exact ID among `types`, then (when `nameTypes` is non-empty) names containing `keyword`, case-insensitive. */
  search(keyword: string, idTypes: readonly GroupType[], nameTypes: readonly GroupType[], limit: number): Promise<GroupRecord[]>;

  member(groupId: string, userId: string): Promise<MemberRecord | null>;
  members(groupId: string, userIds: readonly string[]): Promise<MemberRecord[]>;
  /** Owner, admins, members; each by join time then UserID. `next` null when there is no more. */
  memberPage(groupId: string, query: MemberPageQuery): Promise<{ members: MemberRecord[]; next: string | null; total: number }>;
  memberIds(groupId: string): Promise<string[]>;
  /** Adds those not yet members; returns the UserIDs added. */
  addMembers(groupId: string, members: readonly NewMember[]): Promise<string[]>;
  /** Removes memberships (their custom values and permission-group places too; mutes stay). Returns those removed. */
  removeMembers(groupId: string, userIds: readonly string[]): Promise<string[]>;
  updateMember(groupId: string, userId: string, changes: MemberChanges): Promise<MemberRecord | null>;
  /** 0 unmutes. Kept whether or not they are members. */
  setMutedUntil(groupId: string, userIds: readonly string[], mutedUntil: number): Promise<void>;
  /** Members muted beyond `now`. */
  mutedMembers(groupId: string, now: number): Promise<Array<{ userId: string; mutedUntil: number }>>;
  /** The user's memberships with their groups. */
  joined(userId: string): Promise<Array<{ group: GroupRecord; member: MemberRecord }>>;
  joinedCount(userId: string): Promise<number>;

  putApplication(application: GroupApplication): Promise<void>;
  application(groupId: string, applicant: string): Promise<GroupApplication | null>;
  /** Oldest first. */
  applications(groupIds: readonly string[]): Promise<GroupApplication[]>;
  countApplications(groupId: string): Promise<number>;
  deleteApplication(groupId: string, applicant: string): Promise<boolean>;

  createTopic(topic: TopicRecord): Promise<boolean>;
  topic(topicId: string): Promise<TopicRecord | null>;
  topics(groupId: string): Promise<TopicRecord[]>;
  countTopics(groupId: string): Promise<number>;
  updateTopic(topicId: string, changes: TopicChanges): Promise<TopicRecord | null>;
  removeTopics(topicIds: readonly string[]): Promise<void>;

  createPermissionGroup(group: Omit<PermissionGroupRecord, 'memberNum' | 'topicOverrides'>): Promise<boolean>;
  permissionGroups(groupId: string): Promise<PermissionGroupRecord[]>;
  updatePermissionGroup(
    groupId: string,
    permissionGroupId: string,
    changes: Partial<Pick<PermissionGroupRecord, 'name' | 'permissions' | 'customString'>>,
  ): Promise<boolean>;
  removePermissionGroups(groupId: string, permissionGroupIds: readonly string[]): Promise<void>;
  permissionGroupMembers(groupId: string, permissionGroupId: string): Promise<string[]>;
  /** Only members of the community are added. */
  addPermissionGroupMembers(groupId: string, permissionGroupId: string, userIds: readonly string[]): Promise<void>;
  removePermissionGroupMembers(groupId: string, permissionGroupId: string, userIds: readonly string[]): Promise<void>;
  /** null removes the override. */
  setTopicOverride(topicId: string, groupId: string, permissionGroupId: string, permissions: number | null): Promise<void>;

  /** A deleted account leaves no membership, application, mute or permission-group place behind; groups it owned become ownerless. */
  purge(userId: string): Promise<void>;
}
