import type { RecvOpt } from '../../../../shared/domain';
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
  pinned: boolean;
  recvOpt: RecvOpt;
  draft: string | null;
  draftAt: number | null;
  /** M10: nothing at or below this seq is kept or fetched. */
  clearedSeq: number;
  /** Message modifications are pulled up to here (sync:messagesModified). */
  modSeq: number;
  /** Deleted: out of the list until a message above `clearedSeq` arrives. */
  hidden: boolean;
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
  pinned: number;
  recv_opt: RecvOpt;
  draft: string | null;
  draft_at: number | null;
  cleared_seq: number;
  mod_seq: number;
  hidden: number;
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
    pinned: row.pinned === 1,
    recvOpt: row.recv_opt,
    draft: row.draft,
    draftAt: row.draft_at,
    clearedSeq: row.cleared_seq,
    modSeq: row.mod_seq,
    hidden: row.hidden === 1,
  };
}

/** Point lookup by primary key. */
export function getConversation(db: ReadableDB, id: string): ConversationRecord | undefined {
  const row = get<ConversationRow>(db, sql`SELECT * FROM conversations WHERE id = ${id}`);
  return row && rowToConversation(row);
}

/** M12: pinned first, then newest activity first; deleted conversations are left out (unless `withHidden`). */
export function listConversations(db: ReadableDB, withHidden = false): ConversationRecord[] {
  const visible = withHidden ? sql`` : sql`WHERE hidden = 0`;
  return all<ConversationRow>(db, sql`SELECT * FROM conversations ${visible} ORDER BY pinned DESC, last_activity_at DESC, id`).map(
    rowToConversation,
  );
}

/** M12: per-user settings; returns true if anything changed. */
export function setConversationSettings(db: WritableDB, id: string, settings: { pinned?: boolean; recvOpt?: RecvOpt }): boolean {
  const before = getConversation(db, id);
  if (!before) return false;
  const pinned = settings.pinned ?? before.pinned;
  const recvOpt = settings.recvOpt ?? before.recvOpt;
  if (pinned === before.pinned && recvOpt === before.recvOpt) return false;
  run(db, sql`UPDATE conversations SET pinned = ${pinned ? 1 : 0}, recv_opt = ${recvOpt} WHERE id = ${id}`);
  return true;
}

/** M12: the composer's unsent text, local to this device; null clears it. */
export function setDraft(db: WritableDB, id: string, draft: string | null, at: number): void {
  run(db, sql`UPDATE conversations SET draft = ${draft}, draft_at = ${draft === null ? null : at} WHERE id = ${id}`);
}

/**
 * M10: history up to `clearedSeq` is gone for this user: paging stops above it (first_seq)
 * and the sync mark counts it as covered. Returns true if it moved.
 */
export function raiseClearedSeq(db: WritableDB, id: string, clearedSeq: number): boolean {
  return (
    run(
      db,
      sql`UPDATE conversations SET cleared_seq = ${clearedSeq}, first_seq = max(first_seq, ${clearedSeq + 1}),
            synced_seq = max(synced_seq, ${clearedSeq}), last_seq = max(last_seq, ${clearedSeq})
          WHERE id = ${id} AND cleared_seq < ${clearedSeq}`,
    ).changes > 0
  );
}

export function setHidden(db: WritableDB, id: string, hidden: boolean): boolean {
  return run(db, sql`UPDATE conversations SET hidden = ${hidden ? 1 : 0} WHERE id = ${id} AND hidden <> ${hidden ? 1 : 0}`).changes > 0;
}

export function raiseConversationModSeq(db: WritableDB, id: string, modSeq: number): void {
  run(db, sql`UPDATE conversations SET mod_seq = max(mod_seq, ${modSeq}) WHERE id = ${id}`);
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
            WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND seq <= ${upToSeq} AND sender = ${sender}
              AND deleted = 0`;
  return get<{ n: number }>(db, query)?.n ?? 0;
}
