import { AppError } from '../../../../shared/errors';
import {
  DEFAULT_TOPIC_MEMBER_BITS,
  GROUP_LIMITS,
  type PermissionGroup,
  TOPIC_ID_SEPARATOR,
  type TopicInfo,
  checkGroupAction,
  checkTopicAction,
  communityOfTopic,
  customTopicPartProblem,
  utf8Length,
} from '../../../../shared/domain';
import { type PermissionGroupRecord, type TopicChanges } from '../../store/groupTypes';
import { type Acting, type GroupAccess, type GroupIdentity, decide, randomIdPart } from './groupAccess';

export interface NewTopicInput {
  name: string;
  customPart?: string;
  introduction?: string;
  notification?: string;
  faceUrl?: string;
  customString?: string;
  category?: string;
}

const PERMISSION_GROUP_PREFIX = '@PMG#_@PMG#';

/** G7: a community's topics, permission groups and per-topic overrides, every action through groupPermissions.ts. */
export class CommunitiesService {
  constructor(private readonly access: GroupAccess) {}

  private get repo() {
    return this.access.repo;
  }

  private async community(groupId: string, identity: GroupIdentity): Promise<Acting> {
    const acting = await this.access.load(groupId, identity);
    if (acting.group.type !== 'Community') throw new AppError('topic_not_enabled');
    return acting;
  }

  private async topicOf(topicId: string, identity: GroupIdentity): Promise<{ acting: Acting; topic: TopicInfo; topicBits: number }> {
    const groupId = communityOfTopic(topicId);
    if (!groupId) throw new AppError('topic_not_found');
    const acting = await this.community(groupId, identity);
    const topic = await this.repo.topic(topicId);
    if (!topic) throw new AppError('topic_not_found');
    return { acting, topic, topicBits: await this.access.topicBitsOf(acting, topic) };
  }

  private memberOnly(acting: Acting): void {
    if (acting.actor === 'NonMember') throw new AppError('group_not_member');
  }

  // ---------------------------------------------------------------- topics

  /** ≤ 200 per community; ManageTopic (or owner / app admin). */
  async createTopic(identity: GroupIdentity, groupId: string, input: NewTopicInput): Promise<TopicInfo> {
    const acting = await this.community(groupId, identity);
    decide(checkGroupAction('Community', acting.actor, 'manageTopics', { bits: acting.bits }));
    if ((await this.repo.countTopics(groupId)) >= GROUP_LIMITS.maxTopics) throw new AppError('topic_limit');
    const base = {
      groupId,
      name: input.name,
      introduction: input.introduction ?? '',
      notification: input.notification ?? '',
      faceUrl: input.faceUrl ?? '',
      customString: input.customString ?? '',
      muteAll: false,
      defaultPermissions: DEFAULT_TOPIC_MEMBER_BITS,
      category: input.category ?? '',
      createTime: this.access.nowSeconds(),
      infoSeq: 1,
      resolvedAt: null,
      resolvedBy: null,
    };
    let topicId: string;
    if (input.customPart !== undefined) {
      const problem = customTopicPartProblem(input.customPart);
      topicId = `${groupId}${TOPIC_ID_SEPARATOR}${input.customPart}`;
      if (problem) throw new AppError('group_id_invalid', `That topic ID is not allowed (${problem.replace('_', ' ')}).`);
      if (utf8Length(topicId) > GROUP_LIMITS.topicIdBytes) throw new AppError('group_id_invalid', 'A topic ID is at most 96 bytes.');
      if (!(await this.repo.createTopic({ ...base, topicId }))) throw new AppError('group_id_taken', 'That topic ID is already taken.');
    } else {
      do topicId = `${groupId}${TOPIC_ID_SEPARATOR}@TOPIC#${randomIdPart()}`;
      while (!(await this.repo.createTopic({ ...base, topicId })));
    }
    const topic = await this.repo.topic(topicId);
    if (!topic) throw new AppError('internal');
    this.access.push(await this.repo.memberIds(groupId), 'topic:changed', { topic });
    await this.access.tip(acting.group, 'topicCreated', identity, [topicId], { changes: { name: topic.name } });
    return topic;
  }

