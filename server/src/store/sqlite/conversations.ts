import { type ConversationRecord } from '../types';
import { type Database } from './database';
import { historyFloorOf } from './accounts';
import { lastVisibleMessage, unreadCount, conversationIdOf } from './messages';
import { sql, sqlList } from '../../../../shared/sql/sql';

interface MembershipRow {
  conversation_id: number;
  peer_id: string;
  read_seq: number;
  peer_read_seq: number;
}

export function listConversations(db: Database, userId: string): ConversationRecord[] {
  const rows = db.all<MembershipRow>(sql`
    SELECT me.conversation_id, me.peer_id, me.read_seq,
           COALESCE(peer.read_seq, 0) AS peer_read_seq
    FROM conversation_members AS me
    LEFT JOIN conversation_members AS peer
      ON peer.conversation_id = me.conversation_id AND peer.user_id = me.peer_id
    WHERE me.user_id = ${userId}`);
  const records = rows.map((row): ConversationRecord => {
    const lastMessage = lastVisibleMessage(db, row.conversation_id, userId);
    return {
      peerId: row.peer_id,
      lastSeq: lastMessage?.seq ?? 0,
      lastMessage,
      unreadCount: unreadCount(db, row.conversation_id, userId, row.read_seq),
      readSeq: row.read_seq,
      peerReadSeq: row.peer_read_seq,
    };
  });
  return records.sort((a, b) => (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0) || b.lastSeq - a.lastSeq);
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
