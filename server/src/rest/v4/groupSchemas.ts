import { z } from 'zod';
import {
  ApplyJoinOption,
  GROUP_LIMITS,
  GroupCustomKey,
  GroupFaceUrl,
  GroupId,
  GroupIntroduction,
  GroupMsgFlag,
  GroupName,
  GroupNotification,
  GroupRole,
  type GroupType,
  NameCard,
  TopicCustomString,
  TopicName,
  UserId,
  groupTypeFromRest,
  maxBytes,
} from '../../../../shared/domain';
import { TencentError } from '../../errors';

/**
 * S1 (contract §3.15–3.16): the bodies of the group REST commands, with
 * Tencent's field names. A body that does not fit is 10004; a group or topic
 * ID that cannot exist is 10015 (Tencent's "invalid GroupId").
 */

export const GROUP_INVALID = 10004;
export const GROUP_ID_INVALID = 10015;

/** Old names (Private, ChatRoom) as the docs write them, and the new ones (Work, Meeting). */
export const RestGroupType = z
  .enum(['Private', 'Work', 'Public', 'ChatRoom', 'Meeting', 'AVChatRoom', 'Community'])
  .transform((value) => groupTypeFromRest(value) as GroupType);

const uint32 = z.number().int().min(0).max(0xffff_ffff);
/** Some clients send integers as strings (the topic docs type From_Account as uint64). */
const looseUint = z.union([uint32, z.string().regex(/^\d{1,10}$/).transform(Number)]).pipe(uint32);

/** An existing group's ID: anything that is not a possible group ID is 10015. */
const RefGroupId = z.string().refine((id) => GroupId.safeParse(id).success, 'Not a valid GroupId.');
const RefTopicId = z.string().min(1).max(200);
const OnOff = z.enum(['On', 'Off']).transform((v) => v === 'On');

function definedData(valueBytes: number, max: number) {
  return z
    .array(z.object({ Key: GroupCustomKey, Value: maxBytes(valueBytes) }))
    .max(max)
    .transform((items) => Object.fromEntries(items.map((i) => [i.Key, i.Value])));
}
export const GroupDefinedData = definedData(GROUP_LIMITS.groupCustomValueBytes, GROUP_LIMITS.maxGroupCustomFields);
export const MemberDefinedData = definedData(GROUP_LIMITS.memberCustomValueBytes, GROUP_LIMITS.maxMemberCustomFields);

const Silence = z.union([z.literal(0), z.literal(1)]).optional();
const FilterList = z.array(z.string()).max(100);

export const CreateGroupBody = z.object({
  Owner_Account: UserId.optional(),
  Type: RestGroupType,
  GroupId: z.string().optional(),
  Name: GroupName,
  Introduction: GroupIntroduction.optional(),
  Notification: GroupNotification.optional(),
  FaceUrl: GroupFaceUrl.optional(),
  MaxMemberCount: z.number().int().min(1).optional(),
  ApplyJoinOption: ApplyJoinOption.optional(),
  AppDefinedData: GroupDefinedData.optional(),
  MemberList: z
    .array(
      z.object({
        Member_Account: UserId,
        Role: z.enum(['Admin', 'Member']).optional(),
        AppMemberDefinedData: MemberDefinedData.optional(),
      }),
    )
    .max(GROUP_LIMITS.maxInitialMembers)
    .optional(),
});

/** import_group: create_group's fields without MemberList, plus CreateTime (Unix seconds). */
export const ImportGroupBody = CreateGroupBody.omit({ MemberList: true }).extend({ CreateTime: uint32.optional() });

export const GetGroupInfoBody = z.object({
  GroupIdList: z.array(z.string()).min(1).max(50),
  ResponseFilter: z
    .object({
      GroupBaseInfoFilter: FilterList.optional(),
      MemberInfoFilter: FilterList.optional(),
      AppDefinedDataFilter_Group: FilterList.optional(),
      AppDefinedDataFilter_GroupMember: FilterList.optional(),
    })
    .optional(),
});

export const ModifyGroupBaseInfoBody = z.object({
  GroupId: RefGroupId,
  Name: GroupName.optional(),
  Introduction: GroupIntroduction.optional(),
  Notification: GroupNotification.optional(),
  FaceUrl: GroupFaceUrl.optional(),
  MaxMemberNum: z.number().int().min(1).optional(),
  ApplyJoinOption: ApplyJoinOption.optional(),
  ShutUpAllMember: OnOff.optional(),
  AppDefinedData: GroupDefinedData.optional(),
});

