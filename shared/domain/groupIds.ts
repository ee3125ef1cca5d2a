import { z } from 'zod';

/**
 * Group and topic ID schemas (G2, G7; ADR 0004 §1). Kept apart from groups.ts,
 * which re-exports them, because ids.ts builds `ConversationId` from them and
 * groups.ts itself imports ids.ts: a cycle would leave one of them undefined
 * at load time. Imports zod only.
 *
 * IDs are printable ASCII (0x20–0x7e: spaces, `#`, `@`, `%`, `_` included) and
 * are never trimmed, normalised or case-folded.
 */

export const GROUP_ID_MAX_BYTES = 48;
export const TOPIC_ID_MAX_BYTES = 96;

/** Prefix of server-assigned group IDs; custom IDs may not start with it (10015). */
export const ASSIGNED_GROUP_ID_PREFIX = '@TGS#';
/** Community IDs (assigned or custom) start with this. */
export const COMMUNITY_ID_PREFIX = '@TGS#_';
export const TOPIC_ID_SEPARATOR = '@TOPIC#_';
/** No group ID contains this, so the first `@TOPIC#_` of a topic ID ends its community's ID (ADR 0004 §1). */
export const TOPIC_MARKER = '@TOPIC#';
export const PERMISSION_GROUP_ID_PREFIX = '@PMG#_';

export const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** Any group ID the server may hold: printable ASCII ≤ 48 B (assigned IDs included), never containing `@TOPIC#`. */
export const GroupId = z
  .string()
  .min(1)
  .max(GROUP_ID_MAX_BYTES, 'A group ID is at most 48 bytes.')
  .regex(PRINTABLE_ASCII, 'A group ID is printable ASCII (0x20–0x7e).')
  .regex(/^(?:(?!@TOPIC#).)*$/, 'A group ID may not contain "@TOPIC#".');
export type GroupId = z.infer<typeof GroupId>;

/**
 * Splits a topic ID into its community and its own part, or null if it is not
 * one: `<communityId>@TOPIC#_<part>` where the community ID starts with `@TGS#_`
 * and is a valid GroupId, the part is non-empty, all printable ASCII ≤ 96 B.
 * A key that does not start with `@TGS#_` or has no `@TOPIC#_` is not a topic.
 */
export function splitTopicId(id: string): { communityId: string; part: string } | null {
  if (id.length > TOPIC_ID_MAX_BYTES || !PRINTABLE_ASCII.test(id) || !id.startsWith(COMMUNITY_ID_PREFIX)) return null;
  const at = id.indexOf(TOPIC_ID_SEPARATOR);
  if (at < 0) return null;
  const communityId = id.slice(0, at);
  const part = id.slice(at + TOPIC_ID_SEPARATOR.length);
  if (part.length === 0 || !GroupId.safeParse(communityId).success) return null;
  return { communityId, part };
}

/** `<communityId>@TOPIC#_<part>`, ≤ 96 B (see splitTopicId). */
export const TopicId = z
  .string()
  .max(TOPIC_ID_MAX_BYTES, 'A topic ID is at most 96 bytes.')
  .regex(PRINTABLE_ASCII, 'A topic ID is printable ASCII.')
  .refine((id) => splitTopicId(id) !== null, 'A topic ID is <communityId>@TOPIC#_<name>.');
export type TopicId = z.infer<typeof TopicId>;

/** The community a topic ID belongs to, or null if it is not a topic ID. */
export function communityOfTopic(topicId: string): string | null {
  return splitTopicId(topicId)?.communityId ?? null;
}
