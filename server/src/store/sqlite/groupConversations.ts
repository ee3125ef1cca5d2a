import { GROUP_TYPE_TRAITS, type GroupType, type RecvOpt } from '../../../../shared/domain';
import { GROUP_MESSAGE_LIMITS } from '../../../../shared/domain/groupMessages';
import { type GroupConversationRecord, type GroupVisibility } from '../types';
import { historyFloorOf } from './accounts';
import { type Database } from './database';
import { GROUP_COLUMNS, type GroupMessageRow, groupConversationOf, joinFloorOf, toGroupMessage, visibleInGroup } from './groupMessages';
import { type SqlFragment, sql } from '../../../../shared/sql/sql';

/**
 * Group and topic conversations as one member sees them (ADR 0004 §2–3). Per-member rows
 * (group_conversation_members) are created lazily by the first markRead/clear/setting: a missing row
 * means read 0, nothing cleared, the receive option inherited from the member's MsgFlag.
 */

interface ConversationRow {
  id: number;
  group_id: string;
  group_key: string;
  last_seq: number;
  mod_seq: number;
  read_floor_seq: number;
  type: GroupType;
  read_seq: number | null;
  cleared_seq: number | null;
  pinned: number | null;
  recv_opt: RecvOpt | null;
  hidden: number | null;
}

const SELECT_CONVERSATION = (userId: string): SqlFragment => sql`
  SELECT c.id, c.group_id, c.group_key, c.last_seq, c.mod_seq, c.read_floor_seq, g.type,
         me.read_seq, me.cleared_seq, me.pinned, me.recv_opt, me.hidden
  FROM conversations AS c
  JOIN groups AS g ON g.group_id = c.group_id
  LEFT JOIN group_conversation_members AS me ON me.conversation_id = c.id AND me.user_id = ${userId}`;

function topicOf(row: ConversationRow): string | null {
  return row.group_key === row.group_id ? null : row.group_key;
}

function unreadOf(db: Database, row: ConversationRow, userId: string): number {
  if (!GROUP_TYPE_TRAITS[row.type].unreadCounts) return 0;
  const above = Math.max(row.read_seq ?? 0, row.cleared_seq ?? 0, row.read_floor_seq);
  // id > join floor always: a newcomer who may read old history does not start with it all unread.
  return (
    db.get<{ n: number }>(sql`
      SELECT COUNT(*) AS n FROM messages AS m
      WHERE m.conversation_id = ${row.id} AND m.seq > ${above} AND m.sender <> ${userId} AND m.is_tip = 0 AND m.moved_to IS NULL
        AND m.id > ${joinFloorOf(row.group_id, userId)} AND m.id > ${historyFloorOf(userId)}`)?.n ?? 0
  );
}

function mentionsOf(db: Database, row: ConversationRow, userId: string, v: GroupVisibility): GroupConversationRecord['mentions'] {
  return db
    .all<{ seq: number; sender: string; client_msg_id: string; at_all: number }>(sql`
      SELECT m.seq, m.sender, m.client_msg_id, json_extract(m.at_info, '$.all') AS at_all FROM messages AS m
      WHERE m.conversation_id = ${row.id} AND m.at_info IS NOT NULL AND m.seq > ${Math.max(row.read_seq ?? 0, row.cleared_seq ?? 0)}
        AND m.sender <> ${userId} AND m.recalled = 0 AND ${visibleInGroup(row.group_id, v)}
        AND (json_extract(m.at_info, '$.all') = 1 OR EXISTS (SELECT 1 FROM json_each(m.at_info, '$.users') AS u WHERE u.value = ${userId}))
      ORDER BY m.seq DESC LIMIT ${GROUP_MESSAGE_LIMITS.maxMentionHints}`)
    .map((r) => ({ seq: r.seq, sender: r.sender, clientMsgId: r.client_msg_id, all: r.at_all === 1 }));
}

