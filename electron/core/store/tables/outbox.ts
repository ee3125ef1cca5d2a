import { get, run, type ReadableDB, type WritableDB } from '../database';
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
  attempts: number;
}

interface OutboxRow {
  message_id: number;
  conversation_id: string;
  payload: string;
  created_at: number;
  attempts: number;
}

function rowToEntry(row: OutboxRow): OutboxEntry {
  return {
    messageRowId: row.message_id,
    conversationId: row.conversation_id,
    payload: JSON.parse(row.payload) as OutboxPayload,
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

export function insertOutboxEntry(db: WritableDB, entry: Omit<OutboxEntry, 'attempts'>): void {
  run(
    db,
    sql`INSERT INTO outbox (message_id, conversation_id, payload, created_at)
        VALUES (${entry.messageRowId}, ${entry.conversationId}, ${JSON.stringify(entry.payload)}, ${entry.createdAt})
        ON CONFLICT (message_id) DO NOTHING`,
  );
}

/** The oldest entry: the outbox is sent strictly in the order messages were written (rowid order). */
export function nextOutboxEntry(db: ReadableDB): OutboxEntry | undefined {
  const row = get<OutboxRow>(db, sql`SELECT * FROM outbox ORDER BY id LIMIT 1`);
  return row && rowToEntry(row);
}

export function countOutbox(db: ReadableDB): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM outbox`)?.n ?? 0;
}

export function deleteOutboxEntry(db: WritableDB, messageRowId: number): void {
  run(db, sql`DELETE FROM outbox WHERE message_id = ${messageRowId}`);
}

export function noteOutboxAttempt(db: WritableDB, messageRowId: number): void {
  run(db, sql`UPDATE outbox SET attempts = attempts + 1 WHERE message_id = ${messageRowId}`);
}
