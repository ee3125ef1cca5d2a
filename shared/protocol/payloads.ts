import { z } from 'zod';
import {
  ClientMsgId,
  ConversationId,
  MsgBody,
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
    input: z.strictObject({ clientMsgId: ClientMsgId, to: UserId, body: MsgBody }),
    output: z.object({ message: ServerMessage, duplicate: z.boolean() }),
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
  'conversation:read': z.object({ conversationId: ConversationId, reader: UserId, readSeq: Seq }),
  'typing:changed': z.object({ conversationId: ConversationId, from: UserId }),
  'presence:changed': z.object({ userId: UserId, status: PresenceStatus }),
  'session:kicked': z.object({ reason: z.string() }),
} as const;

export type PushName = keyof typeof pushSchemas;
export type PushPayload<N extends PushName> = z.infer<(typeof pushSchemas)[N]>;