function toRecord(db: Database, row: ConversationRow, userId: string, v: GroupVisibility): GroupConversationRecord | null {
  const cleared = row.cleared_seq ?? 0;
  const last = db.get<GroupMessageRow>(sql`
    SELECT ${GROUP_COLUMNS} FROM messages AS m
    WHERE m.conversation_id = ${row.id} AND m.seq > ${cleared} AND ${visibleInGroup(row.group_id, v)}
    ORDER BY m.seq DESC LIMIT 1`);
  return {
    groupKey: row.group_key,
    groupId: row.group_id,
    topicId: topicOf(row),
    lastSeq: row.last_seq,
    lastMessage: last ? toGroupMessage(last, row.group_key, row.group_id) : null,
    unreadCount: unreadOf(db, row, userId),
    readSeq: row.read_seq ?? 0,
    clearedSeq: cleared,
    modSeq: row.mod_seq,
    pinned: row.pinned === 1,
    recvOpt: row.recv_opt,
    mentions: mentionsOf(db, row, userId, v),
  };
}

/**
 * The member's group and topic conversations that hold a visible message, or that they cleared (shown
 * empty, as a cleared one-to-one conversation is) but did not delete (M10). An inactive Work group shows
 * only to its owner (ADR §3 "Work activation"); topics are community membership.
 */
export function listGroupConversations(db: Database, userId: string, visibility: (groupId: string) => GroupVisibility): GroupConversationRecord[] {
  const rows = db.all<ConversationRow>(sql`
    ${SELECT_CONVERSATION(userId)}
    JOIN group_members AS gm ON gm.group_id = c.group_id AND gm.user_id = ${userId}
    WHERE c.kind = 'group' AND (g.active = 1 OR g.owner = ${userId})
    ORDER BY c.last_msg_time DESC, c.id DESC`);
  return rows.flatMap((row) => {
    const record = toRecord(db, row, userId, visibility(row.group_id));
    const clearedAndKept = row.cleared_seq !== null && row.cleared_seq > 0 && row.hidden !== 1;
    return record !== null && (record.lastMessage !== null || clearedAndKept) ? [record] : [];
  });
}

export function getGroupConversation(db: Database, userId: string, groupKey: string, v: GroupVisibility): GroupConversationRecord | null {
  const row = db.get<ConversationRow>(sql`${SELECT_CONVERSATION(userId)} WHERE c.group_key = ${groupKey}`);
  return row ? toRecord(db, row, userId, v) : null;
}

export function markGroupRead(
  db: Database,
  userId: string,
  groupKey: string,
  readSeq: number,
): { readSeq: number; changed: boolean; receipts: Array<{ seq: number; sender: string; clientMsgId: string }> } {
  return db.transaction(() => {
    const conversation = groupConversationOf(db, groupKey);
    if (conversation === null) return { readSeq: 0, changed: false, receipts: [] };
    const old =
      db.get<{ read_seq: number }>(sql`
        SELECT read_seq FROM group_conversation_members WHERE conversation_id = ${conversation.id} AND user_id = ${userId}`)?.read_seq ?? 0;
    const target = Math.min(Math.max(0, Math.trunc(readSeq)), conversation.lastSeq);
    if (target <= old) return { readSeq: old, changed: false, receipts: [] };
    db.run(sql`
      INSERT INTO group_conversation_members (conversation_id, user_id, read_seq) VALUES (${conversation.id}, ${userId}, ${target})
      ON CONFLICT (conversation_id, user_id) DO UPDATE SET read_seq = MAX(read_seq, excluded.read_seq)`);
    const receipts = db
      .all<{ seq: number; sender: string; client_msg_id: string }>(sql`
        SELECT seq, sender, client_msg_id FROM messages
        WHERE conversation_id = ${conversation.id} AND needs_receipt = 1 AND seq > ${old} AND seq <= ${target} AND sender <> ${userId}
          AND recalled = 0`)
      .map((r) => ({ seq: r.seq, sender: r.sender, clientMsgId: r.client_msg_id }));
    return { readSeq: target, changed: true, receipts };
  });
}

/** M10: `hide` (delete) also takes it off the member's list until a newer message arrives; a plain clear keeps it listed. */
export function clearGroupConversation(db: Database, userId: string, groupKey: string, hide = false): { clearedSeq: number } | null {
  const conversation = groupConversationOf(db, groupKey);
  if (conversation === null) return null;
  db.run(sql`
    INSERT INTO group_conversation_members (conversation_id, user_id, cleared_seq, hidden)
    VALUES (${conversation.id}, ${userId}, ${conversation.lastSeq}, ${hide ? 1 : 0})
    ON CONFLICT (conversation_id, user_id) DO UPDATE SET cleared_seq = MAX(cleared_seq, excluded.cleared_seq), hidden = excluded.hidden`);
  return { clearedSeq: conversation.lastSeq };
}

