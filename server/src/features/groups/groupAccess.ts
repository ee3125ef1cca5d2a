import { randomBytes } from 'node:crypto';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import {
  type GroupActor,
  type GroupCustomFieldConfig,
  type GroupInfo,
  type GroupMember,
  type TopicInfo,
  communityBits,
  meetsFieldLevel,
  topicBits,
} from '../../../../shared/domain';
import { type PushName, type PushPayload } from '../../../../shared/protocol';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type GroupRecord, type GroupsRepository, type MemberRecord, type PermissionGroupRecord } from '../../store/groupTypes';
import { type Store } from '../../store/types';
import { type GroupTip } from '../groupMessages/tips';
import { type GroupSettings } from './groupSettings';

/**
 * Who acts: a signed-in user (socket or REST on their behalf) or the app admin
 * (REST with the admin identity: owner's rights everywhere, member or not).
 */
export type GroupIdentity = { userId: string } | { appAdmin: true };

export const asUser = (userId: string): GroupIdentity => ({ userId });
export const APP_ADMIN: GroupIdentity = { appAdmin: true };

export function userIdOf(identity: GroupIdentity): string | null {
  return 'userId' in identity ? identity.userId : null;
}

/** Throws the permission module's refusal, if any. */
export function decide(code: ErrorCode | null, message?: string): void {
  if (code) throw new AppError(code, message);
}

/** A group as one actor sees it: their role, their membership and (communities) their bits. */
export interface Acting {
  group: GroupRecord;
  identity: GroupIdentity;
  actor: GroupActor;
  member: MemberRecord | null;
  /** Community bits of the actor (0 outside communities). */
  bits: number;
}

/** Everything the three group services share: the store, pushes, views and the actor's standing. */
export class GroupAccess {
  constructor(
    readonly deps: {
      store: Store;
      delivery: Delivery;
      clock: Clock;
      settings: GroupSettings;
    },
  ) {}

  private tipSink: ((tip: GroupTip) => Promise<void>) | null = null;

  /** G5: group messaging turns the changes reported through {@link tip} into tips (wired by app.ts). */
  setTips(sink: (tip: GroupTip) => Promise<void>): void {
    this.tipSink = sink;
  }

  /** Reports a change as a tip (never throws: a tip must not undo the change it reports). */
  async tip(group: GroupRecord, kind: GroupTip['kind'], identity: GroupIdentity, targets: readonly string[], extra: Pick<GroupTip, 'changes' | 'offByDefault'> = {}): Promise<void> {
    if (targets.length === 0 && (kind === 'joined' || kind === 'invited' || kind === 'kicked' || kind === 'quit')) return;
    await this.tipSink?.({ group, kind, operator: userIdOf(identity), targets, ...extra });
  }

  get repo(): GroupsRepository {
    return this.deps.store.groups;
  }

  nowSeconds(): number {
    return Math.floor(this.deps.clock.now() / 1000);
  }

  /** Work groups before their first message exist only for their owner (and the app admin). */
  visibleTo(group: GroupRecord, identity: GroupIdentity): boolean {
    if (group.active) return true;
    const userId = userIdOf(identity);
    return userId === null || userId === group.owner;
  }

  async load(groupId: string, identity: GroupIdentity): Promise<Acting> {
    const group = await this.repo.get(groupId);
    if (!group || !this.visibleTo(group, identity)) throw new AppError('group_not_found');
    return this.acting(group, identity);
  }

  async acting(group: GroupRecord, identity: GroupIdentity): Promise<Acting> {
    const userId = userIdOf(identity);
    if (userId === null) return { group, identity, actor: 'AppAdmin', member: null, bits: group.type === 'Community' ? communityBits('AppAdmin', 0, []) : 0 };
    const member = await this.repo.member(group.groupId, userId);
    const actor: GroupActor = member ? member.role : 'NonMember';
    const bits = group.type === 'Community' ? await this.bitsOf(group, actor, member) : 0;
    return { group, identity, actor, member, bits };
  }

  /** `permissionGroups`: the community's, when the caller has them already (deciding for many members). */
  async bitsOf(group: GroupRecord, actor: GroupActor, member: MemberRecord | null, permissionGroups?: readonly PermissionGroupRecord[]): Promise<number> {
    const mine = member?.permissionGroupIds ?? [];
    const all = mine.length === 0 ? [] : (permissionGroups ?? (await this.repo.permissionGroups(group.groupId)));
    const groups = all.filter((p) => mine.includes(p.permissionGroupId));
    return communityBits(actor, group.defaultPermissions, groups.map((p) => p.permissions));
  }

  /** The actor's bits in one topic: its default bits plus the overrides of the permission groups they are in. */
  async topicBitsOf(acting: Acting, topic: TopicInfo): Promise<number> {
    const mine = acting.member?.permissionGroupIds ?? [];
    const overrides: number[] = [];
    if (mine.length > 0) {
      for (const p of await this.repo.permissionGroups(acting.group.groupId)) {
        const bits = p.topicOverrides[topic.topicId];
        if (mine.includes(p.permissionGroupId) && bits !== undefined) overrides.push(bits);
      }
    }
    return topicBits(acting.actor, topic.defaultPermissions, overrides);
  }

