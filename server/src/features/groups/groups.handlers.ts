import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type TopicActionsService } from '../groupMessages/topicActions.service';
import { type GroupsFeature } from './index';

/** Issue 5: every group request acts as the signed-in user; the services decide through groupPermissions.ts. */
export function groupHandlers({ groups, members, communities }: GroupsFeature, topicActions: TopicActionsService): AnyHandler[] {
  return [
    defineHandler('group:create', async ({ userId }, input) => ({ group: await groups.create({ userId }, input) })),
    defineHandler('group:get', async ({ userId }, input) => groups.get({ userId }, input.groupIds)),
    defineHandler('group:joined', async ({ userId }) => ({ entries: await groups.joined(userId) })),
    defineHandler('group:search', async ({ userId }, input) => ({ groups: await groups.search({ userId }, input.keyword, input.types) })),
    defineHandler('group:update', async ({ userId }, { groupId, ...changes }) => ({ group: await groups.update({ userId }, groupId, changes) })),
    defineHandler('group:apply', async ({ userId }, input) => members.apply(userId, input.groupId, input.wording)),
    defineHandler('group:applications', async ({ userId }) => ({ applications: await members.applications(userId) })),
    defineHandler('group:handleApplication', async ({ userId }, input) => {
      await members.handleApplication({ userId }, input.groupId, input.applicant, input.accept, input.reason);
      return {};
    }),
    defineHandler('group:invite', async ({ userId }, input) => ({ results: await members.invite({ userId }, input.groupId, input.userIds) })),
    defineHandler('group:kick', async ({ userId }, input) => {
      await members.kick({ userId }, input.groupId, input.userIds, input.reason);
      return {};
    }),
    defineHandler('group:quit', async ({ userId }, input) => {
      await members.quit(userId, input.groupId);
      return {};
    }),
    defineHandler('group:members', async ({ userId }, { groupId, ...page }) => members.members({ userId }, groupId, page)),
    defineHandler('group:setMemberRole', async ({ userId }, input) => {
      await members.setRole({ userId }, input.groupId, input.userId, input.role);
      return {};
    }),
    defineHandler('group:muteMembers', async ({ userId }, input) => {
      await members.mute({ userId }, input.groupId, input.userIds, input.seconds);
      return {};
    }),
    defineHandler('group:setMemberInfo', async ({ userId }, { groupId, userId: target, ...changes }) => ({
      member: await members.setMemberInfo({ userId }, groupId, target, changes),
    })),
    defineHandler('group:setReceiveOption', async ({ userId }, input) => {
      await members.setReceiveOption(userId, input.groupId, input.msgFlag);
      return {};
    }),
    defineHandler('group:transferOwner', async ({ userId }, input) => {
      await groups.transferOwner({ userId }, input.groupId, input.newOwner);
      return {};
    }),
    defineHandler('group:disband', async ({ userId }, input) => {
      await groups.disband({ userId }, input.groupId);
      return {};
    }),
    defineHandler('topic:create', async ({ userId }, { groupId, ...input }) => ({ topic: await communities.createTopic({ userId }, groupId, input) })),
    defineHandler('topic:list', async ({ userId }, input) => ({ topics: await communities.topics({ userId }, input.groupId) })),
    defineHandler('topic:update', async ({ userId }, { topicId, ...changes }) => ({ topic: await communities.updateTopic({ userId }, topicId, changes) })),
    defineHandler('topic:setResolved', async ({ userId }, input) => ({ topic: await topicActions.setResolved(userId, input.topicId, input.resolved) })),
    defineHandler('topic:moveMessages', async ({ userId }, input) => topicActions.moveMessages(userId, input)),
    defineHandler('topic:delete', async ({ userId }, input) => {
      await communities.deleteTopics({ userId }, input.topicIds);
      return {};
    }),
    defineHandler('permissionGroup:create', async ({ userId }, { groupId, ...input }) => ({
      permissionGroup: await communities.createPermissionGroup({ userId }, groupId, input),
    })),
    defineHandler('permissionGroup:update', async ({ userId }, { groupId, permissionGroupId, ...changes }) => ({
      permissionGroup: await communities.updatePermissionGroup({ userId }, groupId, permissionGroupId, changes),
    })),
    defineHandler('permissionGroup:delete', async ({ userId }, input) => {
      await communities.deletePermissionGroups({ userId }, input.groupId, input.permissionGroupIds);
      return {};
    }),
    defineHandler('permissionGroup:list', async ({ userId }, input) => ({
      permissionGroups: await communities.permissionGroups({ userId }, input.groupId),
    })),
    defineHandler('permissionGroup:members', async ({ userId }, input) => ({
      userIds: await communities.permissionGroupMembers({ userId }, input.groupId, input.permissionGroupId),
    })),
    defineHandler('permissionGroup:addMembers', async ({ userId }, input) => ({
      permissionGroup: await communities.changePermissionGroupMembers({ userId }, input.groupId, input.permissionGroupId, input.userIds, 'add'),
    })),
    defineHandler('permissionGroup:removeMembers', async ({ userId }, input) => ({
      permissionGroup: await communities.changePermissionGroupMembers({ userId }, input.groupId, input.permissionGroupId, input.userIds, 'remove'),
    })),
    defineHandler('permissionGroup:setTopicPermissions', async ({ userId }, input) => ({
      permissionGroup: await communities.setTopicPermissions({ userId }, input.topicId, input.permissionGroupId, input.permissions),
    })),
  ];
}
