import {
  c2cConversationId,
  mentionsUser,
  messageId,
  parseConversationId,
  type ChatMessage,
  type C2cConversation,
  type Conversation,
  type PresenceStatus,
  type ServerMessage,
} from '../../../shared/domain';
import { currentTransfer } from '../media/transfers';
import type { ReadableDB } from '../store/database';
import {
  unreadCount,
  type C2cConversationRecord,
  type ConversationRecord,
  type GroupConversationRecord,
} from '../store/tables/conversations';
import { lastMessage, unreadMentionOf, type MessageRecord } from '../store/tables/messages';
import { friendRemark } from '../store/tables/contacts';
import { getGroup, getMember, getTopic } from '../store/tables/groups';
import { getUser } from '../store/tables/users';
import type { LiveRooms } from '../sync/liveRooms';

/** The group a group or topic conversation belongs to (a topic's members are its community's); null one-to-one. */
function groupOf(conversationId: string): string | null {
  const parsed = parseConversationId(conversationId);
  return parsed?.kind === 'group' ? parsed.groupId : null;
}

/**
 * A group message's sender as this viewer names them (ADR 0004 §7): their name card in the
 * group (cached members), else my remark while they are my friend, else their nickname; null
 * when none is known here (the renderer shows the UserID).
 */
export function senderName(db: ReadableDB, groupId: string, userId: string): string | null {
  const card = getMember(db, groupId, userId)?.nameCard;
  if (card) return card;
  const remark = friendRemark(db, userId);
  if (remark) return remark;
  const nickname = getUser(db, userId)?.nickname;
  return nickname && nickname !== userId ? nickname : null;
}

/**
 * How the renderer sees a stored message: ownership and "read by the peer" are relative to the
 * signed-in user. Group messages name their sender when `db` is given (the caches live there);
 * "read by the peer" is one-to-one only (group receipts are counts).
 */
export function toChatMessage(message: MessageRecord, me: string, peerReadSeq: number, db?: ReadableDB): ChatMessage {
  const isOwn = message.sender === me;
  const groupId = groupOf(message.conversationId);
  return {
    id: messageId(message.sender, message.clientMsgId),
    conversationId: message.conversationId,
    seq: message.seq,
    from: message.sender,
    isOwn,
    body: message.body,
    time: message.time,
    status: message.status,
    readByPeer: groupId === null && isOwn && message.seq !== null && message.seq <= peerReadSeq,
    error: message.error,
    cloudCustomData: message.cloudCustomData,
    replyTo: message.replyTo,
    recalled: message.recalled,
    recalledText: isOwn ? message.recalledText : null,
    editedAt: message.editedAt,
    reactions: message.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds, mine: r.userIds.includes(me) })),
    transfer: isOwn && message.seq === null ? currentTransfer(messageId(message.sender, message.clientMsgId)) : null,
    hasPendingChanges: message.pendingOps > 0,
    groupAt: message.groupAt,
    mentionsMe: message.atMe,
    needReceipt: message.needsReceipt,
    receipt: isOwn ? message.receipt : null,
    isTip: message.isTip,
    senderName: groupId !== null && db ? senderName(db, groupId, message.sender) : null,
    movedFrom: message.movedFrom,
  };
}

/** A seq-0 group message from the live ring (never stored): shown as delivered, with nothing pending. */
export function liveChatMessage(db: ReadableDB, message: ServerMessage, me: string): ChatMessage {
  const isOwn = message.from === me;
  const groupId = groupOf(message.conversationId);
  return {
    id: messageId(message.from, message.clientMsgId),
    conversationId: message.conversationId,
    seq: message.seq,
    from: message.from,
    isOwn,
    body: message.body,
    time: message.time,
    status: 'sent',
    readByPeer: false,
    error: null,
    cloudCustomData: message.cloudCustomData,
    replyTo: message.replyTo,
    recalled: message.recalled,
    recalledText: null,
    editedAt: message.editedAt,
    reactions: message.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds, mine: r.userIds.includes(me) })),
    transfer: null,
    hasPendingChanges: false,
    groupAt: message.groupAt,
    mentionsMe: mentionsUser(message.groupAt, message.from, me),
    needReceipt: false,
    receipt: null,
    isTip: message.isTip,
    senderName: groupId === null ? null : senderName(db, groupId, message.from),
    movedFrom: null,
  };
}

