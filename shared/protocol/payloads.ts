import { z } from 'zod';
import {
  BlobInfo,
  ClientMsgId,
  ConversationId,
  MediaKind,
  MessageId,
  MsgBody,
  ReactionEmoji,
  RecvOpt,
  RelayElem,
  SignedRelayBundle,
  PresenceStatus,
  Seq,
  ServerConversation,
  ServerMessage,
  UserId,
  UserProfile,
} from '../domain';

/** Platforms as Tencent names them in online-status details. */
export const Platform = z.enum(['Windows', 'Mac', 'Linux', 'Web', 'Android', 'iPhone', 'Unknown']);
export type Platform = z.infer<typeof Platform>;

/** socket.io `auth` sent on every (re)connect. */
export const HandshakeAuth = z.object({
  protocolVersion: z.number().int(),
  sdkAppId: z.number().int().positive(),
  userId: UserId,
  userSig: z.string(),
  platform: Platform,
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/**
 * Client → server requests: each has an input schema and an output schema.
 * Inputs are strict objects: an unknown key (say, a `from` naming someone
 * else) is refused rather than silently dropped.
 */
export const requestSchemas = {
  'message:send': {
    input: z.strictObject({
      clientMsgId: ClientMsgId,
      to: UserId,
      body: MsgBody,
      /** M1: Tencent's CloudCustomData (≤ 1 KB here; counted in the 12 KB body limit). */
      cloudCustomData: z.string().max(1024).optional(),
      /** M14: the message this one replies to, in the same conversation; the server resolves the quote. */
      replyTo: MessageId.optional(),
    }),
    output: z.object({ message: ServerMessage, duplicate: z.boolean() }),
  },
  /** M5: the sender within the server's recall window (default 2 minutes). */
  'message:recall': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId }),
    output: z.object({ message: ServerMessage }),
  },
  /** M14: own text messages only; the new body is text elements only. */
  'message:edit': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId, body: MsgBody }),
    output: z.object({ message: ServerMessage }),
  },
  /** M13: idempotent: adding twice or removing a reaction one has not made changes nothing. */
  'message:react': {
    input: z.strictObject({ conversationId: ConversationId, messageId: MessageId, emoji: ReactionEmoji, add: z.boolean() }),
    output: z.object({ message: ServerMessage }),
  },
  /** M10: delete for me (on all my devices); the other party keeps theirs. */
  'message:deleteForMe': {
    input: z.strictObject({ conversationId: ConversationId, messageIds: z.array(MessageId).min(1).max(100) }),
    output: z.object({ modSeq: Seq }),
  },
  /** M16: stored for admins to review. */
  'message:report': {
    input: z.strictObject({
      conversationId: ConversationId,
      messageId: MessageId,
      reason: z.enum(['spam', 'abuse', 'illegal', 'other']),
      note: z.string().max(500).optional(),
    }),
    output: z.object({ reportId: z.string() }),
  },
  /** M10: clear my history of the conversation (up to its current last seq). */
  'conversation:clear': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.object({ clearedSeq: Seq }),
  },
  /** M10: clear history and remove from my list until a new message arrives. */
  'conversation:delete': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.object({}),
  },
  /** M12: per-user settings, pushed to my other devices as `conversation:updated`. */
  'conversation:setSettings': {
    input: z.strictObject({ conversationId: ConversationId, pinned: z.boolean().optional(), recvOpt: RecvOpt.optional() }),
    output: z.object({ conversation: ServerConversation }),
  },
  /** Messages changed (recall, edit, reaction, deletion for me) after a modSeq, ascending by modSeq. */
  'sync:messagesModified': {
    input: z.strictObject({ conversationId: ConversationId, afterModSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  /** M2: after a tus upload completes: the server hashes, stores content-addressed, makes image variants. */
  'blob:finalize': {
    input: z.strictObject({ uploadId: z.string().min(1).max(128), kind: MediaKind }),
    output: z.object({ blob: BlobInfo }),
  },
  /**
   * M7: the server builds a combined-forward bundle from its own stored copies of
   * messages the caller can see (in the given order), stores and signs it, and
   * returns the relay element to send.
   */
  'relay:create': {
    input: z.strictObject({
      title: z.string().min(1).max(100),
      messages: z.array(z.strictObject({ conversationId: ConversationId, messageId: MessageId })).min(1).max(300),
    }),
    output: z.object({ elem: RelayElem }),
  },
  /** M7: a bundle the caller may see (it is carried by a message they can see). */
  'relay:get': {
    input: z.strictObject({ key: z.string().min(1).max(128) }),
    output: z.object({ bundle: SignedRelayBundle }),
  },
  'conversation:markRead': {
    input: z.strictObject({ conversationId: ConversationId, readSeq: Seq }),
    output: z.object({ readSeq: Seq }),
  },
  'typing:set': {
    input: z.strictObject({ conversationId: ConversationId }),
    output: z.object({}),
  },
  'sync:conversations': {
    input: z.strictObject({}),
    output: z.object({ conversations: z.array(ServerConversation) }),
  },
  /** Messages after a sequence, ascending: catch-up and gap fill. */
  'sync:messagesAfter': {
    input: z.strictObject({ conversationId: ConversationId, afterSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  /** A page before a sequence, returned ascending: history paging. */
  'sync:messagesBefore': {
    input: z.strictObject({ conversationId: ConversationId, beforeSeq: Seq, limit: z.number().int().min(1).max(500) }),
    output: z.object({ messages: z.array(ServerMessage), hasMore: z.boolean() }),
  },
  'users:get': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(100) }),
    output: z.object({ users: z.array(UserProfile) }),
  },
  'presence:get': {
    input: z.strictObject({ userIds: z.array(UserId).min(1).max(500) }),
    output: z.object({ statuses: z.array(z.object({ userId: UserId, status: PresenceStatus })) }),
  },
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestInput<N extends RequestName> = z.infer<(typeof requestSchemas)[N]['input']>;
export type RequestOutput<N extends RequestName> = z.infer<(typeof requestSchemas)[N]['output']>;

/** Server → client pushes, named in the past tense. */
export const pushSchemas = {
  'message:created': ServerMessage,
  /** A message changed (recall, edit, reaction; deletion for me goes to the deleter's devices only). */
  'message:updated': ServerMessage,
  /** Per-user conversation state changed on another device (settings, clear). */
  'conversation:updated': ServerConversation,
  'conversation:deleted': z.object({ conversationId: ConversationId }),
  'conversation:read': z.object({ conversationId: ConversationId, reader: UserId, readSeq: Seq }),
  'typing:changed': z.object({ conversationId: ConversationId, from: UserId }),
  'presence:changed': z.object({ userId: UserId, status: PresenceStatus }),
  'session:kicked': z.object({ reason: z.string() }),
} as const;

export type PushName = keyof typeof pushSchemas;
export type PushPayload<N extends PushName> = z.infer<(typeof pushSchemas)[N]>;