  maxMembers(group: GroupRecord): number | null {
    return group.maxMemberNum ?? this.deps.settings.quotas.maxMembers[group.type];
  }

  private fieldsReadable(values: Record<string, string>, fields: readonly GroupCustomFieldConfig[], actor: GroupActor): Record<string, string> {
    const out: Record<string, string> = {};
    for (const field of fields) {
      const value = values[field.key];
      if (value !== undefined && meetsFieldLevel(actor, field.read)) out[field.key] = value;
    }
    return out;
  }

  info(group: GroupRecord, actor: GroupActor): GroupInfo {
    return {
      groupId: group.groupId,
      type: group.type,
      name: group.name,
      introduction: group.introduction,
      notification: group.notification,
      faceUrl: group.faceUrl,
      owner: group.owner,
      createTime: group.createTime,
      infoSeq: group.infoSeq,
      lastInfoTime: group.lastInfoTime,
      lastMsgTime: group.lastMsgTime,
      nextMsgSeq: group.nextMsgSeq,
      memberNum: group.memberNum,
      maxMemberNum: this.maxMembers(group),
      applyJoinOption: group.applyJoinOption,
      muteAll: group.muteAll,
      active: group.active,
      defaultPermissions: group.defaultPermissions,
      custom: this.fieldsReadable(group.custom, this.deps.settings.groupFields, actor),
    };
  }

  memberView(member: MemberRecord, viewer: GroupActor): GroupMember {
    const now = this.nowSeconds();
    return {
      userId: member.userId,
      role: member.role,
      joinTime: member.joinTime,
      nameCard: member.nameCard,
      mutedUntil: member.mutedUntil > now ? member.mutedUntil : 0,
      msgFlag: member.msgFlag,
      custom: this.fieldsReadable(member.custom, this.deps.settings.memberFields, viewer),
    };
  }

  /** Checks custom keys: configured (else group_invalid_request) and writable at the actor's level (else group_forbidden). */
  checkCustomWrite(custom: Record<string, string> | undefined, fields: readonly GroupCustomFieldConfig[], actor: GroupActor): void {
    for (const key of Object.keys(custom ?? {})) {
      const field = fields.find((f) => f.key === key);
      if (!field) throw new AppError('group_invalid_request', `${key} is not a custom field on this server.`);
      if (!meetsFieldLevel(actor, field.write)) throw new AppError('group_forbidden', `Your role may not change ${key}.`);
    }
  }

  push<N extends PushName>(userIds: Iterable<string>, event: N, payload: PushPayload<N>): void {
    for (const userId of new Set(userIds)) this.deps.delivery.toUser(userId, event, payload);
  }

  /** Owner and admins (by role); everyone else is an ordinary member. */
  async managers(groupId: string): Promise<MemberRecord[]> {
    return (await this.repo.memberPage(groupId, { after: null, limit: 10_000, roles: ['Owner', 'Admin'] })).members;
  }

  /** group:changed to every member who can see the group, each with the custom fields their role may read. */
  async pushGroupChanged(groupId: string): Promise<void> {
    const group = await this.repo.get(groupId);
    if (!group) return;
    const managers = new Map((await this.managers(groupId)).map((m) => [m.userId, m.role]));
    const views = new Map<GroupActor, GroupInfo>();
    for (const userId of await this.repo.memberIds(groupId)) {
      if (!this.visibleTo(group, { userId })) continue;
      const role = managers.get(userId) ?? 'Member';
      let view = views.get(role);
      if (!view) views.set(role, (view = this.info(group, role)));
      this.deps.delivery.toUser(userId, 'group:changed', { group: view });
    }
  }

  /** group:membersChanged to the members (AVChatRoom keeps its member list to itself). */
  async pushMembersChanged(group: GroupRecord, upserted: readonly MemberRecord[], removed: readonly string[]): Promise<void> {
    if (group.type === 'AVChatRoom' || (upserted.length === 0 && removed.length === 0)) return;
    const recipients = (await this.repo.memberIds(group.groupId)).filter((id) => this.visibleTo(group, { userId: id }));
    const payload = { groupId: group.groupId, upserted: upserted.map((m) => this.memberView(m, 'Member')), removed: [...removed] };
    this.push(recipients, 'group:membersChanged', payload);
  }

  async pushPermissionGroups(groupId: string, list?: readonly PermissionGroupRecord[]): Promise<void> {
    const permissionGroups = list ?? (await this.repo.permissionGroups(groupId));
    this.push(await this.repo.memberIds(groupId), 'permissionGroup:changed', { groupId, permissionGroups: [...permissionGroups] });
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random base32 characters for assigned IDs (group, topic, permission group). */
export function randomIdPart(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ID_ALPHABET[byte & 31];
  return out;
}
