import { AppError } from '../../../../shared/errors';
import {
  ASSIGNED_GROUP_ID_PREFIX,
  COMMUNITY_ID_PREFIX,
  DEFAULT_COMMUNITY_MEMBER_BITS,
  GROUP_LIMITS,
  GROUP_TYPES,
  GROUP_TYPE_TRAITS,
  type ApplyJoinOption,
  type GroupInfo,
  type GroupRole,
  type GroupType,
  checkGroupAction,
  checkMemberAction,
  customGroupIdProblem,
} from '../../../../shared/domain';
import { type GroupSelf } from '../../../../shared/protocol';
import { type GroupChanges, type GroupRecord, type NewMember } from '../../store/groupTypes';
import { APP_ADMIN, type GroupAccess, type GroupIdentity, decide, randomIdPart, userIdOf } from './groupAccess';

/** An initial member: a UserID, or (app admin, REST MemberList) with a role and member custom values set with the group. */
export type InitialMember = string | { userId: string; role?: 'Admin' | 'Member'; custom?: Record<string, string> };

export interface CreateGroupInput {
  type: GroupType;
  name: string;
  groupId?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
  applyJoinOption?: ApplyJoinOption;
  members?: readonly InitialMember[];
  custom?: Record<string, string>;
  /** App admin only: the owner (REST Owner_Account); without one the group is ownerless. */
  owner?: string;
  /** App admin only (REST MaxMemberCount): below the server's quota for the type. */
  maxMemberNum?: number;
}

/** S1 import_group: no initial members (import_group_member adds them); the original creation time, now when absent. */
export type ImportGroupInput = Omit<CreateGroupInput, 'members'> & { createTime?: number };

export interface GroupUpdate {
  name?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
  applyJoinOption?: ApplyJoinOption;
  muteAll?: boolean;
  defaultPermissions?: number;
  custom?: Record<string, string>;
  /** App admin only (REST MaxMemberNum). */
  maxMemberNum?: number;
}

const NAME_SEARCH_TYPES: readonly GroupType[] = ['Public', 'Meeting', 'Community'];

/** G1–G3, G6, G8: a group's life (create, read, search, change, owner, disband, Work activation). */
export class GroupsService {
  constructor(private readonly access: GroupAccess) {}

  private get repo() {
    return this.access.repo;
  }