export function updateGroupConversationSettings(
  db: Database,
  userId: string,
  groupKey: string,
  settings: { pinned?: boolean; recvOpt?: RecvOpt | null },
): boolean {
  const conversation = groupConversationOf(db, groupKey);
  if (conversation === null) return false;
  db.transaction(() => {
    db.run(sql`INSERT INTO group_conversation_members (conversation_id, user_id) VALUES (${conversation.id}, ${userId}) ON CONFLICT DO NOTHING`);
    if (settings.pinned !== undefined) {
      db.run(sql`UPDATE group_conversation_members SET pinned = ${settings.pinned ? 1 : 0}
                 WHERE conversation_id = ${conversation.id} AND user_id = ${userId}`);
    }
    if (settings.recvOpt !== undefined) {
      db.run(sql`UPDATE group_conversation_members SET recv_opt = ${settings.recvOpt}
                 WHERE conversation_id = ${conversation.id} AND user_id = ${userId}`);
    }
  });
  return true;
}

/** Members a receipt message counts: in the group when it was sent (join floor below it), not its sender. */
function receiptAudience(conversationId: number, groupId: string, messageId: number): SqlFragment {
  return sql`
    FROM group_members AS gm
    LEFT JOIN group_conversation_members AS r ON r.conversation_id = ${conversationId} AND r.user_id = gm.user_id
    WHERE gm.group_id = ${groupId} AND gm.join_floor_id < ${messageId}
      AND gm.user_id <> (SELECT sender FROM messages WHERE id = ${messageId})`;
}

export function receiptCounts(db: Database, groupKey: string, messageId: number): { readCount: number; unreadCount: number } {
  const conversation = groupConversationOf(db, groupKey);
  const seq = db.get<{ seq: number }>(sql`SELECT seq FROM messages WHERE id = ${messageId}`)?.seq;
  if (conversation === null || seq === undefined) return { readCount: 0, unreadCount: 0 };
  const row = db.get<{ read: number; total: number }>(sql`
    SELECT COALESCE(SUM(COALESCE(r.read_seq, 0) >= ${seq}), 0) AS read, COUNT(*) AS total
    ${receiptAudience(conversation.id, conversation.groupId, messageId)}`);
  return { readCount: row?.read ?? 0, unreadCount: (row?.total ?? 0) - (row?.read ?? 0) };
}

export function receiptMembers(
  db: Database,
  groupKey: string,
  messageId: number,
  which: 'read' | 'unread',
  cursor: string | null,
  limit: number,
): { userIds: string[]; cursor: string | null } {
  const conversation = groupConversationOf(db, groupKey);
  const seq = db.get<{ seq: number }>(sql`SELECT seq FROM messages WHERE id = ${messageId}`)?.seq;
  if (conversation === null || seq === undefined) return { userIds: [], cursor: null };
  const readTest = which === 'read' ? sql`COALESCE(r.read_seq, 0) >= ${seq}` : sql`COALESCE(r.read_seq, 0) < ${seq}`;
  const rows = db.all<{ user_id: string }>(sql`
    SELECT gm.user_id ${receiptAudience(conversation.id, conversation.groupId, messageId)}
      AND ${readTest} AND gm.user_id > ${cursor ?? ''}
    ORDER BY gm.user_id LIMIT ${limit + 1}`);
  const userIds = rows.slice(0, limit).map((r) => r.user_id);
  return { userIds, cursor: rows.length > limit ? (userIds.at(-1) ?? null) : null };
}

export function discarders(db: Database, groupKey: string): string[] {
  return db
    .all<{ user_id: string }>(sql`
      SELECT r.user_id FROM group_conversation_members AS r JOIN conversations AS c ON c.id = r.conversation_id
      WHERE c.group_key = ${groupKey} AND r.recv_opt = 'Discard'`)
    .map((r) => r.user_id);
}
