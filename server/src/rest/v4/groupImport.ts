import { GROUP_LIMITS } from '../../../../shared/domain';
import { type V4Command } from './command';
import { type GroupCommandDeps, assertAtMost, assertUsersExist, assertWithinQuota, groupCommand } from './groupCommon';
import { ImportGroupBody, ImportGroupMemberBody, parseBody } from './groupSchemas';

const RESULT = { added: 1, alreadyMember: 2, failed: 0 } as const;

/**
 * S1 `import_group` and `import_group_member` (QD 导入群基础资料 / 导入群成员): migration from another
 * system, through the group services' imports: original creation and join times, and (as documented) no
 * callbacks and no notifications.
 */
export function groupImportCommands({ groups, store, settings }: GroupCommandDeps): Record<string, V4Command> {
  return {
    'group_open_http_svc/import_group': groupCommand(async ({ body }) => {
      const input = parseBody(ImportGroupBody, body);
      assertWithinQuota(settings, input.Type, input.MaxMemberCount);
      if (input.Owner_Account) await assertUsersExist(store, [input.Owner_Account]);
      // Documented: AVChatRoom cannot be imported (10007); create_group plus modify_group_base_info do instead.
      const imported = await groups.groups.importGroup({
        type: input.Type,
        name: input.Name,
        groupId: input.GroupId,
        introduction: input.Introduction,
        notification: input.Notification,
        faceUrl: input.FaceUrl,
        applyJoinOption: input.ApplyJoinOption,
        custom: input.AppDefinedData,
        owner: input.Owner_Account,
        maxMemberNum: input.MaxMemberCount,
        createTime: input.CreateTime,
      });
      return { GroupId: imported.groupId };
    }),

    'group_open_http_svc/import_group_member': groupCommand(async ({ body }) => {
      const input = parseBody(ImportGroupMemberBody, body);
      assertAtMost(input.MemberList, GROUP_LIMITS.maxAddPerCall, 'MemberList');
      await assertUsersExist(store, input.MemberList.map((m) => m.Member_Account));
      // Documented: a join time before the group's creation or after now fails that member (Result 0).
      const results = await groups.members.importMembers(
        input.GroupId,
        input.MemberList.map((m) => ({ userId: m.Member_Account, role: m.Role, joinTime: m.JoinTime })),
      );
      return { MemberList: results.map((r) => ({ Member_Account: r.userId, Result: RESULT[r.result] })) };
    }),
  };
}
