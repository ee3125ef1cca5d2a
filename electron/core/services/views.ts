import { C2C_MESSAGE_DEFAULTS, c2cConversationId, messageId, type ChatMessage, type C2cConversation, type PresenceStatus } from '../../../shared/domain';
import { currentTransfer } from '../media/transfers';
import type { ReadableDB } from '../store/database';
import { unreadCount, type C2cConversationRecord } from '../store/tables/conversations';
import { lastMessage, type MessageRecord } from '../store/tables/messages';
import { friendRemark } from '../store/tables/contacts';
import { getUser } from '../store/tables/users';

/** How the renderer sees a stored message: ownership and "read by the peer" are relative to the signed-in user. */
export function toChatMessage(message: MessageRecord, me: string, peerReadSeq: number): ChatMessage {
  const isOwn = message.sender === me;
  return {
    id: messageId(message.sender, message.clientMsgId),
    conversationId: message.conversationId,
    seq: message.seq,
    from: message.sender,
    isOwn,
    body: message.body,
    time: message.time,
    status: message.status,
    readByPeer: isOwn && message.seq !== null && message.seq <= peerReadSeq,
    error: message.error,
    cloudCustomData: message.cloudCustomData,
    replyTo: message.replyTo,
    recalled: message.recalled,
    recalledText: isOwn ? message.recalledText : null,
    editedAt: message.editedAt,
    reactions: message.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds, mine: r.userIds.includes(me) })),
    transfer: isOwn && message.seq === null ? currentTransfer(messageId(message.sender, message.clientMsgId)) : null,
    hasPendingChanges: message.pendingOps > 0,
    // The local store holds one-to-one messages only until ADR 0004 WP5.
    groupAt: C2C_MESSAGE_DEFAULTS.groupAt,
    mentionsMe: false,
    senderName: null,
    needReceipt: false,
    receipt: null,
    isTip: false,
  };
}

export function toConversation(db: ReadableDB, record: C2cConversationRecord, me: string, presence: PresenceStatus | null): C2cConversation {
  const last = lastMessage(db, record.id);
  return {
    kind: 'c2c',
    id: c2cConversationId(record.peer),
    peer: { ...(getUser(db, record.peer) ?? { userId: record.peer, nickname: record.peer }), remark: friendRemark(db, record.peer) },
    lastMessage: last ? toChatMessage(last, me, record.peerReadSeq) : null,
    unreadCount: unreadCount(db, record),
    lastActivityAt: record.lastActivityAt,
    presence,
    pinned: record.pinned,
    recvOpt: record.recvOpt,
    draft: record.draft,
    draftAt: record.draftAt,
  };
}
