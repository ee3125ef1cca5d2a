import { z } from 'zod';
import { AppError } from '../errors';
import { GroupId, splitTopicId, type TopicId } from './groupIds';

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
 * Conversation IDs follow Tencent's client SDK (ADR 0004 §1): `c2c_<peerUserID>`
 * for a one-to-one chat as seen by the local user, `group_<groupID>` for a group
 * and `group_<topicID>` for a community topic (the topic ID embeds its
 * community). The key after `group_` is a topic iff it starts with `@TGS#_` and
 * contains `@TOPIC#_` (no group ID contains `@TOPIC#`). IDs are never trimmed or
 * case-folded; code that needs the parts calls parseConversationId.
 */
const C2C_CONVERSATION_ID = /^c2c_[A-Za-z0-9_-]{1,32}$/;
export const C2C_PREFIX = 'c2c_';
export const GROUP_CONVERSATION_PREFIX = 'group_';

/** A one-to-one conversation ID. A template type, so `peerOfConversation` cannot take a group's ID by mistake. */
export type C2cConversationId = `c2c_${string}`;
export const C2cConversationId = z.custom<C2cConversationId>(
  (value) => typeof value === 'string' && C2C_CONVERSATION_ID.test(value),
  'Unknown conversation ID.',
);

/** A group or topic conversation ID. */
export type GroupConversationId = `group_${string}`;
export const GroupConversationId = z.custom<GroupConversationId>(
  (value) => typeof value === 'string' && value.startsWith(GROUP_CONVERSATION_PREFIX) && parseConversationId(value) !== null,
  'Unknown conversation ID.',
);

/** Any conversation ID (one-to-one, group or topic). A plain string: narrow with parseConversationId. */
export const ConversationId = z
  .string()
  .refine((value) => parseConversationId(value) !== null, 'Unknown conversation ID.');
export type ConversationId = z.infer<typeof ConversationId>;

export type ParsedConversationId =
  | { kind: 'c2c'; peer: UserId }
  /** `groupId` is the group, or for a topic its community; `topicId` null for the group's own conversation. */
  | { kind: 'group'; groupId: GroupId; topicId: TopicId | null };

/** What a conversation ID names, or null if it is not one (the only place that reads an ID's parts). */
export function parseConversationId(id: string): ParsedConversationId | null {
  if (id.startsWith(C2C_PREFIX)) return C2C_CONVERSATION_ID.test(id) ? { kind: 'c2c', peer: id.slice(C2C_PREFIX.length) } : null;
  if (!id.startsWith(GROUP_CONVERSATION_PREFIX)) return null;
  const key = id.slice(GROUP_CONVERSATION_PREFIX.length);
  const topic = splitTopicId(key);
  if (topic) return { kind: 'group', groupId: topic.communityId, topicId: key };
  // A look-alike (`@TGS#_x@TOPIC#_` with an empty part, or > 96 B) fails GroupId: it contains `@TOPIC#`.
  return GroupId.safeParse(key).success ? { kind: 'group', groupId: key, topicId: null } : null;
}

export function isC2cConversationId(id: string): id is C2cConversationId {
  return C2C_CONVERSATION_ID.test(id);
}

export function c2cConversationId(peer: string): C2cConversationId {
  return `c2c_${peer}`;
}

/**
 * `group_<groupId>`, or `group_<topicId>` for a topic of that community. Throws
 * when the topic is not one of the group's (a programming error, not input).
 */
export function groupConversationId(groupId: string, topicId?: string | null): GroupConversationId {
  if (topicId == null) return `group_${groupId}`;
  if (splitTopicId(topicId)?.communityId !== groupId) throw new Error(`Topic ${topicId} is not in ${groupId}.`);
  return `group_${topicId}`;
}

export function peerOfConversation(conversationId: C2cConversationId): UserId {
  return conversationId.slice(C2C_PREFIX.length);
}

/**
 * The peer of a one-to-one conversation, for code that handles only those (yet):
 * a group or topic ID is refused with `group_unsupported`, anything else with
 * `bad_request` — typed errors, never a crash or a wrong peer.
 */
export function requireC2cPeer(conversationId: string): UserId {
  const parsed = parseConversationId(conversationId);
  if (parsed?.kind === 'c2c') return parsed.peer;
  if (parsed?.kind === 'group') throw new AppError('group_unsupported', 'Group conversations are not supported here.');
  throw new AppError('bad_request', 'Unknown conversation ID.');
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
