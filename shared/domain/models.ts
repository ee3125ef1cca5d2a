import { z } from 'zod';
import { C2cConversationId, ClientMsgId, ConversationId, GroupConversationId, MessageId, Seq, UserId } from './ids';
import { ErrorShape } from '../errors';
import { StoredBody } from './elements';
import { GroupId, TopicId } from './groupIds';
import { GroupAt, GroupMsgPriority, GroupType } from './groups';
import { GroupMentionHint, GroupReceiptCounts } from './groupMessages';

export const PresenceStatus = z.enum(['online', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** M12: Tencent's receive options. C2C offers the first two in the UI; groups use all four. */
export const RecvOpt = z.enum(['AcceptAndNotify', 'AcceptNotNotify', 'Discard', 'AcceptNotNotifyExceptAt']);
export type RecvOpt = z.infer<typeof RecvOpt>;

/** M13: an emoji reaction (a short grapheme sequence, not free text). */
export const ReactionEmoji = z
  .string()
  .min(1)
  .max(32)
  .refine((value) => !/[\s<>]/.test(value), 'A reaction is one emoji.');
export const Reaction = z.object({ emoji: ReactionEmoji, userIds: z.array(UserId) });
export type Reaction = z.infer<typeof Reaction>;

/** M14: what a reply quotes, resolved by the server from the stored original (so the quote cannot lie). */
export const ReplyRef = z.object({
  messageId: MessageId,
  from: UserId,
  seq: Seq,
  /** previewOf(original body): kept up to date when the original is edited, emptied when it is recalled. */
  preview: z.string(),
});
export type ReplyRef = z.infer<typeof ReplyRef>;

/**
 * ADR 0005: where a moved topic message went (on the tombstone left behind) or came from (on its copy).
 * `messageId` names the other copy, so a client can open it.
 */
export const MovedRef = z.object({ conversationId: GroupConversationId, messageId: MessageId, seq: Seq });
export type MovedRef = z.infer<typeof MovedRef>;

export const UserProfile = z.object({
  userId: UserId,
  nickname: z.string(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/**
 * A stored message as the server delivers it, from the recipient's point of
 * view (`conversationId` names the other party, or the group/topic). `seq` is
 * the conversation's gap-free sequence, identical for every party; 0 for a
 * group message that is never stored (AVChatRoom, online-only, online tips).
 */
export const ServerMessage = z.object({
  msgKey: z.string(),
  clientMsgId: ClientMsgId,
  conversationId: ConversationId,
  from: UserId,
  /** The recipient of a one-to-one message; null in a group or topic. */
  to: UserId.nullable(),
  seq: Seq,
  time: z.number().int(),
  /** Empty once recalled or deleted for the viewer. */
  body: StoredBody,
  /** M1: Tencent's CloudCustomData, kept and delivered as sent ('' when none). */
  cloudCustomData: z.string(),
  replyTo: ReplyRef.nullable(),
  /** M5: recalled messages keep their seq; the body is emptied. */
  recalled: z.boolean(),
  /** M14: Unix ms of the last edit, null if never edited. */
  editedAt: z.number().int().nullable(),
  reactions: z.array(Reaction),
  /** M10: the viewer deleted it for themselves (body emptied, seq kept so there is no gap). */
  deletedForMe: z.boolean(),
  /**
   * The conversation's modification counter when this message last changed
   * (recall, edit, reaction, deletion for the viewer); 0 if never. Clients
   * catch up on changes with `sync:messagesModified`.
   */
  modSeq: Seq,
  /** M8 (groups): whom it @-mentions; null when nobody (always null one-to-one). */
  groupAt: GroupAt.nullable(),
  /** M15 (groups): 'Normal' one-to-one. */
  priority: GroupMsgPriority,
  /** M6 (groups): the sender asked for a group read receipt; false one-to-one (c2c receipts are peerReadSeq). */
  needReceipt: z.boolean(),
  /** M6: read/unread counts, in the sender's view of their own receipt message only; null otherwise. */
  receipt: GroupReceiptCounts.nullable(),
  /** G5: a group-change tip (body is one TIMGroupTipElem): not unread, not recallable. */
  isTip: z.boolean(),
  /** ADR 0005 (topics): moved away; the body is emptied and this says where it went. Absent one-to-one. */
  movedTo: MovedRef.nullable().optional(),
  /** ADR 0005 (topics): this is the copy of a message moved here from another topic. Absent one-to-one. */
  movedFrom: MovedRef.nullable().optional(),
});
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Fields of a one-to-one message that a group message leaves at their defaults. */
export const C2C_MESSAGE_DEFAULTS = { groupAt: null, priority: 'Normal', needReceipt: false, receipt: null, isTip: false } as const;

/** Per-user conversation state, the same shape for every kind. */
const ServerConversationState = {
  lastSeq: Seq,
  lastMessage: ServerMessage.nullable(),
  unreadCount: z.number().int().min(0),
  /** How far the local user has read. */
  readSeq: Seq,
  /** The conversation's modification counter (see ServerMessage.modSeq). */
  modSeq: Seq,
  /** M10: the viewer cleared history up to here; nothing at or below it is returned any more. */
  clearedSeq: Seq,
  /** M12: per-user settings, the same on every device (a group's recvOpt is the member's MsgFlag, a topic's its own). */
  pinned: z.boolean(),
  recvOpt: RecvOpt,
};

export const C2cServerConversation = z.object({
  kind: z.literal('c2c'),
  conversationId: C2cConversationId,
  peer: UserProfile,
  /** How far the other party has read (one-to-one read receipts, M6). */
  peerReadSeq: Seq,
  ...ServerConversationState,
});
export type C2cServerConversation = z.infer<typeof C2cServerConversation>;

/** A group's conversation, or one of a community's topics (ADR 0004 §5). */
export const GroupServerConversation = z.object({
  kind: z.literal('group'),
  conversationId: GroupConversationId,
  /** The group; for a topic, its community. */
  groupId: GroupId,
  topicId: TopicId.nullable(),
  groupType: GroupType,
  /** M8: the viewer's unread mentions, newest first (≤ GROUP_MESSAGE_LIMITS.maxMentionHints). */
  mentions: z.array(GroupMentionHint),
  /** The viewer is no longer a member (quit, kicked, disbanded): what they hold stays readable. */
  left: z.boolean(),
  ...ServerConversationState,
});
export type GroupServerConversation = z.infer<typeof GroupServerConversation>;

export const ServerConversation = z.discriminatedUnion('kind', [C2cServerConversation, GroupServerConversation]);
export type ServerConversation = z.infer<typeof ServerConversation>;

/** Delivery state of a message on the local device. */
export const MessageStatus = z.enum(['pending', 'sent', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

/** A message as the renderer shows it. */
export const ChatMessage = z.object({
  /**
   * `<sender>:<clientMsgId>` (see MessageId): unique across senders and the same on every
   * device; the key for `messages:retry` and the `beforeId` cursor of `messages:page`.
   */
  id: MessageId,
  conversationId: ConversationId,
  seq: Seq.nullable(),
  from: UserId,
  isOwn: z.boolean(),
  body: StoredBody,
  time: z.number().int(),
  status: MessageStatus,
  readByPeer: z.boolean(),
  /** Why a send failed for good (e.g. the peer does not exist); translated by code. */
  error: ErrorShape.nullable(),
  cloudCustomData: z.string(),
  replyTo: ReplyRef.nullable(),
  recalled: z.boolean(),
  /** M5: the sender may put recalled text back into the composer (own text messages only; null otherwise). */
  recalledText: z.string().nullable(),
  editedAt: z.number().int().nullable(),
  reactions: z.array(z.object({ emoji: ReactionEmoji, userIds: z.array(UserId), mine: z.boolean() })),
  /**
   * An upload in progress for a pending message (M2), or null. `paused` while
   * offline (it resumes where it stopped); `sent`/`total` in bytes.
   */
  transfer: z
    .object({ state: z.enum(['uploading', 'paused']), sent: z.number().int().min(0), total: z.number().int().min(0) })
    .nullable(),
  /**
   * Edits, recalls and reactions of own messages made while offline wait in
   * the outbox: the message already shows them; this says they are not on the
   * server yet.
   */
  hasPendingChanges: z.boolean(),
  /** M8: whom it @-mentions (groups; null when nobody). */
  groupAt: GroupAt.nullable(),
  /** M8: it mentions the local user (by ID or @All) and is not their own (mentionsUser). */
  mentionsMe: z.boolean(),
  /** M6: the sender asked for a group read receipt. */
  needReceipt: z.boolean(),
  /** M6: read/unread counts of an own receipt message; null otherwise. */
  receipt: GroupReceiptCounts.nullable(),
  /** G5: a group-change tip, shown as a centred system line. */
  isTip: z.boolean(),
  /**
   * Groups: the sender as this viewer names them (their name card in the group, else my remark for a
   * friend, else their nickname), from the core's caches; null in one-to-one chats and when unknown.
   */
  senderName: z.string().nullable(),
  /** ADR 0005: moved here from another topic; null otherwise (what moved away is not shown where it was). */
  movedFrom: MovedRef.nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/**
 * The other party of a conversation as this viewer names them: `remark` is my own remark
 * for them while they are my friend (R4), which my screens show before the nickname.
 * Others never see it (a forwarded bundle's title uses the nickname).
 */
export const ConversationPeer = UserProfile.extend({ remark: z.string().optional() });
export type ConversationPeer = z.infer<typeof ConversationPeer>;

/** What every conversation row holds, whatever its kind. */
const ConversationState = {
  lastMessage: ChatMessage.nullable(),
  unreadCount: z.number().int().min(0),
  lastActivityAt: z.number().int(),
  pinned: z.boolean(),
  recvOpt: RecvOpt,
  /** M12: the unsent composer text, kept in the local store across restarts (null when none). */
  draft: z.string().nullable(),
  draftAt: z.number().int().nullable(),
};

export const C2cConversation = z.object({
  kind: z.literal('c2c'),
  id: C2cConversationId,
  peer: ConversationPeer,
  presence: PresenceStatus.nullable(),
  ...ConversationState,
});
export type C2cConversation = z.infer<typeof C2cConversation>;

/** A group's conversation or a community topic's, as the renderer lists it (ADR 0004 §5, §7). */
export const GroupConversation = z.object({
  kind: z.literal('group'),
  id: GroupConversationId,
  groupId: GroupId,
  topicId: TopicId.nullable(),
  groupType: GroupType,
  /** From the core's group cache (names and faces change without a message). */
  group: z.object({ name: z.string(), faceUrl: z.string(), memberNum: z.number().int().min(0) }),
  topic: z.object({ name: z.string(), faceUrl: z.string() }).nullable(),
  /** M8: an unread message mentions me ("[@me]"), or everyone ("[@all]"); null when neither. */
  unreadMention: z.enum(['me', 'all']).nullable(),
  /** I am no longer a member: history stays readable, the composer is gone. */
  left: z.boolean(),
  ...ConversationState,
});
export type GroupConversation = z.infer<typeof GroupConversation>;

export const Conversation = z.discriminatedUnion('kind', [C2cConversation, GroupConversation]);
export type Conversation = z.infer<typeof Conversation>;

/** Narrows a Conversation or ServerConversation (or a list's `filter`) to its one-to-one variant. */
export function isC2cConversation<T extends { kind: 'c2c' | 'group' }>(conversation: T): conversation is Extract<T, { kind: 'c2c' }> {
  return conversation.kind === 'c2c';
}

/**
 * What the signed-in server allows, learned from its `/api/v1/info` at sign-in and on every
 * reconnect, so the renderer offers only what the server will accept.
 */
export const ServerPolicy = z.object({
  /** M5: how long after sending a message its sender may recall it (a server setting). */
  recallWindowSeconds: z.number().int().min(0),
});
export type ServerPolicy = z.infer<typeof ServerPolicy>;

/** Until the server has said otherwise (a session saved by an earlier version): the seed's two minutes. */
export const DEFAULT_SERVER_POLICY: ServerPolicy = { recallWindowSeconds: 120 };

export const Session = z.discriminatedUnion('state', [
  /** `reason` says why the person was signed out (kicked, UserSig expired…), translated by code; null when they chose to. */
  z.object({ state: z.literal('signedOut'), reason: ErrorShape.nullable() }),
  z.object({
    state: z.literal('signedIn'),
    userId: UserId,
    nickname: z.string(),
    serverUrl: z.string(),
    serverPolicy: ServerPolicy,
  }),
]);
export type Session = z.infer<typeof Session>;

export const ConnectionStatus = z.enum(['offline', 'connecting', 'online']);
export const ConnectionState = z.object({
  status: ConnectionStatus,
  /** Milliseconds until the next reconnect attempt while offline. */
  retryInMs: z.number().int().nullable(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;
