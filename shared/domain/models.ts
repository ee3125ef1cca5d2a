import { z } from 'zod';
import { ClientMsgId, ConversationId, MessageId, Seq, UserId } from './ids';
import { ErrorShape } from '../errors';
import { MsgBody } from './elements';

export const PresenceStatus = z.enum(['online', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export const UserProfile = z.object({
  userId: UserId,
  nickname: z.string(),
});
export type UserProfile = z.infer<typeof UserProfile>;

/**
 * A stored message as the server delivers it, from the recipient's point of
 * view (`conversationId` names the other party). `seq` is the conversation's
 * gap-free sequence, identical for both parties.
 */
export const ServerMessage = z.object({
  msgKey: z.string(),
  clientMsgId: ClientMsgId,
  conversationId: ConversationId,
  from: UserId,
  to: UserId,
  seq: Seq,
  time: z.number().int(),
  body: MsgBody,
});
export type ServerMessage = z.infer<typeof ServerMessage>;

export const ServerConversation = z.object({
  conversationId: ConversationId,
  peer: UserProfile,
  lastSeq: Seq,
  lastMessage: ServerMessage.nullable(),
  unreadCount: z.number().int().min(0),
  /** How far the local user has read. */
  readSeq: Seq,
  /** How far the other party has read (one-to-one read receipts, M6). */
  peerReadSeq: Seq,
});
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
  body: MsgBody,
  time: z.number().int(),
  status: MessageStatus,
  readByPeer: z.boolean(),
  /** Why a send failed for good (e.g. the peer does not exist); translated by code. */
  error: ErrorShape.nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const Conversation = z.object({
  id: ConversationId,
  peer: UserProfile,
  lastMessage: ChatMessage.nullable(),
  unreadCount: z.number().int().min(0),
  lastActivityAt: z.number().int(),
  presence: PresenceStatus.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

export const Session = z.discriminatedUnion('state', [
  /** `reason` says why the person was signed out (kicked, UserSig expired…), translated by code; null when they chose to. */
  z.object({ state: z.literal('signedOut'), reason: ErrorShape.nullable() }),
  z.object({
    state: z.literal('signedIn'),
    userId: UserId,
    nickname: z.string(),
    serverUrl: z.string(),
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
