import { AppError, ERRORS, type ErrorCode } from '../../../../shared/errors';
import {
  GROUP_LIMITS,
  GROUP_TYPE_TRAITS,
  type GroupApplication,
  type GroupMember,
  type GroupMsgFlag,
  type GroupRole,
  checkGroupAction,
  checkMemberAction,
  communityBitFor,
  hasBit,
  joinOutcome,
} from '../../../../shared/domain';
import { type InviteResult } from '../../../../shared/protocol';
import { type GroupRecord, type MemberRecord } from '../../store/groupTypes';
import { APP_ADMIN, type GroupAccess, type GroupIdentity, decide, userIdOf } from './groupAccess';

const failed = (userId: string, code: ErrorCode): InviteResult => ({ userId, result: 'failed', error: { code, message: ERRORS[code].message } });

/** G1, G4, G6: joining, applications, invitations, kicks, roles, mutes, name cards and receive options. */
export class MembersService {
  constructor(private readonly access: GroupAccess) {}

  private get repo() {
    return this.access.repo;
  }

  /** Why `userId` cannot be added to `group` now (full, or in too many groups), or null. */
  private async roomFor(group: GroupRecord, userId: string, adding = 1): Promise<ErrorCode | null> {
    const cap = this.access.maxMembers(group);
    const current = (await this.repo.get(group.groupId))?.memberNum ?? group.memberNum;
    if (cap !== null && current + adding > cap) return 'group_full';
    if ((await this.repo.joinedCount(userId)) >= this.access.deps.settings.quotas.maxJoinedPerUser) return 'group_join_limit';
    return null;
  }

  private async addMember(group: GroupRecord, userId: string): Promise<MemberRecord | null> {
    const now = this.access.nowSeconds();
    const [added] = await this.repo.addMembers(group.groupId, [{ userId, role: 'Member', joinTime: now, msgFlag: GROUP_TYPE_TRAITS[group.type].defaultMsgFlag }]);
    if (!added) return null;
    await this.repo.deleteApplication(group.groupId, userId);
    return this.repo.member(group.groupId, userId);
  }

  /** Tells the new members about the group and everyone about the new members. */
  private async announceJoined(group: GroupRecord, joined: readonly MemberRecord[]): Promise<void> {
    if (joined.length === 0) return;
    await this.access.pushGroupChanged(group.groupId);
    await this.access.pushMembersChanged(group, joined, []);
  }

  /**
   * Whoever may handle this group's applications (G4: owner, admins; in communities also holders of the deciding
   * bit). Candidates come from indexed lookups (managers by role, members of the permission groups granting the
   * bit), not from every member; only when every member holds the bit by default is everyone a candidate.
   */
  private async handlers(group: GroupRecord): Promise<string[]> {
    if (checkGroupAction(group.type, 'Owner', 'handleApplication') !== null) return [];
    const candidates = await this.access.managers(group.groupId);
    const permissionGroups = group.type === 'Community' ? await this.repo.permissionGroups(group.groupId) : [];
    if (group.type === 'Community') {
      const bit = communityBitFor('handleApplication');
      let holders: string[];
      if (bit === null || hasBit(group.defaultPermissions, bit)) holders = await this.repo.memberIds(group.groupId);
      else {
        holders = [];
        for (const p of permissionGroups.filter((p) => hasBit(p.permissions, bit))) {
          holders.push(...(await this.repo.permissionGroupMembers(group.groupId, p.permissionGroupId)));
        }
      }
      const known = new Set(candidates.map((m) => m.userId));
      candidates.push(...(await this.repo.members(group.groupId, holders.filter((id) => !known.has(id)))));
    }
    const out: string[] = [];
    for (const member of candidates) {
      const bits = group.type === 'Community' ? await this.access.bitsOf(group, member.role, member, permissionGroups) : 0;
      if (checkGroupAction(group.type, member.role, 'handleApplication', { bits }) === null) out.push(member.userId);
    }
    return out;
  }

  private async pushApplications(group: GroupRecord): Promise<void> {
    const applications = await this.repo.applications([group.groupId]);
    this.access.push(await this.handlers(group), 'group:applicationsChanged', { groupId: group.groupId, applications });
  }

