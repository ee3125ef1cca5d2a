import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

/** A conversation as the local store keeps it; see migration 0001 for what each sequence means. */
export interface ConversationRecord {
  id: string;
  peer: string;
  lastSeq: number;
  syncedSeq: number;
  firstSeq: number;
  readSeq: number;
  serverReadSeq: number;
  peerReadSeq: number;
  unreadHint: number;
  unreadHintSeq: number;
  lastActivityAt: number;
  createdAt: number;
}

interface ConversationRow {
  id: string;
  peer: string;
  last_seq: number;
  synced_seq: number;
  first_seq: number;
  read_seq: number;
  server_read_seq: number;
  peer_read_seq: number;
  unread_hint: number;
  unread_hint_seq: number;
  last_activity_at: number;
  created_at: number;
}

function rowToConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    peer: row.peer,
    lastSeq: row.last_seq,
    syncedSeq: row.synced_seq,
    firstSeq: row.first_seq,
    readSeq: row.read_seq,
    serverReadSeq: row.server_read_seq,
    peerReadSeq: row.peer_read_seq,
    unreadHint: row.unread_hint,
    unreadHintSeq: row.unread_hint_seq,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
  };
}

/** Point lookup by primary key. */
export function getConversation(db: ReadableDB, id: string): ConversationRecord | undefined {
  const row = get<ConversationRow>(db, sql`SELECT * FROM conversations WHERE id = ${id}`);
  return row && rowToConversation(row);
}

/** Newest activity first (index conversations_by_activity). */
export function listConversations(db: ReadableDB): ConversationRecord[] {
  return all<ConversationRow>(db, sql`SELECT * FROM conversations ORDER BY last_activity_at DESC, id`).map(rowToConversation);
}

/** Creates the conversation if it does not exist; returns true when it was created. */
export function ensureConversation(db: WritableDB, id: string, peer: string, now: number): boolean {
  const result = run(
    db,
    sql`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES (${id}, ${peer}, ${now}, ${now})
        ON CONFLICT DO NOTHING`,
  );
  return result.changes > 0;
}

/** Records that a message with `seq` exists and that something happened at `time`; never moves backwards. */
export function noteActivity(db: WritableDB, id: string, seq: number | null, time: number): void {
  run(
    db,
    sql`UPDATE conversations SET last_seq = max(last_seq, ${seq ?? 0}), last_activity_at = max(last_activity_at, ${time})
        WHERE id = ${id}`,
  );
}

export function setSyncedSeq(db: WritableDB, id: string, syncedSeq: number): void {
  run(db, sql`UPDATE conversations SET synced_seq = ${syncedSeq}, last_seq = max(last_seq, ${syncedSeq}) WHERE id = ${id}`);
}

export function setFirstSeq(db: WritableDB, id: string, firstSeq: number): void {
  run(db, sql`UPDATE conversations SET first_seq = max(first_seq, ${firstSeq}) WHERE id = ${id}`);
}

/** Raises how far the local user has read (never lowers it); returns true if it moved. */
export function raiseReadSeq(db: WritableDB, id: string, readSeq: number): boolean {
  return run(db, sql`UPDATE conversations SET read_seq = ${readSeq} WHERE id = ${id} AND read_seq < ${readSeq}`).changes > 0;
}

export function raiseServerReadSeq(db: WritableDB, id: string, readSeq: number): void {
  run(db, sql`UPDATE conversations SET server_read_seq = max(server_read_seq, ${readSeq}) WHERE id = ${id}`);
}

/** Raises how far the peer has read; returns the previous value, or null if nothing moved. */
export function raisePeerReadSeq(db: WritableDB, id: string, peerReadSeq: number): number | null {
  const before = getConversation(db, id);
  if (!before || before.peerReadSeq >= peerReadSeq) return null;
  run(db, sql`UPDATE conversations SET peer_read_seq = ${peerReadSeq} WHERE id = ${id}`);
  return before.peerReadSeq;
}

/** Remembers the server's unread count as of `atSeq`, for history this device has not stored. */
export function setUnreadHint(db: WritableDB, id: string, unread: number, atSeq: number): void {
  run(db, sql`UPDATE conversations SET unread_hint = ${unread}, unread_hint_seq = ${atSeq} WHERE id = ${id}`);
}

/**
 * Unread = messages from the peer with seq above read_seq, counted locally (index
 * UNIQUE(conversation_id, seq)). Where this device lacks some of the seqs between read_seq
 * and unread_hint_seq (a capped catch-up), the local count is too low, and the server's hint
 * (its count up to unread_hint_seq, from a read position at or below ours) fills in. The hint
 * predates any later read, here or on another device, so it is capped by what the local store
 * allows: the peer's stored messages in that range plus every seq not stored. When nothing in
 * the range is missing, the local count is exact and the hint is ignored.
 */
export function unreadCount(db: ReadableDB, conversation: ConversationRecord): number {
  const { id, peer, readSeq, unreadHint, unreadHintSeq, firstSeq } = conversation;
  const local = countMessages(db, id, readSeq, Number.MAX_SAFE_INTEGER, peer);
  if (readSeq >= unreadHintSeq || unreadHint === 0) return local;
  // Seqs below first_seq do not exist on the server, so they are not missing.
  const from = Math.max(readSeq, firstSeq - 1);
  const missing = unreadHintSeq - from - countMessages(db, id, from, unreadHintSeq, null);
  if (missing <= 0) return local;
  const peerInRange = countMessages(db, id, from, unreadHintSeq, peer);
  const afterHint = local - countMessages(db, id, readSeq, unreadHintSeq, peer);
  return Math.max(local, Math.min(unreadHint, peerInRange + missing) + afterHint);
}

/** Stored acknowledged messages with seq in (afterSeq, upToSeq], from `sender` or anyone. */
function countMessages(db: ReadableDB, conversationId: string, afterSeq: number, upToSeq: number, sender: string | null): number {
  const query =
    sender === null
      ? sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND seq <= ${upToSeq}`
      : sql`SELECT count(*) AS n FROM messages
            WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND seq <= ${upToSeq} AND sender = ${sender}`;
  return get<{ n: number }>(db, query)?.n ?? 0;
}
