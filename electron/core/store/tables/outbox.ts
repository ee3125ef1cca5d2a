import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

/** What `message:send` carries, kept verbatim so a retry after a restart sends the same thing. */
export interface OutboxPayload {
  clientMsgId: string;
  to: string;
  body: unknown;
}

export interface OutboxEntry {
  /** The rowid of the message this entry delivers (messages.id). */
  messageRowId: number;
  conversationId: string;
  payload: OutboxPayload;
  createdAt: number;
  /** Failed attempts so far (a dropped connection does not count). */
  attempts: number;
  /** Not to be sent before this time (ms); 0 when due at once. */
  nextAttemptAt: number;
}

interface OutboxRow {
  message_id: number;
  conversation_id: string;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
}

function rowToEntry(row: OutboxRow): OutboxEntry {
  return {
    messageRowId: row.message_id,
    conversationId: row.conversation_id,
    payload: JSON.parse(row.payload) as OutboxPayload,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
  };
}

export function insertOutboxEntry(db: WritableDB, entry: Omit<OutboxEntry, 'attempts' | 'nextAttemptAt'>): void {
  run(
    db,
    sql`INSERT INTO outbox (message_id, conversation_id, payload, created_at)
        VALUES (${entry.messageRowId}, ${entry.conversationId}, ${JSON.stringify(entry.payload)}, ${entry.createdAt})
        ON CONFLICT (message_id) DO NOTHING`,
  );
}

/**
 * The oldest entry of each conversation, oldest first: within a conversation messages are
 * sent strictly in the order they were written (rowid order), so only its head may go.
 */
export function outboxHeads(db: ReadableDB): OutboxEntry[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE id IN (SELECT min(id) FROM outbox GROUP BY conversation_id) ORDER BY id`,
  ).map(rowToEntry);
}

export function countOutbox(db: ReadableDB): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM outbox`)?.n ?? 0;
}

export function deleteOutboxEntry(db: WritableDB, messageRowId: number): void {
  run(db, sql`DELETE FROM outbox WHERE message_id = ${messageRowId}`);
}

/** A failed attempt: counted, and the entry waits until `nextAttemptAt`. */
export function noteOutboxFailure(db: WritableDB, messageRowId: number, nextAttemptAt: number): void {
  run(db, sql`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${nextAttemptAt} WHERE message_id = ${messageRowId}`);
}

/** Every entry is due at once (a new connection: whatever failed on the old one may well work now). */
export function makeOutboxDue(db: WritableDB): void {
  run(db, sql`UPDATE outbox SET next_attempt_at = 0 WHERE next_attempt_at <> 0`);
}
