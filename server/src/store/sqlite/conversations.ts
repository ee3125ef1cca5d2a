import { type RecvOpt } from '../../../../shared/domain';
import { type ConversationRecord, type ConversationSettings } from '../types';
import { type Database } from './database';
import { historyFloorOf } from './accounts';
import { lastVisibleMessage, unreadCount, conversationIdOf } from './messages';
import { sql, sqlList } from '../../../../shared/sql/sql';

interface MembershipRow {
  conversation_id: number;
  peer_id: string;
  read_seq: number;
  peer_read_seq: number;
  mod_seq: number;
  cleared_seq: number;
  deleted: number;
  pinned: number;
  recv_opt: string;
}

function membershipRows(db: Database, userId: string, peerId: string | null): MembershipRow[] {
  const onePeer = peerId === null ? sql`` : sql`AND me.peer_id = ${peerId}`;
  return db.all<MembershipRow>(sql`
    SELECT me.conversation_id, me.peer_id, me.read_seq, COALESCE(peer.read_seq, 0) AS peer_read_seq,
           c.mod_seq, me.cleared_seq, me.deleted, me.pinned, me.recv_opt
    FROM conversation_members AS me
    JOIN conversations AS c ON c.id = me.conversation_id
    LEFT JOIN conversation_members AS peer
      ON peer.conversation_id = me.conversation_id AND peer.user_id = me.peer_id
    WHERE me.user_id = ${userId} ${onePeer}`);
}

function toRecord(db: Database, userId: string, row: MembershipRow): ConversationRecord {
  const lastMessage = lastVisibleMessage(db, row.conversation_id, userId, row.cleared_seq);
  return {
    peerId: row.peer_id,
    lastSeq: Math.max(lastMessage?.seq ?? 0, row.cleared_seq),
    lastMessage,
    unreadCount: unreadCount(db, row.conversation_id, userId, Math.max(row.read_seq, row.cleared_seq)),
    readSeq: row.read_seq,
    peerReadSeq: row.peer_read_seq,
    modSeq: row.mod_seq,
    clearedSeq: row.cleared_seq,
    pinned: row.pinned === 1,
    recvOpt: row.recv_opt as RecvOpt,
  };
}

export function listConversations(db: Database, userId: string): ConversationRecord[] {
  const records = membershipRows(db, userId, null)
    .map((row) => ({ row, record: toRecord(db, userId, row) }))
    // M10: a deleted conversation comes back with the first message after it was cleared.
    .filter(({ row, record }) => row.deleted === 0 || record.lastMessage !== null)
    .map(({ record }) => record);
  return records.sort((a, b) => (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0) || b.lastSeq - a.lastSeq);
}

export function getConversation(db: Database, userId: string, peerId: string): ConversationRecord | null {
  const [row] = membershipRows(db, userId, peerId);
  return row ? toRecord(db, userId, row) : null;
}

/** M10: clears up to the conversation's last seq; `alsoHide` deletes it from the list (and unpins it). */
export function clearConversation(db: Database, userId: string, peerId: string, alsoHide: boolean): { clearedSeq: number } | null {
  const conversationId = conversationIdOf(db, userId, peerId);
  if (conversationId === null) return null;
  const hide = alsoHide ? sql`, deleted = 1, pinned = 0` : sql`, deleted = 0`;
  const row = db.get<{ cleared_seq: number }>(sql`
    UPDATE conversation_members
    SET cleared_seq = MAX(cleared_seq, (SELECT last_seq FROM conversations WHERE id = ${conversationId})) ${hide}
    WHERE user_id = ${userId} AND conversation_id = ${conversationId}
    RETURNING cleared_seq`);
  return row ? { clearedSeq: row.cleared_seq } : null;
}

export function updateSettings(db: Database, userId: string, peerId: string, settings: ConversationSettings): boolean {
  const conversationId = conversationIdOf(db, userId, peerId);
  if (conversationId === null) return false;
  const pinned = settings.pinned === undefined ? null : settings.pinned ? 1 : 0;
  return (
    db.run(sql`
      UPDATE conversation_members
      SET pinned = COALESCE(${pinned}, pinned), recv_opt = COALESCE(${settings.recvOpt ?? null}, recv_opt)
      WHERE user_id = ${userId} AND conversation_id = ${conversationId}`).changes === 1
  );
}

export function markRead(
  db: Database,
  userId: string,
  peerId: string,
  readSeq: number,
): { readSeq: number; changed: boolean } {
  return db.transaction(() => {
    const conversationId = conversationIdOf(db, userId, peerId);
    if (conversationId === null) return { readSeq: 0, changed: false };
    const row = db.get<{ read_seq: number; last_seq: number }>(sql`
      SELECT me.read_seq, c.last_seq FROM conversation_members AS me
      JOIN conversations AS c ON c.id = me.conversation_id
      WHERE me.user_id = ${userId} AND me.conversation_id = ${conversationId}`);
    if (!row) return { readSeq: 0, changed: false };
    const target = Math.min(readSeq, row.last_seq);
    if (target <= row.read_seq) return { readSeq: row.read_seq, changed: false };
    db.run(sql`
      UPDATE conversation_members SET read_seq = ${target}
      WHERE user_id = ${userId} AND conversation_id = ${conversationId}`);
    return { readSeq: target, changed: true };
  });
}

/**
 * Who has the user in their conversation list or is in the user's. A list entry
 * naming the user's UserID counts only if the conversation has a message from
 * this account's time: one left over from an earlier owner of the UserID does not.
 */
export function peersOf(db: Database, userId: string): string[] {
  const rows = db.all<{ peer: string }>(sql`
    SELECT peer_id AS peer FROM conversation_members WHERE user_id = ${userId} AND peer_id <> ${userId}
    UNION
    SELECT them.user_id AS peer FROM conversation_members AS them
    WHERE them.peer_id = ${userId} AND them.user_id <> ${userId}
      AND (SELECT id FROM messages WHERE conversation_id = them.conversation_id ORDER BY seq DESC LIMIT 1) > ${historyFloorOf(userId)}`);
  return rows.map((row) => row.peer);
}

export function sharedWith(db: Database, userId: string, candidates: readonly string[]): string[] {
  if (candidates.length === 0) return [];
  const rows = db.all<{ peer: string }>(sql`
    SELECT me.peer_id AS peer FROM conversation_members AS me
    JOIN conversation_members AS them ON them.conversation_id = me.conversation_id AND them.user_id = me.peer_id
    WHERE me.user_id = ${userId} AND me.peer_id IN ${sqlList(candidates)}`);
  return rows.map((row) => row.peer);
}