  /** G1: joined at once or pending, by type and ApplyJoinOption. */
  async apply(userId: string, groupId: string, wording = ''): Promise<{ outcome: 'joined' | 'pending' }> {
    const { group, member } = await this.access.load(groupId, { userId });
    if (member) throw new AppError('group_already_member');
    const outcome = joinOutcome(group.type, group.applyJoinOption);
    if (outcome === 'unsupported') throw new AppError('group_unsupported', 'Work groups are joined by invitation only.');
    if (outcome === 'refused') throw new AppError('group_apply_disabled');
    decide(await this.roomFor(group, userId));
    if (outcome === 'joined') {
      const joined = await this.addMember(group, userId);
      if (joined) await this.announceJoined(group, [joined]);
      if (joined) await this.access.tip(group, 'joined', { userId }, [userId]);
      return { outcome: 'joined' };
    }
    const existing = await this.repo.application(groupId, userId);
    if (!existing && (await this.repo.countApplications(groupId)) >= GROUP_LIMITS.maxPendingApplications) {
      throw new AppError('group_application_limit');
    }
    await this.repo.putApplication({ groupId, applicant: userId, wording, time: this.access.nowSeconds() });
    await this.pushApplications(group);
    return { outcome: 'pending' };
  }

  /** G4: pending applications of every group whose applications the user may handle. */
  async applications(userId: string): Promise<GroupApplication[]> {
    const mine: string[] = [];
    for (const { group, member } of await this.repo.joined(userId)) {
      const bits = group.type === 'Community' ? await this.access.bitsOf(group, member.role, member) : 0;
      if (checkGroupAction(group.type, member.role, 'handleApplication', { bits }) === null) mine.push(group.groupId);
    }
    return this.repo.applications(mine);
  }