  private async assertJoinRoom(userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      if ((await this.repo.joinedCount(userId)) >= this.access.deps.settings.quotas.maxJoinedPerUser) {
        throw new AppError('group_join_limit', `${userId} is already in as many groups as allowed.`);
      }
    }
  }

  /** G2: the creator (or REST's Owner_Account) becomes the owner; Work starts inactive (seen by its owner only). */
  async create(identity: GroupIdentity, input: CreateGroupInput): Promise<GroupInfo> {
    const groupId = await this.insert(identity, input, null);
    await this.access.pushGroupChanged(groupId);
    const created = await this.repo.get(groupId);
    if (created) await this.access.tip(created, 'created', identity, []);
    return this.infoFor(groupId, identity);
  }

  /**
   * S1 import_group (app admin): a group from another system keeps its creation time (the owner joined then)
   * and is visible to its members at once (its history happened elsewhere). As Tencent documents for imports,
   * nobody is notified. AVChatRoom cannot be imported (create it instead).
   */
  async importGroup(input: ImportGroupInput): Promise<GroupInfo> {
    if (input.type === 'AVChatRoom') throw new AppError('group_unsupported', 'An AVChatRoom cannot be imported; create it instead.');
    const now = this.access.nowSeconds();
    const createTime = input.createTime ?? now;
    if (createTime > now) throw new AppError('group_invalid_request', 'CreateTime is in the future.');
    const groupId = await this.insert(APP_ADMIN, input, createTime);
    return this.infoFor(groupId, APP_ADMIN);
  }

  private async infoFor(groupId: string, identity: GroupIdentity): Promise<GroupInfo> {
    const group = await this.repo.get(groupId);
    if (!group) throw new AppError('internal');
    return this.access.info(group, userIdOf(identity) === null ? 'AppAdmin' : 'Owner');
  }

  /**
   * Decides everything first (IDs, custom values, initial roles and member values, accounts, quotas), then
   * writes the group with its members in one step, so a refusal leaves no group behind. `importedAt`: the
   * creation time of an imported group (active at once), null for a new one.
   */
  private async insert(identity: GroupIdentity, input: CreateGroupInput, importedAt: number | null): Promise<string> {
    const caller = userIdOf(identity);
    if (caller !== null && (input.owner !== undefined || input.maxMemberNum !== undefined)) throw new AppError('group_forbidden');
    const actor = caller === null ? 'AppAdmin' : 'Owner';
    const owner = caller ?? input.owner ?? '';
    const { type } = input;
    const traits = GROUP_TYPE_TRAITS[type];
    const quotas = this.access.deps.settings.quotas;
    const entries = new Map<string, { role?: 'Admin' | 'Member'; custom?: Record<string, string> }>();
    for (const entry of input.members ?? []) {
      const { userId, ...rest } = typeof entry === 'string' ? { userId: entry } : entry;
      entries.set(userId, { ...entries.get(userId), ...rest });
    }
    const initial = [...entries.keys()].filter((id) => id !== owner);
    if (type === 'AVChatRoom' && initial.length > 0) throw new AppError('group_unsupported', 'An AVChatRoom cannot be created with members; they join by themselves.');
    if (input.groupId !== undefined) {
      const problem = customGroupIdProblem(input.groupId, type);
      if (problem) throw new AppError('group_id_invalid', `That group ID is not allowed (${problem.replace('_', ' ')}).`);
    }
    this.access.checkCustomWrite(input.custom, this.access.deps.settings.groupFields, actor);
    const roleOf = (userId: string): GroupRole => (userId === owner ? 'Owner' : (entries.get(userId)?.role ?? 'Member'));
    for (const [userId, entry] of entries) {
      // Initial admins and member values are what setRole / setMemberInfo would decide right after creation.
      if (entry.role === 'Admin' && userId !== owner) decide(checkMemberAction(type, actor, 'setAdmin', 'Member'));
      if (entry.custom === undefined) continue;
      this.access.checkCustomWrite(entry.custom, this.access.deps.settings.memberFields, actor);
      if (userId !== caller) decide(checkMemberAction(type, actor, 'setNameCardOfOther', roleOf(userId)));
    }
    const everyone = owner ? [owner, ...initial] : initial;
    const known = new Set((await this.access.deps.store.accounts.getMany(everyone)).map((a) => a.userId));
    const unknown = everyone.find((id) => !known.has(id));
    if (unknown !== undefined) throw new AppError('user_not_found', `${unknown} does not exist.`);
    if (quotas.maxGroups !== null && (await this.repo.count()) >= quotas.maxGroups) throw new AppError('group_count_limit');
    const cap = input.maxMemberNum ?? quotas.maxMembers[type];
    if (cap !== null && everyone.length > cap) throw new AppError('group_full');
    await this.assertJoinRoom(everyone);

    const createTime = importedAt ?? this.access.nowSeconds();
    const nonEmpty = (values: Record<string, string> | undefined) => Object.fromEntries(Object.entries(values ?? {}).filter(([, v]) => v !== ''));
    const members: NewMember[] = everyone.map((userId) => ({
      userId,
      role: roleOf(userId),
      joinTime: createTime,
      msgFlag: traits.defaultMsgFlag,
      custom: nonEmpty(entries.get(userId)?.custom),
    }));
    const record = {
      type,
      name: input.name,
      introduction: input.introduction ?? '',
      notification: input.notification ?? '',
      faceUrl: input.faceUrl ?? '',
      owner,
      createTime,
      applyJoinOption: input.applyJoinOption ?? traits.defaultApplyJoinOption,
      muteAll: false,
      defaultPermissions: type === 'Community' ? DEFAULT_COMMUNITY_MEMBER_BITS : 0,
      active: importedAt !== null || !traits.needsActivation,
      maxMemberNum: input.maxMemberNum ?? null,
      custom: nonEmpty(input.custom),
    } as const;
    let groupId = input.groupId;
    if (groupId !== undefined) {
      if (!(await this.repo.create({ ...record, groupId }, members, identity))) throw new AppError('group_id_taken');
    } else {
      const prefix = type === 'Community' ? `${COMMUNITY_ID_PREFIX}${ASSIGNED_GROUP_ID_PREFIX}` : ASSIGNED_GROUP_ID_PREFIX;
      do groupId = `${prefix}${randomIdPart()}`;
      while (!(await this.repo.create({ ...record, groupId }, members, identity)));
    }
    return groupId;
  }

  /** Groups as the caller may read them; Work groups only for their members, inactive ones only for the owner. */
  async get(identity: GroupIdentity, groupIds: readonly string[]): Promise<{ groups: GroupInfo[]; notFound: string[] }> {
    const records = new Map((await this.repo.getMany(groupIds)).map((g) => [g.groupId, g]));
    const groups: GroupInfo[] = [];
    const notFound: string[] = [];
    for (const groupId of new Set(groupIds)) {
      const record = records.get(groupId);
      const acting = record && this.access.visibleTo(record, identity) ? await this.access.acting(record, identity) : null;
      if (!acting || (acting.group.type === 'Work' && acting.actor === 'NonMember')) notFound.push(groupId);
      else groups.push(this.access.info(acting.group, acting.actor));
    }
    return { groups, notFound };
  }

  async joined(userId: string): Promise<Array<{ group: GroupInfo; self: GroupSelf }>> {
    return (await this.repo.joined(userId))
      .filter(({ group }) => this.access.visibleTo(group, { userId }))
      .map(({ group, member }) => ({
        group: this.access.info(group, member.role),
        self: {
          role: member.role,
          joinTime: member.joinTime,
          nameCard: member.nameCard,
          mutedUntil: member.mutedUntil > this.access.nowSeconds() ? member.mutedUntil : 0,
          msgFlag: member.msgFlag,
          permissionGroupIds: member.permissionGroupIds,
        },
      }));
  }

  /** G8: exact ID for every type that is searchable by ID; beyond the seed, names of Public, Meeting and Community groups. */
  async search(identity: GroupIdentity, keyword: string, types: readonly GroupType[] = GROUP_TYPES): Promise<GroupInfo[]> {
    const idTypes = types.filter((t) => GROUP_TYPE_TRAITS[t].searchableById);
    const nameTypes = types.filter((t) => NAME_SEARCH_TYPES.includes(t));
    const found = await this.repo.search(keyword, idTypes, nameTypes, GROUP_LIMITS.searchPageSize);
    const out: GroupInfo[] = [];
    for (const group of found) {
      const acting = await this.access.acting(group, identity);
      out.push(this.access.info(group, acting.actor));
    }
    return out;
  }

  /** G3: basic info, other info, mute-all and each custom key are decided separately. */
  async update(identity: GroupIdentity, groupId: string, changes: GroupUpdate): Promise<GroupInfo> {
    const acting = await this.access.load(groupId, identity);
    const { group, actor } = acting;
    const community = { bits: acting.bits };
    const basic = ['name', 'introduction', 'notification', 'faceUrl'] as const;
    if (basic.some((k) => changes[k] !== undefined)) decide(checkGroupAction(group.type, actor, 'modifyBasicInfo', community));
    if (changes.applyJoinOption !== undefined || changes.custom !== undefined || changes.maxMemberNum !== undefined) {
      decide(checkGroupAction(group.type, actor, 'modifyOtherInfo', community));
    }
    if (changes.muteAll !== undefined) decide(checkGroupAction(group.type, actor, 'muteAll', community));
    if (changes.defaultPermissions !== undefined) {
      if (group.type !== 'Community') throw new AppError('group_invalid_request', 'Only communities have default permissions.');
      // Changing what every member holds is managing permissions (ManagePermissionGroupInfo), not the profile.
      decide(checkGroupAction(group.type, actor, 'managePermissionGroups', community));
    }
    if (changes.maxMemberNum !== undefined && actor !== 'AppAdmin') throw new AppError('group_forbidden');
    this.access.checkCustomWrite(changes.custom, this.access.deps.settings.groupFields, actor);
    const patch: GroupChanges = { ...changes };
    // The avatar is published by whoever sets it (G3 P1: public only if they uploaded it).
    const updated = await this.repo.update(groupId, patch, this.access.nowSeconds(), identity);
    if (!updated) throw new AppError('group_not_found');
    await this.access.pushGroupChanged(groupId);
    await this.tipUpdate(updated, identity, changes);
    return this.access.info(updated, actor);
  }

  /** G5: a profile change, a mute-all change and an ApplyJoinOption change are three tips (the last two off by default). */
  private async tipUpdate(group: GroupRecord, identity: GroupIdentity, changes: GroupUpdate): Promise<void> {
    const profile: Record<string, string> = {};
    for (const key of ['name', 'introduction', 'notification', 'faceUrl'] as const) {
      const value = changes[key];
      if (value !== undefined) profile[key] = value;
    }
    for (const [key, value] of Object.entries(changes.custom ?? {})) profile[`custom.${key}`] = value;
    if (Object.keys(profile).length > 0) await this.access.tip(group, 'profileChanged', identity, [], { changes: profile });
    if (changes.muteAll !== undefined) await this.access.tip(group, 'muteAll', identity, [], { changes: { muteAll: String(changes.muteAll) }, offByDefault: true });
    if (changes.applyJoinOption !== undefined) {
      await this.access.tip(group, 'profileChanged', identity, [], { changes: { applyJoinOption: changes.applyJoinOption }, offByDefault: true });
    }
  }

  /** G2: to a member; the old owner stays as an ordinary member. */
  async transferOwner(identity: GroupIdentity, groupId: string, newOwner: string): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    decide(checkGroupAction(acting.group.type, acting.actor, 'transferOwner', { bits: acting.bits }));
    const target = await this.repo.member(groupId, newOwner);
    if (!target) throw new AppError('group_not_member', `${newOwner} is not a member of this group.`);
    if (target.role === 'Owner') return;
    const old = acting.group.owner ? await this.repo.updateMember(groupId, acting.group.owner, { role: 'Member' }) : null;
    const promoted = await this.repo.updateMember(groupId, newOwner, { role: 'Owner' });
    await this.repo.update(groupId, { owner: newOwner }, this.access.nowSeconds());
    await this.access.pushGroupChanged(groupId);
    await this.access.pushMembersChanged(acting.group, [old, promoted].filter((m) => m !== null), []);
    await this.access.tip(acting.group, 'ownerChanged', identity, [newOwner]);
  }

  /** G2: Work groups only by the app admin; every member is told. */
  async disband(identity: GroupIdentity, groupId: string): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    decide(checkGroupAction(acting.group.type, acting.actor, 'disband', { bits: acting.bits }));
    const members = await this.repo.memberIds(groupId);
    await this.repo.remove(groupId);
    this.access.push(members, 'group:left', { groupId, reason: 'disbanded' });
  }

  /** G1 Work: the first message makes the group visible to its members (called by group messaging). */
  async activate(groupId: string): Promise<boolean> {
    if (!(await this.repo.activate(groupId))) return false;
    await this.access.pushGroupChanged(groupId);
    return true;
  }
}
