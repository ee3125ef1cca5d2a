import { GROUP_TYPE_TRAITS, GroupId, checkGroupAction } from '../../../../shared/domain';
import { APP_ADMIN, type GroupsFeature } from '../../features/groups';
import { type V4Command } from './command';
import { type GroupCommandDeps, assertUsersExist, assertWithinQuota, groupCommand, groupOf, nowSeconds } from './groupCommon';
import { groupImportCommands } from './groupImport';
import { groupMemberCommands } from './groupMembers';
import { definedData, groupBaseInfo, memberItem, toFilter } from './groupReplies';
import {
  ChangeGroupOwnerBody,
  CreateGroupBody,
  GROUP_ID_INVALID,
  GetGroupInfoBody,
  GetJoinedGroupListBody,
  GroupIdBody,
  ModifyGroupBaseInfoBody,
  parseBody,
} from './groupSchemas';
import { topicCommands } from './topics';

/** All members, page by page (get_group_info's MemberList). */
async function allMembers(groups: GroupsFeature, groupId: string) {
  const out = [];
  let cursor: string | undefined;
  do {
    const page = await groups.members.members(APP_ADMIN, groupId, { cursor, limit: 5000 });
    out.push(...page.members);
    cursor = page.next || undefined;
  } while (cursor);
  return out;
}

