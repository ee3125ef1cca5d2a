import { type StoredMessage } from '../types';
import { type Database } from './database';
import { conversationFor, conversationIdOf, toStoredMessage, visibleTo } from './messages';
import { sql } from '../../../../shared/sql/sql';

/**
 * Admin reads over stored one-to-one messages (REST v4 admin_getroammsg,
 * admin_msgwithdraw, admin_set_msg_read, open_msg_svc/get_history). Rows are
 * selected whole and mapped by the messages module, so columns that module
 * adds (recall state, CloudCustomData …) come along without changes here.
 */
type MessageRow = Parameters<typeof toStoredMessage>[0];

/**
 * Newest first: the conversation's messages `viewer` may see, with time in
 * [fromMs, toMs] and seq < beforeSeq. As Tencent's roaming query, what the
 * viewer cleared (M10) or deleted for themselves is not there.
 */
export function roamingPage(
  db: Database,
  viewer: string,
  peer: string,
  range: { fromMs: number; toMs: number; beforeSeq: number | null; limit: number },
): StoredMessage[] {
  const conversation = conversationFor(db, viewer, peer);
  if (conversation === null) return [];
  const before = range.beforeSeq ?? Number.MAX_SAFE_INTEGER;
  const rows = db.all<MessageRow>(sql`
    SELECT * FROM messages AS m
    WHERE conversation_id = ${conversation.id} AND seq < ${before} AND seq > ${conversation.clearedSeq}
      AND time >= ${range.fromMs} AND time <= ${range.toMs} AND ${visibleTo(viewer)}
      AND NOT EXISTS (SELECT 1 FROM message_deletions AS d WHERE d.user_id = ${viewer} AND d.message_id = m.id)
    ORDER BY seq DESC LIMIT ${range.limit}`);
  return rows.map(toStoredMessage);
}

/** Messages of the conversation between `a` and `b` sent by `sender` with this MsgRandom in this Unix second. */
export function messagesByKeyParts(db: Database, sender: string, recipient: string, random: number, second: number): StoredMessage[] {
  const conversationId = conversationIdOf(db, sender, recipient);
  if (conversationId === null) return [];
  const rows = db.all<MessageRow>(sql`
    SELECT * FROM messages
    WHERE conversation_id = ${conversationId} AND sender = ${sender} AND random = ${random}
      AND time >= ${second * 1000} AND time < ${(second + 1) * 1000}
    ORDER BY seq ASC`);
  return rows.map(toStoredMessage);
}

/** The highest seq `viewer` can see in the conversation with `peer` among messages stored at or before `timeMs` (0 if none). */
export function lastSeqAt(db: Database, viewer: string, peer: string, timeMs: number): number {
  const conversationId = conversationIdOf(db, viewer, peer);
  if (conversationId === null) return 0;
  const row = db.get<{ seq: number | null }>(sql`
    SELECT MAX(seq) AS seq FROM messages
    WHERE conversation_id = ${conversationId} AND time <= ${timeMs} AND ${visibleTo(viewer)}`);
  return row?.seq ?? 0;
}

/** Every stored one-to-one message with time in [fromMs, toMs), in the order they were stored. */
export function messagesBetweenTimes(db: Database, fromMs: number, toMs: number): StoredMessage[] {
  const rows = db.all<MessageRow>(sql`
    SELECT * FROM messages WHERE time >= ${fromMs} AND time < ${toMs} ORDER BY time ASC, id ASC`);
  return rows.map(toStoredMessage);
}