  async topics(identity: GroupIdentity, groupId: string): Promise<TopicInfo[]> {
    const acting = await this.community(groupId, identity);
    this.memberOnly(acting);
    return this.repo.topics(groupId);
  }

  /** Profile fields need ManageTopicInfo (or ManageTopic); default bits the topic-permission right; mute-all TopicMuteMember. */
  async updateTopic(identity: GroupIdentity, topicId: string, changes: TopicChanges): Promise<TopicInfo> {
    const { acting, topicBits } = await this.topicOf(topicId, identity);
    const bits = { community: acting.bits, topic: topicBits };
    const { muteAll, defaultPermissions, ...info } = changes;
    if (Object.values(info).some((v) => v !== undefined)) decide(checkTopicAction(acting.actor, 'manageTopicInfo', bits));
    if (defaultPermissions !== undefined) decide(checkTopicAction(acting.actor, 'manageTopicPermissions', bits));
    if (muteAll !== undefined) decide(checkTopicAction(acting.actor, 'muteInTopic', bits));
    const topic = await this.repo.updateTopic(topicId, changes);
    if (!topic) throw new AppError('topic_not_found');
    this.access.push(await this.repo.memberIds(topic.groupId), 'topic:changed', { topic });
    const changed = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    await this.access.tip(acting.group, 'topicChanged', identity, [topicId], { changes: changed });
    return topic;
  }

  /** All or nothing: every topic must exist and be the actor's to delete. */
  async deleteTopics(identity: GroupIdentity, topicIds: readonly string[]): Promise<void> {
    const byGroup = new Map<string, { group: Acting['group']; ids: string[] }>();
    for (const topicId of new Set(topicIds)) {
      const { acting, topicBits } = await this.topicOf(topicId, identity);
      decide(checkTopicAction(acting.actor, 'manageTopicInfo', { community: acting.bits, topic: topicBits }));
      const entry = byGroup.get(acting.group.groupId) ?? { group: acting.group, ids: [] };
      entry.ids.push(topicId);
      byGroup.set(acting.group.groupId, entry);
    }
    for (const [groupId, { group, ids }] of byGroup) {
      await this.repo.removeTopics(ids);
      this.access.push(await this.repo.memberIds(groupId), 'topic:deleted', { groupId, topicIds: ids });
      await this.access.pushPermissionGroups(groupId);
      await this.access.tip(group, 'topicDeleted', identity, ids);
    }
  }

  // ---------------------------------------------------------------- permission groups

  private view(record: PermissionGroupRecord): PermissionGroup {
    return { ...record };
  }

  private async permissionGroup(groupId: string, permissionGroupId: string): Promise<PermissionGroupRecord> {
    const found = (await this.repo.permissionGroups(groupId)).find((p) => p.permissionGroupId === permissionGroupId);
    if (!found) throw new AppError('permission_group_not_found');
    return found;
  }

  /** Nobody hands out bits they do not hold themselves (the owner and the app admin hold them all). */
  private assertGrantable(acting: Acting, permissions: number): void {
    if ((permissions & ~acting.bits) !== 0) throw new AppError('group_forbidden', 'You cannot grant permissions you do not hold.');
  }

  private async managing(groupId: string, identity: GroupIdentity): Promise<Acting> {
    const acting = await this.access.load(groupId, identity);
    decide(checkGroupAction(acting.group.type, acting.actor, 'managePermissionGroups', { bits: acting.bits }));
    return acting;
  }

  async createPermissionGroup(
    identity: GroupIdentity,
    groupId: string,
    input: { name: string; permissions: number; customString?: string },
  ): Promise<PermissionGroup> {
    const acting = await this.managing(groupId, identity);
    this.assertGrantable(acting, input.permissions);
    if ((await this.repo.permissionGroups(groupId)).length >= GROUP_LIMITS.maxPermissionGroups) throw new AppError('permission_group_limit');
    let permissionGroupId: string;
    const record = { groupId, name: input.name, permissions: input.permissions, customString: input.customString ?? '', createTime: this.access.nowSeconds() };
    do permissionGroupId = `${PERMISSION_GROUP_PREFIX}${randomIdPart()}`;
    while (!(await this.repo.createPermissionGroup({ ...record, permissionGroupId })));
    await this.access.pushPermissionGroups(groupId);
    return this.view(await this.permissionGroup(groupId, permissionGroupId));
  }

