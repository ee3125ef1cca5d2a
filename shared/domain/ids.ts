import { z } from 'zod';

/**
 * Bytes of a string in UTF-8: Tencent's limits are in bytes, not characters.
 * Counted by hand because shared/ may use neither DOM nor Node (no TextEncoder, no Buffer).
 */
export function utf8Length(value: string): number {
  let bytes = 0;
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A1: 1–32 bytes of letters, digits, `_` and `-`. */
export const UserId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'A UserID is 1–32 letters, digits, "_" or "-".');
export type UserId = z.infer<typeof UserId>;

/**
 * Conversation IDs follow Tencent's client SDK: `c2c_<peerUserID>` for a
 * one-to-one chat as seen by the local user (`group_<groupID>` comes with groups).
 */
export const ConversationId = z.string().regex(/^c2c_[A-Za-z0-9_-]{1,32}$/, 'Unknown conversation ID.');
export type ConversationId = z.infer<typeof ConversationId>;

export function c2cConversationId(peer: string): ConversationId {
  return `c2c_${peer}`;
}

export function peerOfConversation(conversationId: ConversationId): UserId {
  return conversationId.slice('c2c_'.length);
}

/** A client-made message ID: retries of one send carry the same ID. */
export const ClientMsgId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A client message ID is 8–64 URL-safe characters.');
export type ClientMsgId = z.infer<typeof ClientMsgId>;

/**
 * How the renderer names a message: `<sender>:<clientMsgId>`. Client message IDs are
 * unique per sender only (the server's key is the pair), so two people may pick the
 * same one; the pair is the same on every device that holds the message.
 */
export const MessageId = z.string().regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]{8,64}$/, 'Unknown message ID.');
export type MessageId = z.infer<typeof MessageId>;

export function messageId(sender: UserId, clientMsgId: ClientMsgId): MessageId {
  return `${sender}:${clientMsgId}`;
}

/** The sender and client message ID a MessageId names, or null if it is not one. */
export function parseMessageId(id: string): { sender: UserId; clientMsgId: ClientMsgId } | null {
  if (!MessageId.safeParse(id).success) return null;
  const colon = id.indexOf(':');
  return { sender: id.slice(0, colon), clientMsgId: id.slice(colon + 1) };
}

export const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
