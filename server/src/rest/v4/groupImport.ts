import { AppError } from '../../../../shared/errors';
import {
  ASSIGNED_GROUP_ID_PREFIX,
  COMMUNITY_ID_PREFIX,
  DEFAULT_COMMUNITY_MEMBER_BITS,
  GROUP_LIMITS,
  GROUP_TYPE_TRAITS,
  checkGroupAction,
  checkMemberAction,
  customGroupIdProblem,
} from '../../../../shared/domain';
import { decide, randomIdPart } from '../../features/groups/groupAccess';
import { type NewGroup } from '../../store/groupTypes';
import { type V4Command } from './command';
import { type GroupCommandDeps, assertAtMost, assertUsersExist, assertWithinQuota, groupCommand, groupOf, nowSeconds } from './groupCommon';
import { ImportGroupBody, ImportGroupMemberBody, parseBody } from './groupSchemas';

/**
 * S1 `import_group` and `import_group_member` (QD 导入群基础资料 / 导入群成员): migration
 * from another system, with the original creation and join times, and (as
 * documented) no callbacks and no notifications, so nobody is pushed anything.
 * The group service has no import yet, so this writes through the store after
 * the same checks create / invite make (IDs, quotas, custom keys, who may add).
 */
export function groupImportCommands({ groups, store, settings, clock }: GroupCommandDeps): Record<string, V4Command> {
  const quotas = settings.quotas;

  async function hasRoom(userId: string): Promise<boolean> {
    return (await store.groups.joinedCount(userId)) < quotas.maxJoinedPerUser;
  }

  return {
    'group_open_http_svc/import_group': groupCommand(async ({ body }) => {
      const input = parseBody(ImportGroupBody, body);
      const type = input.Type;
      // Documented: AVChatRoom cannot be imported (10007); create_group plus modify_group_base_info do instead.
      if (type === 'AVChatRoom') throw new AppError('group_unsupported', 'An AVChatRoom cannot be imported; create it instead.');
      assertWithinQuota(settings, type, input.MaxMemberCount);
      if (input.GroupId !== undefined) {
        const problem = customGroupIdProblem(input.GroupId, type);
        if (problem) throw new AppError('group_id_invalid', `That group ID is not allowed (${problem.replace('_', ' ')}).`);
      }
      for (const key of Object.keys(input.AppDefinedData ?? {})) {
        if (!settings.groupFields.some((f) => f.key === key)) throw new AppError('group_invalid_request', `${key} is not a custom field on this server.`);
      }
      const owner = input.Owner_Account ?? '';
      if (owner) {
        await assertUsersExist(store, [owner]);
        if (!(await hasRoom(owner))) throw new AppError('group_join_limit', `${owner} is already in as many groups as allowed.`);
      }
      if (quotas.maxGroups !== null && (await store.groups.count()) >= quotas.maxGroups) throw new AppError('group_count_limit');
      const now = nowSeconds(clock);
      const createTime = input.CreateTime ?? now;
      if (createTime > now) throw new AppError('group_invalid_request', 'CreateTime is in the future.');
      const traits = GROUP_TYPE_TRAITS[type];
      const record: Omit<NewGroup, 'groupId'> = {
        type,
        name: input.Name,
        introduction: input.Introduction ?? '',
        notification: input.Notification ?? '',
        faceUrl: input.FaceUrl ?? '',
        owner,
        createTime,
        applyJoinOption: input.ApplyJoinOption ?? traits.defaultApplyJoinOption,
        muteAll: false,
        defaultPermissions: type === 'Community' ? DEFAULT_COMMUNITY_MEMBER_BITS : 0,
        // An imported group already had its history elsewhere: it is visible to its members at once.
        active: true,
        maxMemberNum: input.MaxMemberCount ?? null,
        custom: Object.fromEntries(Object.entries(input.AppDefinedData ?? {}).filter(([, v]) => v !== '')),
      };
      const members = owner ? [{ userId: owner, role: 'Owner' as const, joinTime: createTime, msgFlag: traits.defaultMsgFlag }] : [];
      let groupId = input.GroupId;
      if (groupId !== undefined) {
        if (!(await store.groups.create({ ...record, groupId }, members))) throw new AppError('group_id_taken');
      } else {
        const prefix = type === 'Community' ? `${COMMUNITY_ID_PREFIX}${ASSIGNED_GROUP_ID_PREFIX}` : ASSIGNED_GROUP_ID_PREFIX;
        do groupId = `${prefix}${randomIdPart()}`;
        while (!(await store.groups.create({ ...record, groupId }, members)));
      }
      return { GroupId: groupId };
    }),

    'group_open_http_svc/import_group_member': groupCommand(async ({ body }) => {
      const input = parseBody(ImportGroupMemberBody, body);
      assertAtMost(input.MemberList, GROUP_LIMITS.maxAddPerCall, 'MemberList');
      await assertUsersExist(store, input.MemberList.map((m) => m.Member_Account));
      const group = await groupOf(groups, input.GroupId);
      // Importing members is the app admin adding them: AVChatRoom has no adding (10007), Work no admins.
      decide(checkGroupAction(group.type, 'AppAdmin', 'invite'));
      if (input.MemberList.some((m) => m.Role === 'Admin')) decide(checkMemberAction(group.type, 'AppAdmin', 'setAdmin', 'Member'));
      const now = nowSeconds(clock);
      let memberNum = group.memberNum;
      const results: Array<{ Member_Account: string; Result: number }> = [];
      const seen = new Set<string>();
      for (const item of input.MemberList) {
        const userId = item.Member_Account;
        if (seen.has(userId)) continue;
        seen.add(userId);
        const joinTime = item.JoinTime ?? now;
        if (await store.groups.member(group.groupId, userId)) {
          results.push({ Member_Account: userId, Result: 2 });
          continue;
        }
        // Documented: a join time before the group's creation or after now fails that member.
        const full = group.maxMemberNum !== null && memberNum >= group.maxMemberNum;
        if (joinTime < group.createTime || joinTime > now || full || !(await hasRoom(userId))) {
          results.push({ Member_Account: userId, Result: 0 });
          continue;
        }
        const added = await store.groups.addMembers(group.groupId, [
          { userId, role: item.Role ?? 'Member', joinTime, msgFlag: GROUP_TYPE_TRAITS[group.type].defaultMsgFlag },
        ]);
        memberNum += added.length;
        // As joining does: a pending application of a new member is settled.
        if (added.length > 0) await store.groups.deleteApplication(group.groupId, userId);
        results.push({ Member_Account: userId, Result: added.length > 0 ? 1 : 2 });
      }
      return { MemberList: results };
    }),
  };
}
