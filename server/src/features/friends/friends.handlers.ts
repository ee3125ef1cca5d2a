import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type FriendsService } from './friends.service';

export function friendHandlers(friends: FriendsService): AnyHandler[] {
  return [
    defineHandler('friend:add', async ({ userId }, input) => friends.add({ from: userId, to: input.userId, ...input })),
    defineHandler('friend:respond', async ({ userId }, input) => ({
      friend: await friends.respond(userId, input.userId, input.action, { remark: input.remark, groupName: input.groupName }),
    })),
    defineHandler('friend:deleteRequest', async ({ userId }, input) => {
      await friends.deleteRequest(userId, input.userId, input.direction);
      return {};
    }),
    defineHandler('friend:requests', async ({ userId }) => ({ requests: await friends.requests(userId) })),
    defineHandler('friend:delete', async ({ userId }, input) => ({ results: await friends.delete(userId, input.userIds, input.deleteType) })),
    defineHandler('friend:update', async ({ userId }, input) => ({
      friend: await friends.update(userId, input.userId, { remark: input.remark, groups: input.groups, custom: input.custom }),
    })),
    defineHandler('friend:list', async ({ userId }) => ({ friends: await friends.list(userId) })),
    defineHandler('friend:check', async ({ userId }, input) => ({ results: await friends.check(userId, input.userIds, input.checkType) })),
    defineHandler('friendList:get', async ({ userId }) => ({ lists: await friends.lists(userId) })),
    defineHandler('friendList:create', async ({ userId }, input) => ({ list: await friends.createList(userId, input.name, input.userIds) })),
    defineHandler('friendList:rename', async ({ userId }, input) => ({ list: await friends.renameList(userId, input.name, input.newName) })),
    defineHandler('friendList:delete', async ({ userId }, input) => {
      await friends.deleteLists(userId, input.names);
      return {};
    }),
    defineHandler('friendList:addMembers', async ({ userId }, input) => ({ list: await friends.addMembers(userId, input.name, input.userIds) })),
    defineHandler('friendList:removeMembers', async ({ userId }, input) => ({
      list: await friends.removeMembers(userId, input.name, input.userIds),
    })),
  ];
}
