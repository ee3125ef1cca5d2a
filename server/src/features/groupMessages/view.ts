import { type GroupServerConversation, type GroupType, type RecvOpt, type ServerMessage, groupConversationId } from '../../../../shared/domain';
import { type GroupConversationRecord, type StoredGroupMessage } from '../../store/types';
import { msgKeyOf } from '../messages/view';

/** A group message's conversation: the group's, or the topic's when its key is a topic ID. */
export function conversationIdOf(message: Pick<StoredGroupMessage, 'groupKey' | 'groupId'>): ReturnType<typeof groupConversationId> {
  return groupConversationId(message.groupId, message.groupKey === message.groupId ? null : message.groupKey);
}

/**
 * A group message as members receive it. Pushes are the same for every member (ADR §3: "[@me]" is
 * computed by the receiver); `viewer` only matters for their own deletion of it (sync pages).
 */
export function toGroupServerMessage(message: StoredGroupMessage, viewer: string | null): ServerMessage {
  const deletion = viewer === null ? undefined : message.deletedFor.find((d) => d.userId === viewer);
  const deleted = deletion !== undefined;
  return {
    msgKey: msgKeyOf(message),
    clientMsgId: message.clientMsgId,
    conversationId: conversationIdOf(message),
    from: message.from,
    to: null,
    seq: message.seq,
    time: message.time,
    body: deleted ? [] : message.body,
    cloudCustomData: deleted ? '' : message.cloudCustomData,
    replyTo: deleted ? null : message.replyTo,
    recalled: message.recalled,
    editedAt: message.editedAt,
    reactions: deleted ? [] : message.reactions,
    deletedForMe: deleted,
    modSeq: deletion ? Math.max(deletion.modSeq, message.modSeq) : message.modSeq,
    groupAt: message.groupAt,
    priority: message.priority,
    needReceipt: message.needReceipt,
    receipt: null,
    isTip: message.isTip,
    movedTo: message.movedTo ?? null,
    movedFrom: message.movedFrom ?? null,
  };
}

/** A group or topic conversation as a member lists it; the row's own receive option (a topic's) wins over the group's MsgFlag. */
export function toGroupServerConversation(record: GroupConversationRecord, groupType: GroupType, msgFlag: RecvOpt): GroupServerConversation {
  return {
    kind: 'group',
    conversationId: groupConversationId(record.groupId, record.topicId),
    groupId: record.groupId,
    topicId: record.topicId,
    groupType,
    mentions: record.mentions.map((m) => ({ seq: m.seq, messageId: `${m.sender}:${m.clientMsgId}`, all: m.all })),
    left: false,
    lastSeq: record.lastSeq,
    lastMessage: record.lastMessage ? toGroupServerMessage(record.lastMessage, null) : null,
    unreadCount: record.unreadCount,
    readSeq: record.readSeq,
    modSeq: record.modSeq,
    clearedSeq: record.clearedSeq,
    pinned: record.pinned,
    recvOpt: record.recvOpt ?? msgFlag,
  };
}