  async handleApplication(identity: GroupIdentity, groupId: string, applicant: string, accept: boolean, reason?: string): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    const { group } = acting;
    decide(checkGroupAction(group.type, acting.actor, 'handleApplication', { bits: acting.bits }));
    if (!(await this.repo.application(groupId, applicant))) throw new AppError('group_application_not_found');
    if (accept) {
      if (await this.repo.member(groupId, applicant)) {
        await this.repo.deleteApplication(groupId, applicant);
      } else {
        decide(await this.roomFor(group, applicant));
        const joined = await this.addMember(group, applicant);
        if (joined) await this.announceJoined(group, [joined]);
        if (joined) await this.access.tip(group, 'joined', identity, [applicant]);
      }
    } else {
      await this.repo.deleteApplication(groupId, applicant);
    }
    this.access.push([applicant], 'group:applicationHandled', { groupId, accepted: accept, ...(reason ? { reason } : {}) });
    await this.pushApplications(group);
  }

  /** G4: per person (Work and Community members; Public and Meeting only the app admin; AVChatRoom nobody). */
  async invite(identity: GroupIdentity, groupId: string, userIds: readonly string[]): Promise<InviteResult[]> {
    const acting = await this.access.load(groupId, identity);
    const { group } = acting;
    decide(checkGroupAction(group.type, acting.actor, 'invite', { bits: acting.bits }));
    const unique = [...new Set(userIds)];
    const known = new Set((await this.access.deps.store.accounts.getMany(unique)).map((a) => a.userId));
    const results: InviteResult[] = [];
    const joined: MemberRecord[] = [];
    for (const userId of unique) {
      if (!known.has(userId)) results.push(failed(userId, 'user_not_found'));
      else if (await this.repo.member(groupId, userId)) results.push({ userId, result: 'alreadyMember' });
      else {
        const refused = await this.roomFor(group, userId);
        const added = refused ? null : await this.addMember(group, userId);
        if (added) joined.push(added);
        results.push(added ? { userId, result: 'added' } : failed(userId, refused ?? 'internal'));
      }
    }
    await this.announceJoined(group, joined);
    await this.access.tip(group, 'invited', identity, joined.map((m) => m.userId));
    return results;
  }

  /**
   * S1 import_group_member (app admin): members from another system keep their join time and role. As Tencent
   * documents for imports, nobody is notified. Per member: added, already a member, or failed (no such account,
   * a join time before the group existed or in the future, no room). Adding and admins are decided first.
   */
  async importMembers(
    groupId: string,
    members: ReadonlyArray<{ userId: string; role?: 'Admin' | 'Member'; joinTime?: number }>,
  ): Promise<InviteResult[]> {
    const { group } = await this.access.load(groupId, APP_ADMIN);
    decide(checkGroupAction(group.type, 'AppAdmin', 'invite'));
    if (members.some((m) => m.role === 'Admin')) decide(checkMemberAction(group.type, 'AppAdmin', 'setAdmin', 'Member'));
    const now = this.access.nowSeconds();
    const known = new Set((await this.access.deps.store.accounts.getMany([...new Set(members.map((m) => m.userId))])).map((a) => a.userId));
    const results: InviteResult[] = [];
    const seen = new Set<string>();
    for (const { userId, role = 'Member', joinTime = now } of members) {
      if (seen.has(userId)) continue;
      seen.add(userId);
      if (!known.has(userId)) results.push(failed(userId, 'user_not_found'));
      else if (await this.repo.member(groupId, userId)) results.push({ userId, result: 'alreadyMember' });
      else if (joinTime < group.createTime || joinTime > now) results.push(failed(userId, 'group_invalid_request'));
      else {
        const refused = await this.roomFor(group, userId);
        const [added] = refused ? [] : await this.repo.addMembers(groupId, [{ userId, role, joinTime, msgFlag: GROUP_TYPE_TRAITS[group.type].defaultMsgFlag }]);
        // As joining does: a pending application of a new member is settled.
        if (added) await this.repo.deleteApplication(groupId, userId);
        results.push(added ? { userId, result: 'added' } : failed(userId, refused ?? 'internal'));
      }
    }
    return results;
  }

  private async target(groupId: string, userId: string): Promise<MemberRecord> {
    const member = await this.repo.member(groupId, userId);
    if (!member) throw new AppError('group_not_member', `${userId} is not a member of this group.`);
    return member;
  }

  /** G4: all targets are checked before anyone is removed. */
  async kick(identity: GroupIdentity, groupId: string, userIds: readonly string[], wording?: string): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    const { group } = acting;
    const targets: MemberRecord[] = [];
    for (const userId of new Set(userIds)) {
      if (group.type === 'AVChatRoom') decide(checkMemberAction(group.type, acting.actor, 'kick', 'Member', { bits: acting.bits }));
      const target = await this.target(groupId, userId);
      decide(checkMemberAction(group.type, acting.actor, 'kick', target.role, { bits: acting.bits }));
      targets.push(target);
    }
    const removed = await this.repo.removeMembers(groupId, targets.map((t) => t.userId));
    this.access.push(removed, 'group:left', { groupId, reason: 'kicked', ...(wording ? { wording } : {}) });
    await this.access.pushMembersChanged(group, [], removed);
    await this.access.tip(group, 'kicked', identity, removed);
  }

  /** G1/G2: Work's owner may quit, leaving the group ownerless; elsewhere the owner must transfer or disband first. */
  async quit(userId: string, groupId: string): Promise<void> {
    const acting = await this.access.load(groupId, { userId });
    const { group, actor } = acting;
    decide(checkGroupAction(group.type, actor, 'quit', { bits: acting.bits }));
    await this.repo.removeMembers(groupId, [userId]);
    if (group.owner === userId) {
      await this.repo.update(groupId, { owner: '' }, this.access.nowSeconds());
      await this.access.pushGroupChanged(groupId);
    }
    this.access.push([userId], 'group:left', { groupId, reason: 'quit' });
    await this.access.pushMembersChanged(group, [], [userId]);
    await this.access.tip(group, 'quit', { userId }, [userId]);
  }

  /**
   * A3 account deletion: the store forgets the account's places (purge), then the other members of each of its
   * groups learn it is gone, and those of a group it owned that the group is now ownerless (infoSeq moves, as
   * when a Work owner quits).
   */
  async forgetAccount(userId: string): Promise<void> {
    const memberships = await this.repo.joined(userId);
    await this.repo.purge(userId);
    for (const { group } of memberships) {
      if (group.owner === userId) {
        await this.repo.update(group.groupId, { owner: '' }, this.access.nowSeconds());
        await this.access.pushGroupChanged(group.groupId);
      }
      await this.access.pushMembersChanged(group, [], [userId]);
    }
  }

  async members(
    identity: GroupIdentity,
    groupId: string,
    page: { cursor?: string; offset?: number; limit?: number; roles?: readonly GroupRole[] },
  ): Promise<{ members: GroupMember[]; next: string; total: number }> {
    const acting = await this.access.load(groupId, identity);
    decide(checkGroupAction(acting.group.type, acting.actor, 'readMembers', { bits: acting.bits }));
    const query = { after: page.cursor ?? null, offset: page.offset ?? 0, limit: page.limit ?? 100, roles: page.roles ?? null };
    const result = await this.repo.memberPage(groupId, query);
    return { members: result.members.map((m) => this.access.memberView(m, acting.actor)), next: result.next ?? '', total: result.total };
  }

  async setRole(identity: GroupIdentity, groupId: string, userId: string, role: 'Admin' | 'Member'): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    const target = await this.target(groupId, userId);
    decide(checkMemberAction(acting.group.type, acting.actor, role === 'Admin' ? 'setAdmin' : 'unsetAdmin', target.role, { bits: acting.bits }));
    const updated = await this.repo.updateMember(groupId, userId, { role });
    if (updated) await this.access.pushMembersChanged(acting.group, [updated], []);
    if (updated && target.role !== role) await this.access.tip(acting.group, role === 'Admin' ? 'adminSet' : 'adminUnset', identity, [userId]);
  }

  /** G4: seconds 0 unmutes; 4294967295 is for ever. All targets are checked first. */
  async mute(identity: GroupIdentity, groupId: string, userIds: readonly string[], seconds: number): Promise<void> {
    const acting = await this.access.load(groupId, identity);
    const targets: MemberRecord[] = [];
    for (const userId of new Set(userIds)) {
      const target = await this.target(groupId, userId);
      decide(checkMemberAction(acting.group.type, acting.actor, 'muteMember', target.role, { bits: acting.bits }));
      targets.push(target);
    }
    const until = seconds === 0 ? 0 : seconds === GROUP_LIMITS.muteForever ? GROUP_LIMITS.muteForever : this.access.nowSeconds() + seconds;
    await this.repo.setMutedUntil(groupId, targets.map((t) => t.userId), until);
    await this.access.pushMembersChanged(acting.group, await this.repo.members(groupId, targets.map((t) => t.userId)), []);
    await this.access.tip(acting.group, until === 0 ? 'memberUnmuted' : 'memberMuted', identity, targets.map((t) => t.userId), {
      changes: { mutedUntil: String(until) },
    });
  }

  async muted(identity: GroupIdentity, groupId: string): Promise<Array<{ userId: string; mutedUntil: number }>> {
    const acting = await this.access.load(groupId, identity);
    if (acting.actor === 'NonMember') throw new AppError('group_not_member');
    return this.repo.mutedMembers(groupId, this.access.nowSeconds());
  }

  /** G4: my own name card always; another's by setNameCardOfOther; custom fields by their write level. */
  async setMemberInfo(
    identity: GroupIdentity,
    groupId: string,
    userId: string,
    changes: { nameCard?: string; custom?: Record<string, string>; msgFlag?: GroupMsgFlag },
  ): Promise<GroupMember> {
    const acting = await this.access.load(groupId, identity);
    const { group, actor } = acting;
    const target = await this.target(groupId, userId);
    if (userIdOf(identity) !== userId) decide(checkMemberAction(group.type, actor, 'setNameCardOfOther', target.role, { bits: acting.bits }));
    this.access.checkCustomWrite(changes.custom, this.access.deps.settings.memberFields, actor);
    const updated = await this.repo.updateMember(groupId, userId, changes);
    if (!updated) throw new AppError('group_not_member');
    await this.access.pushMembersChanged(group, [updated], []);
    return this.access.memberView(updated, actor);
  }

  /** G4/M8: my receive option for this group; only my own devices hear of it. */
  async setReceiveOption(userId: string, groupId: string, msgFlag: GroupMsgFlag): Promise<void> {
    const { group, member } = await this.access.load(groupId, { userId });
    if (!member) throw new AppError('group_not_member');
    const updated = await this.repo.updateMember(groupId, userId, { msgFlag });
    if (updated && group.type !== 'AVChatRoom') {
      this.access.push([userId], 'group:membersChanged', { groupId, upserted: [this.access.memberView(updated, member.role)], removed: [] });
    }
  }
}
