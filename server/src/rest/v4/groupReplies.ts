import { type GroupInfo, type GroupMember, REST_GROUP_TYPE, type TopicInfo } from '../../../../shared/domain';

/**
 * S1 (contract §3.15–3.16): our group, member and topic views in Tencent's
 * reply shapes. Types use the old names (Private, ChatRoom); a filter names the
 * fields to keep (absent: all). Fields we do not track yet are left out rather
 * than invented: a member's MsgSeq and LastSendMsgTime, a topic's NextMsgSeq and
 * LastMsgTime come with group messaging.
 */

type Reply = Record<string, unknown>;

function keep(out: Reply, filter: ReadonlySet<string> | undefined): Reply {
  if (!filter) return out;
  return Object.fromEntries(Object.entries(out).filter(([key]) => filter.has(key)));
}

export function toFilter(list: readonly string[] | undefined): Set<string> | undefined {
  return list ? new Set(list) : undefined;
}

/** Tencent's [{Key, Value}] list of the custom values a filter keeps (all without one); absent when empty. */
export function definedData(values: Record<string, string>, filter: ReadonlySet<string> | undefined): Array<{ Key: string; Value: string }> | undefined {
  const items = Object.entries(values)
    .filter(([key]) => !filter || filter.has(key))
    .map(([Key, Value]) => ({ Key, Value }));
  return items.length > 0 ? items : undefined;
}

/** A group's base info (GroupBaseInfoFilter names); MaxMemberNum 0 means no limit. */
export function groupBaseInfo(group: GroupInfo, appId: number, filter?: ReadonlySet<string>): Reply {
  return keep(
    {
      Type: REST_GROUP_TYPE[group.type],
      Name: group.name,
      Appid: appId,
      Introduction: group.introduction,
      Notification: group.notification,
      FaceUrl: group.faceUrl,
      Owner_Account: group.owner,
      CreateTime: group.createTime,
      InfoSeq: group.infoSeq,
      LastInfoTime: group.lastInfoTime,
      LastMsgTime: group.lastMsgTime,
      NextMsgSeq: group.nextMsgSeq,
      MemberNum: group.memberNum,
      MaxMemberNum: group.maxMemberNum ?? 0,
      ApplyJoinOption: group.applyJoinOption,
      ShutUpAllMember: group.muteAll ? 'On' : 'Off',
    },
    filter,
  );
}

/** One MemberList entry (MemberInfoFilter names; Member_Account always). */
export function memberItem(member: GroupMember, filter?: ReadonlySet<string>, customFilter?: ReadonlySet<string>): Reply {
  const custom = definedData(member.custom, customFilter);
  return {
    Member_Account: member.userId,
    ...keep({ Role: member.role, JoinTime: member.joinTime, MsgFlag: member.msgFlag, ShutUpUntil: member.mutedUntil, NameCard: member.nameCard }, filter),
    ...(custom ? { AppMemberDefinedData: custom } : {}),
  };
}

/** get_topic's TopicInfo: `GroupID` with a capital D (as documented); TopicId and GroupID always. */
export function topicInfo(topic: TopicInfo, filter?: ReadonlySet<string>): Reply {
  return {
    TopicId: topic.topicId,
    GroupID: topic.groupId,
    ...keep(
      {
        TopicName: topic.name,
        FaceUrl: topic.faceUrl,
        Notification: topic.notification,
        Introduction: topic.introduction,
        CreateTime: topic.createTime,
        MuteAllMember: topic.muteAll ? 'On' : 'Off',
        // Newer docs name the same flag ShutUpAllFlag (0/1).
        ShutUpAllFlag: topic.muteAll ? 1 : 0,
        CustomString: topic.customString,
      },
      filter,
    ),
  };
}
