import { AppError } from '../../../../shared/errors';
import { GROUP_LIMITS, type GroupMember, checkMemberAction } from '../../../../shared/domain';
import { APP_ADMIN } from '../../features/groups';
import { decide } from '../../features/groups/groupAccess';
import { type V4Command } from './command';
import { type GroupCommandDeps, assertAtMost, assertMemberFields, assertUsersExist, groupCommand, groupOf } from './groupCommon';
import { memberItem, toFilter } from './groupReplies';
import {
  AddGroupMemberBody,
  DeleteGroupMemberBody,
  ForbidSendMsgBody,
  GetGroupMemberInfoBody,
  GetGroupMutedAccountBody,
  ModifyGroupMemberInfoBody,
  parseBody,
} from './groupSchemas';

const RESULT = { added: 1, alreadyMember: 2, failed: 0 } as const;
const PAGE = 5000;

/** S1 member commands of `group_open_http_svc` (contract §3.15): the app admin adds, removes, mutes and edits members. */
export function groupMemberCommands({ groups, store, settings }: GroupCommandDeps): Record<string, V4Command> {
  /** Members after the first `skip` (roles filtered), as many as `limit` (all when undefined). */
  async function memberSlice(groupId: string, skip: number, limit: number | undefined, roles: GroupMember['role'][] | undefined) {
    const out: GroupMember[] = [];
    let cursor: string | undefined;
    do {
      const want = limit === undefined ? PAGE : Math.min(PAGE, limit - out.length);
      const page = await groups.members.members(APP_ADMIN, groupId, cursor ? { cursor, limit: want, roles } : { offset: skip, limit: want, roles });
      out.push(...page.members);
      cursor = page.next || undefined;
    } while (cursor && (limit === undefined || out.length < limit));
    return { members: out, more: cursor !== undefined };
  }

  return {
    'group_open_http_svc/add_group_member': groupCommand(async ({ body }) => {
      const input = parseBody(AddGroupMemberBody, body);
      assertAtMost(input.MemberList, GROUP_LIMITS.maxAddPerCall, 'MemberList');
      const userIds = [...new Set(input.MemberList.map((m) => m.Member_Account))];
      await assertUsersExist(store, userIds);
      const group = await groupOf(groups, input.GroupId);
      // Tencent refuses the whole call when the group cannot take everyone (10014): nobody is added then.
      const present = new Set((await store.groups.members(group.groupId, userIds)).map((m) => m.userId));
      const newcomers = userIds.filter((id) => !present.has(id)).length;
      if (group.maxMemberNum !== null && newcomers > 0 && group.memberNum + newcomers > group.maxMemberNum) throw new AppError('group_full');
      const results = await groups.members.invite(APP_ADMIN, group.groupId, userIds);
      return { MemberList: results.map((r) => ({ Member_Account: r.userId, Result: RESULT[r.result] })) };
    }),

    'group_open_http_svc/delete_group_member': groupCommand(async ({ body }) => {
      const input = parseBody(DeleteGroupMemberBody, body);
      assertAtMost(input.MemberToDel_Account, GROUP_LIMITS.maxDeletePerCall, 'MemberToDel_Account');
      const group = await groupOf(groups, input.GroupId);
      // AVChatRoom members cannot be removed at all (10004), whoever is named.
      if (group.type === 'AVChatRoom') decide(checkMemberAction(group.type, 'AppAdmin', 'kick', 'Member'));
      // Removing someone who is not a member succeeds with nothing to do.
      const present = (await store.groups.members(group.groupId, input.MemberToDel_Account)).map((m) => m.userId);
      // Reason reaches the removed members with their group:left.
      if (present.length > 0) await groups.members.kick(APP_ADMIN, group.groupId, present, input.Reason);
      return {};
    }),

    'group_open_http_svc/modify_group_member_info': groupCommand(async ({ body }) => {
      const input = parseBody(ModifyGroupMemberInfoBody, body);
      const userId = input.Member_Account;
      await assertUsersExist(store, [userId]);
      const group = await groupOf(groups, input.GroupId);
      const target = await store.groups.member(group.groupId, userId);
      if (!target) throw new AppError('group_not_member', `${userId} is not a member of this group.`);
      assertMemberFields(settings, input.AppMemberDefinedData);
      const changesRole = input.Role !== undefined && input.Role !== target.role;
      const changesInfo = input.NameCard !== undefined || input.MsgFlag !== undefined || input.AppMemberDefinedData !== undefined;
      // Every part is decided before any is applied, so a refusal changes nothing.
      if (changesRole) decide(checkMemberAction(group.type, 'AppAdmin', input.Role === 'Admin' ? 'setAdmin' : 'unsetAdmin', target.role));
      if (changesInfo) decide(checkMemberAction(group.type, 'AppAdmin', 'setNameCardOfOther', target.role));
      if (input.ShutUpTime !== undefined) decide(checkMemberAction(group.type, 'AppAdmin', 'muteMember', target.role));
      if (changesRole && input.Role) await groups.members.setRole(APP_ADMIN, group.groupId, userId, input.Role);
      if (changesInfo) {
        const changes = { nameCard: input.NameCard, msgFlag: input.MsgFlag, custom: input.AppMemberDefinedData };
        await groups.members.setMemberInfo(APP_ADMIN, group.groupId, userId, changes);
      }
      if (input.ShutUpTime !== undefined) await groups.members.mute(APP_ADMIN, group.groupId, [userId], input.ShutUpTime);
      return {};
    }),

    'group_open_http_svc/get_group_member_info': groupCommand(async ({ body }) => {
      const input = parseBody(GetGroupMemberInfoBody, body);
      const group = await groupOf(groups, input.GroupId);
      const community = group.type === 'Community';
      // Communities page with Next (a position: 0 first, then the reply's Next); the others with Offset.
      const skip = (community ? input.Next : input.Offset) ?? 0;
      const { members, more } = await memberSlice(group.groupId, skip, input.Limit, input.MemberRoleFilter);
      const filter = toFilter(input.MemberInfoFilter);
      // With only MemberInfoFilter no custom data comes back; with no filter at all, all of it (the documented examples).
      const customFilter = toFilter(input.AppDefinedDataFilter_GroupMember ?? (input.MemberInfoFilter ? [] : undefined));
      return {
        MemberNum: group.memberNum,
        MemberList: members.map((m) => memberItem(m, filter, customFilter)),
        ...(community ? { Next: more ? skip + members.length : 0 } : {}),
      };
    }),

    'group_open_http_svc/forbid_send_msg': groupCommand(async ({ body }) => {
      const input = parseBody(ForbidSendMsgBody, body);
      assertAtMost(input.Members_Account, GROUP_LIMITS.maxMutePerCall, 'Members_Account');
      await assertUsersExist(store, input.Members_Account);
      await groups.members.mute(APP_ADMIN, input.GroupId, input.Members_Account, input.ShutUpTime);
      return {};
    }),

    'group_open_http_svc/get_group_muted_account': groupCommand(async ({ body }) => {
      const input = parseBody(GetGroupMutedAccountBody, body);
      const muted = await mutedOf(input.GroupId, input.TopicId);
      return { GroupId: input.GroupId, MutedAccountList: muted.map((m) => ({ Member_Account: m.userId, MutedUntil: m.mutedUntil })) };
    }),

    // The same list under its older name and field names (QD 2021 snapshot).
    'group_open_http_svc/get_group_shutted_uin': groupCommand(async ({ body }) => {
      const input = parseBody(GetGroupMutedAccountBody, body);
      const muted = await mutedOf(input.GroupId, undefined);
      return { GroupId: input.GroupId, ShuttedUinList: muted.map((m) => ({ Member_Account: m.userId, ShuttedUntil: m.mutedUntil })) };
    }),
  };

  /** A member's mute holds in every topic of the community, so a topic's list is the community's. */
  async function mutedOf(groupId: string, topicId: string | undefined) {
    if (topicId !== undefined) {
      const topics = await groups.communities.topics(APP_ADMIN, groupId);
      if (!topics.some((t) => t.topicId === topicId)) throw new AppError('topic_not_found');
    }
    return groups.members.muted(APP_ADMIN, groupId);
  }
}
