import { parseConversationId, type GroupServerConversation, type GroupType } from '../../../shared/domain';
import type { ReadableDB, WritableDB } from '../store/database';
import {
  ensureGroupConversation,
  getConversation,
  setConversationLeft,
  setGroupView,
  setMentionHints,
  type GroupConversationKey,
} from '../store/tables/conversations';
import { getGroup, getTopic } from '../store/tables/groups';

/**
 * Where a group or topic conversation row comes from (ADR 0004 §6). The row needs the
 * group's type (unread rules, AVChatRoom): the server's conversation says it; otherwise the
 * row already has it or the group cache does. Null when none knows (a push about a group this
 * device has not cached yet): the next `sync:conversations` brings the row.
 */
export function groupConversationKey(db: ReadableDB, conversationId: string, groupType?: GroupType): GroupConversationKey | null {
  const parsed = parseConversationId(conversationId);
  if (parsed?.kind !== 'group') return null;
  const existing = getConversation(db, conversationId);
  const type = groupType ?? (existing?.kind === 'group' ? existing.groupType : getGroup(db, parsed.groupId)?.group.type);
  if (!type) return null;
  return { id: conversationId, groupId: parsed.groupId, topicId: parsed.topicId, groupType: type };
}

/** Creates the row when the type is known; returns true when it was created, null when it cannot be. */
export function ensureGroupRow(db: WritableDB, conversationId: string, now: number, groupType?: GroupType): boolean | null {
  const key = groupConversationKey(db, conversationId, groupType);
  if (!key) return null;
  const created = ensureGroupConversation(db, key, now);
  if (created) rememberGroupView(db, conversationId);
  return created;
}

/**
 * Copies what the group cache says about a group conversation (names, face, size, topic) into its
 * row, so it keeps being shown by name once the cache drops the group (I left). Returns true if
 * the copy changed; nothing happens while the cache does not hold the group.
 */
export function rememberGroupView(db: WritableDB, conversationId: string): boolean {
  const record = getConversation(db, conversationId);
  if (record?.kind !== 'group') return false;
  const group = getGroup(db, record.groupId)?.group;
  if (!group) return false;
  const topic = record.topicId === null ? undefined : getTopic(db, record.topicId);
  const previous = record.view?.topic ?? null;
  return setGroupView(db, conversationId, {
    group: { name: group.name, faceUrl: group.faceUrl, memberNum: group.memberNum },
    topic: record.topicId === null ? null : topic ? { name: topic.name, faceUrl: topic.faceUrl } : previous,
  });
}

/** The group-only state of a server conversation (membership, unread mentions); returns true if the row changed. */
export function applyGroupServerState(db: WritableDB, server: GroupServerConversation): boolean {
  const left = setConversationLeft(db, server.conversationId, server.left);
  const hints = setMentionHints(db, server.conversationId, server.mentions);
  return left || hints;
}