export function toC2cConversation(db: ReadableDB, record: C2cConversationRecord, me: string, presence: PresenceStatus | null): C2cConversation {
  const last = lastMessage(db, record.id);
  return {
    kind: 'c2c',
    id: c2cConversationId(record.peer),
    peer: { ...(getUser(db, record.peer) ?? { userId: record.peer, nickname: record.peer }), remark: friendRemark(db, record.peer) },
    lastMessage: last ? toChatMessage(last, me, record.peerReadSeq, db) : null,
    unreadCount: unreadCount(db, record, me),
    lastActivityAt: record.lastActivityAt,
    presence,
    pinned: record.pinned,
    recvOpt: record.recvOpt,
    draft: record.draft,
    draftAt: record.draftAt,
  };
}

/**
 * M8 "[@me]" / "[@all]" while a mention is unread: from stored messages, and from the server's
 * hints for history this device has not stored. Gone once read past.
 */
function unreadMention(db: ReadableDB, record: GroupConversationRecord, me: string): 'me' | 'all' | null {
  const stored = unreadMentionOf(db, record.id, record.readSeq, me);
  if (stored === 'me') return 'me';
  const hints = record.mentionHints.filter((h) => h.seq > record.readSeq && h.seq > record.clearedSeq);
  if (hints.some((h) => !h.all)) return 'me';
  return stored ?? (hints.length > 0 ? 'all' : null);
}

/** A group or topic conversation: names and faces from the group cache, which change without a message. */
export function toGroupConversation(db: ReadableDB, record: GroupConversationRecord, me: string, liveRooms?: LiveRooms): Conversation {
  const stored = lastMessage(db, record.id);
  const live = liveRooms?.list(record.id).at(-1);
  const lastView =
    live && (!stored || live.time >= stored.time)
      ? liveChatMessage(db, live, me)
      : stored
        ? toChatMessage(stored, me, 0, db)
        : null;
  // The cache while it holds the group; once I left, the names it was last shown with; else its ID.
  const cached = getGroup(db, record.groupId)?.group;
  const topic = record.topicId === null ? null : (getTopic(db, record.topicId) ?? record.view?.topic);
  const known = cached ?? record.view?.group;
  return {
    kind: 'group',
    id: record.id as Extract<Conversation, { kind: 'group' }>['id'],
    groupId: record.groupId,
    topicId: record.topicId,
    groupType: record.groupType,
    group: { name: known?.name ?? record.groupId, faceUrl: known?.faceUrl ?? '', memberNum: known?.memberNum ?? 0 },
    topic: record.topicId === null ? null : { name: topic?.name ?? record.topicId, faceUrl: topic?.faceUrl ?? '' },
    unreadMention: unreadMention(db, record, me),
    left: record.left,
    lastMessage: lastView,
    unreadCount: unreadCount(db, record, me),
    lastActivityAt: Math.max(record.lastActivityAt, live?.time ?? 0),
    pinned: record.pinned,
    recvOpt: record.recvOpt,
    draft: record.draft,
    draftAt: record.draftAt,
  };
}

/** The list entry of any stored conversation. */
export function toConversation(
  db: ReadableDB,
  record: ConversationRecord,
  me: string,
  presenceOf: (userId: string) => PresenceStatus | null,
  liveRooms?: LiveRooms,
): Conversation {
  return record.kind === 'c2c'
    ? toC2cConversation(db, record, me, presenceOf(record.peer))
    : toGroupConversation(db, record, me, liveRooms);
}

/**
 * The newest page of a conversation with its live (seq-0, never stored) messages merged in by
 * time: each goes before the first page message that is newer. Only the newest page takes
 * them — they are the present, and nothing older than the ring exists anywhere.
 */
export function withLiveMessages<P extends { messages: ChatMessage[] }>(
  db: ReadableDB,
  me: string,
  liveRooms: LiveRooms,
  conversationId: string,
  page: P,
): P {
  const shown = new Set(page.messages.map((m) => m.id));
  const live = liveRooms
    .list(conversationId)
    .map((m) => liveChatMessage(db, m, me))
    .filter((m) => !shown.has(m.id));
  if (live.length === 0) return page;
  const merged = [...page.messages];
  for (const message of live) {
    const at = merged.findIndex((m) => m.time > message.time);
    merged.splice(at < 0 ? merged.length : at, 0, message);
  }
  return { ...page, messages: merged };
}