  async updatePermissionGroup(
    identity: GroupIdentity,
    groupId: string,
    permissionGroupId: string,
    changes: { name?: string; permissions?: number; customString?: string },
  ): Promise<PermissionGroup> {
    const acting = await this.managing(groupId, identity);
    await this.permissionGroup(groupId, permissionGroupId);
    if (changes.permissions !== undefined) this.assertGrantable(acting, changes.permissions);
    await this.repo.updatePermissionGroup(groupId, permissionGroupId, changes);
    await this.access.pushPermissionGroups(groupId);
    return this.view(await this.permissionGroup(groupId, permissionGroupId));
  }

  async deletePermissionGroups(identity: GroupIdentity, groupId: string, permissionGroupIds: readonly string[]): Promise<void> {
    await this.managing(groupId, identity);
    for (const id of permissionGroupIds) await this.permissionGroup(groupId, id);
    await this.repo.removePermissionGroups(groupId, permissionGroupIds);
    await this.access.pushPermissionGroups(groupId);
  }

  async permissionGroups(identity: GroupIdentity, groupId: string): Promise<PermissionGroup[]> {
    const acting = await this.community(groupId, identity);
    this.memberOnly(acting);
    return (await this.repo.permissionGroups(groupId)).map((p) => this.view(p));
  }

  async permissionGroupMembers(identity: GroupIdentity, groupId: string, permissionGroupId: string): Promise<string[]> {
    const acting = await this.community(groupId, identity);
    this.memberOnly(acting);
    await this.permissionGroup(groupId, permissionGroupId);
    return this.repo.permissionGroupMembers(groupId, permissionGroupId);
  }

  async changePermissionGroupMembers(
    identity: GroupIdentity,
    groupId: string,
    permissionGroupId: string,
    userIds: readonly string[],
    change: 'add' | 'remove',
  ): Promise<PermissionGroup> {
    const acting = await this.access.load(groupId, identity);
    decide(checkGroupAction(acting.group.type, acting.actor, 'managePermissionGroupMembers', { bits: acting.bits }));
    const group = await this.permissionGroup(groupId, permissionGroupId);
    if (change === 'add') {
      this.assertGrantable(acting, group.permissions);
      const members = new Set((await this.repo.members(groupId, userIds)).map((m) => m.userId));
      const outsider = userIds.find((id) => !members.has(id));
      if (outsider !== undefined) throw new AppError('group_not_member', `${outsider} is not a member of this community.`);
      await this.repo.addPermissionGroupMembers(groupId, permissionGroupId, userIds);
    } else {
      await this.repo.removePermissionGroupMembers(groupId, permissionGroupId, userIds);
    }
    await this.access.pushPermissionGroups(groupId);
    return this.view(await this.permissionGroup(groupId, permissionGroupId));
  }

  /** A permission group's bits in one topic (null removes the override); ManagePermissionTopicInfo or ManagePermissionGroupInfo. */
  async setTopicPermissions(identity: GroupIdentity, topicId: string, permissionGroupId: string, permissions: number | null): Promise<PermissionGroup> {
    const { acting, topicBits } = await this.topicOf(topicId, identity);
    decide(checkTopicAction(acting.actor, 'manageTopicPermissions', { community: acting.bits, topic: topicBits }));
    const groupId = acting.group.groupId;
    await this.permissionGroup(groupId, permissionGroupId);
    if (permissions !== null && (permissions & ~topicBits) !== 0) throw new AppError('group_forbidden', 'You cannot grant topic permissions you do not hold.');
    await this.repo.setTopicOverride(topicId, groupId, permissionGroupId, permissions);
    await this.access.pushPermissionGroups(groupId);
    return this.view(await this.permissionGroup(groupId, permissionGroupId));
  }
}