export const AddGroupMemberBody = z.object({
  GroupId: RefGroupId,
  Silence,
  MemberList: z.array(z.object({ Member_Account: UserId })).min(1),
});

export const DeleteGroupMemberBody = z.object({
  GroupId: RefGroupId,
  Silence,
  Reason: z.string().optional(),
  MemberToDel_Account: z.array(UserId).min(1),
});

export const ModifyGroupMemberInfoBody = z.object({
  GroupId: RefGroupId,
  Member_Account: UserId,
  Role: z.enum(['Admin', 'Member']).optional(),
  MsgFlag: GroupMsgFlag.optional(),
  NameCard: NameCard.optional(),
  AppMemberDefinedData: MemberDefinedData.optional(),
  ShutUpTime: uint32.optional(),
});

export const GroupIdBody = z.object({ GroupId: RefGroupId });

export const GetJoinedGroupListBody = z.object({
  Member_Account: UserId,
  WithHugeGroups: z.union([z.literal(0), z.literal(1)]).optional(),
  WithNoActiveGroups: z.union([z.literal(0), z.literal(1)]).optional(),
  Limit: z.number().int().min(1).max(5000).optional(),
  Offset: z.number().int().min(0).optional(),
  GroupType: RestGroupType.optional(),
  ResponseFilter: z
    .object({
      GroupBaseInfoFilter: FilterList.optional(),
      SelfInfoFilter: FilterList.optional(),
    })
    .optional(),
});

export const GetGroupMemberInfoBody = z.object({
  GroupId: RefGroupId,
  MemberInfoFilter: FilterList.optional(),
  MemberRoleFilter: z.array(GroupRole).optional(),
  AppDefinedDataFilter_GroupMember: FilterList.optional(),
  Limit: z.number().int().min(1).max(6000).optional(),
  Offset: z.number().int().min(0).optional(),
  /** Communities page with Next (0 first, then the reply's Next) instead of Offset. */
  Next: looseUint.optional(),
});

export const ChangeGroupOwnerBody = z.object({ GroupId: RefGroupId, NewOwner_Account: UserId });

export const ForbidSendMsgBody = z.object({
  GroupId: RefGroupId,
  Members_Account: z.array(UserId).min(1),
  ShutUpTime: uint32,
});

export const GetGroupMutedAccountBody = z.object({ GroupId: RefGroupId, TopicId: RefTopicId.optional() });

export const ImportGroupMemberBody = z.object({
  GroupId: RefGroupId,
  MemberList: z
    .array(
      z.object({
        Member_Account: UserId,
        Role: z.enum(['Admin', 'Member']).optional(),
        JoinTime: uint32.optional(),
        UnreadMsgNum: uint32.optional(),
      }),
    )
    .min(1),
});

// ---------------------------------------------------------------- topics (million_group_open_http_svc)

const TopicFields = {
  CustomString: TopicCustomString.optional(),
  FaceUrl: GroupFaceUrl.optional(),
  Notification: GroupNotification.optional(),
  Introduction: GroupIntroduction.optional(),
};

export const CreateTopicBody = z.object({
  GroupId: RefGroupId,
  TopicId: RefTopicId.optional(),
  TopicName: TopicName,
  From_Account: UserId.optional(),
  // Topic custom fields are not kept on this server: refused rather than dropped.
  TopicDefinedData: z.never({ error: 'Topic custom fields (TopicDefinedData) are not supported on this server.' }).optional(),
  ...TopicFields,
});

export const GetTopicBody = z.object({
  GroupId: RefGroupId,
  From_Account: UserId,
  TopicIdList: z.array(RefTopicId).max(200).optional(),
  ResponseFilter: FilterList.optional(),
});

export const ModifyTopicBody = z.object({
  GroupId: RefGroupId,
  TopicId: RefTopicId,
  From_Account: UserId.optional(),
  TopicName: TopicName.optional(),
  MuteAllMember: OnOff.optional(),
  ...TopicFields,
});

export const DestroyTopicBody = z.object({ GroupId: RefGroupId, TopicIdList: z.array(RefTopicId).min(1).max(200) });

/** Fields whose refusal means "this ID cannot exist" (10015) rather than a malformed request (10004). */
const ID_FIELDS = new Set(['GroupId', 'GroupIdList']);

/** The body as `schema` reads it, or the TencentError Tencent answers a bad body with. */
export function parseBody<S extends z.ZodType>(schema: S, body: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const code = issue?.code === 'custom' && ID_FIELDS.has(String(issue.path[0])) ? GROUP_ID_INVALID : GROUP_INVALID;
  throw new TencentError(code, field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'Invalid request.'));
}
