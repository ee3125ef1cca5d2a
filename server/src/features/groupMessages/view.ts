import { type ServerMessage, groupConversationId } from '../../../../shared/domain';
import { type StoredGroupMessage } from '../../store/types';
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
  };
}