/** S1 `group_open_http_svc/*` and `million_group_open_http_svc/*` (contract §3.15–3.16), acting as the app admin. */
export function groupCommands(deps: GroupCommandDeps): Record<string, V4Command> {
  const { groups, store, settings, clock, sdkAppId } = deps;

  return {
    'group_open_http_svc/create_group': groupCommand(async ({ body }) => {
      const input = parseBody(CreateGroupBody, body);
      const list = input.MemberList ?? [];
      assertWithinQuota(settings, input.Type, input.MaxMemberCount);
      const owner = input.Owner_Account;
      await assertUsersExist(store, [...(owner ? [owner] : []), ...list.map((m) => m.Member_Account)]);
      // Initial admins and member custom values go in with the group (one step: a refusal leaves no group behind).
      const created = await groups.groups.create(APP_ADMIN, {
        type: input.Type,
        name: input.Name,
        groupId: input.GroupId,
        introduction: input.Introduction,
        notification: input.Notification,
        faceUrl: input.FaceUrl,
        applyJoinOption: input.ApplyJoinOption,
        members: list.map((m) => ({ userId: m.Member_Account, role: m.Role, custom: m.AppMemberDefinedData })),
        custom: input.AppDefinedData,
        owner,
        maxMemberNum: input.MaxMemberCount,
      });
      return { GroupId: created.groupId };
    }),

    'group_open_http_svc/get_group_info': groupCommand(async ({ body }) => {
      const { GroupIdList: ids, ResponseFilter: filter } = parseBody(GetGroupInfoBody, body);
      const valid = ids.filter((id) => GroupId.safeParse(id).success);
      const found = new Map((await groups.groups.get(APP_ADMIN, valid)).groups.map((g) => [g.groupId, g]));
      const baseFilter = filter ? toFilter(filter.GroupBaseInfoFilter ?? []) : undefined;
      const groupCustomFilter = filter ? toFilter(filter.AppDefinedDataFilter_Group ?? []) : undefined;
      const withMembers = !filter || filter.MemberInfoFilter !== undefined || filter.AppDefinedDataFilter_GroupMember !== undefined;
      const memberFilter = filter ? toFilter(filter.MemberInfoFilter ?? []) : undefined;
      const memberCustomFilter = filter ? toFilter(filter.AppDefinedDataFilter_GroupMember ?? []) : undefined;
      const items: Record<string, unknown>[] = [];
      for (const id of ids) {
        const group = found.get(id);
        if (!GroupId.safeParse(id).success) {
          items.push({ GroupId: id, ErrorCode: GROUP_ID_INVALID, ErrorInfo: 'Not a valid GroupId.' });
          continue;
        }
        if (!group) {
          items.push({ GroupId: id, ErrorCode: 10010, ErrorInfo: 'That group does not exist or was disbanded.' });
          continue;
        }
        const custom = definedData(group.custom, groupCustomFilter);
        // AVChatRoom keeps no member list to show.
        const members = withMembers && checkGroupAction(group.type, 'AppAdmin', 'readMembers') === null ? await allMembers(groups, id) : null;
        items.push({
          GroupId: id,
          ErrorCode: 0,
          ErrorInfo: '',
          ...groupBaseInfo(group, sdkAppId, baseFilter),
          ...(custom ? { AppDefinedData: custom } : {}),
          ...(members ? { MemberList: members.map((m) => memberItem(m, memberFilter, memberCustomFilter)) } : {}),
        });
      }
      return { GroupInfo: items };
    }),

    'group_open_http_svc/modify_group_base_info': groupCommand(async ({ body }) => {
      const input = parseBody(ModifyGroupBaseInfoBody, body);
      if (input.MaxMemberNum !== undefined) assertWithinQuota(settings, (await groupOf(groups, input.GroupId)).type, input.MaxMemberNum);
      const changes = {
        name: input.Name,
        introduction: input.Introduction,
        notification: input.Notification,
        faceUrl: input.FaceUrl,
        applyJoinOption: input.ApplyJoinOption,
        muteAll: input.ShutUpAllMember,
        custom: input.AppDefinedData,
        maxMemberNum: input.MaxMemberNum,
      };
      await groups.groups.update(APP_ADMIN, input.GroupId, changes);
      return {};
    }),

    'group_open_http_svc/destroy_group': groupCommand(async ({ body }) => {
      await groups.groups.disband(APP_ADMIN, parseBody(GroupIdBody, body).GroupId);
      return {};
    }),

    'group_open_http_svc/change_group_owner': groupCommand(async ({ body }) => {
      const input = parseBody(ChangeGroupOwnerBody, body);
      await assertUsersExist(store, [input.NewOwner_Account]);
      await groups.groups.transferOwner(APP_ADMIN, input.GroupId, input.NewOwner_Account);
      return {};
    }),

    'group_open_http_svc/get_joined_group_list': groupCommand(async ({ body }) => {
      const input = parseBody(GetJoinedGroupListBody, body);
      const userId = input.Member_Account;
      await assertUsersExist(store, [userId]);
      // By default AVChatRoom groups (WithHugeGroups) and Work groups before their first message (WithNoActiveGroups) are left out.
      const memberships = (await store.groups.joined(userId)).filter(
        ({ group }) =>
          (input.WithHugeGroups === 1 || group.type !== 'AVChatRoom') &&
          (input.WithNoActiveGroups === 1 || group.active || !GROUP_TYPE_TRAITS[group.type].needsActivation) &&
          (input.GroupType === undefined || group.type === input.GroupType),
      );
      const offset = input.Offset ?? 0;
      const page = memberships.slice(offset, input.Limit === undefined ? undefined : offset + input.Limit);
      const filter = input.ResponseFilter;
      if (!filter) return { TotalCount: memberships.length, GroupIdList: page.map(({ group }) => ({ GroupId: group.groupId })) };
      const infos = new Map((await groups.groups.get(APP_ADMIN, page.map(({ group }) => group.groupId))).groups.map((g) => [g.groupId, g]));
      const baseFilter = toFilter(filter.GroupBaseInfoFilter ?? []);
      const selfFilter = toFilter(filter.SelfInfoFilter ?? []);
      const now = nowSeconds(clock);
      return {
        TotalCount: memberships.length,
        GroupIdList: page.map(({ group, member }) => {
          const info = infos.get(group.groupId);
          const self = memberItem({ ...member, mutedUntil: member.mutedUntil > now ? member.mutedUntil : 0, custom: {} }, selfFilter);
          delete self.Member_Account;
          return {
            GroupId: group.groupId,
            ...(info ? groupBaseInfo(info, sdkAppId, baseFilter) : {}),
            ...(selfFilter && selfFilter.size > 0 ? { SelfInfo: self } : {}),
          };
        }),
      };
    }),

    ...groupMemberCommands(deps),
    ...groupImportCommands(deps),
    ...topicCommands(deps),
  };
}
