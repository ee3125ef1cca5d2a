import type { GroupConversation } from '../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../shared/ipc';

/** Communities, topics and topic conversations for the community rail and view tests. */
export const MAKERS = '@TGS#_makers';
export const OTHER = '@TGS#_other';
export const topicId = (community: string, part: string) => `${community}@TOPIC#_${part}`;

export function topicEntry(community: string, part: string, extra: Partial<TopicEntry> = {}): TopicEntry {
  return {
    topicId: topicId(community, part),
    groupId: community,
    name: part,
    introduction: '',
    notification: '',
    faceUrl: '',
    customString: '',
    muteAll: false,
    defaultPermissions: 0,
    category: '',
    createTime: 1_700_000_000,
    infoSeq: 1,
    resolvedAt: null,
    resolvedBy: null,
    myBits: 0,
    ...extra,
  };
}

export function topicConversation(community: string, part: string | null, extra: Partial<GroupConversation> = {}): GroupConversation {
  const key = part === null ? community : topicId(community, part);
  return {
    kind: 'group',
    id: `group_${key}`,
    groupId: community,
    topicId: part === null ? null : key,
    groupType: 'Community',
    group: { name: 'Makers', faceUrl: '', memberNum: 4 },
    topic: part === null ? null : { name: part, faceUrl: '' },
    unreadMention: null,
    left: false,
    lastMessage: null,
    unreadCount: 0,
    lastActivityAt: 0,
    pinned: false,
    recvOpt: 'AcceptAndNotify',
    draft: null,
    draftAt: null,
    ...extra,
  };
}

export function community(groupId: string, name: string, extra: Partial<JoinedGroup> = {}): JoinedGroup {
  return {
    group: {
      groupId,
      type: 'Community',
      name,
      introduction: '',
      notification: '',
      faceUrl: '',
      owner: 'alice',
      createTime: 1_700_000_000,
      infoSeq: 1,
      lastInfoTime: 0,
      lastMsgTime: 0,
      nextMsgSeq: 1,
      memberNum: 4,
      maxMemberNum: null,
      applyJoinOption: 'FreeAccess',
      muteAll: false,
      active: true,
      defaultPermissions: 0,
      custom: {},
    },
    self: { role: 'Member', joinTime: 1_700_000_000, nameCard: '', mutedUntil: 0, msgFlag: 'AcceptAndNotify', permissionGroupIds: [] },
    myBits: 0,
    ...extra,
  };
}
