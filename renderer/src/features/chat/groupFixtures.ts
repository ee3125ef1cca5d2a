import type { GroupConversation } from '../../../../shared/domain';

/** A group conversation row for the chat feature's tests (a Public group "Hikers" unless told otherwise). */
export function groupConversation(groupId: string, extra: Partial<GroupConversation> = {}): GroupConversation {
  return {
    kind: 'group',
    id: `group_${groupId}`,
    groupId,
    topicId: null,
    groupType: 'Public',
    group: { name: 'Hikers', faceUrl: '', memberNum: 4 },
    topic: null,
    unreadMention: null,
    left: false,
    lastMessage: null,
    unreadCount: 0,
    lastActivityAt: 1_700_000_000_000,
    pinned: false,
    recvOpt: 'AcceptAndNotify',
    draft: null,
    draftAt: null,
    ...extra,
  };
}
