import { get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

/** What `message:send` carries, kept verbatim so a retry after a restart sends the same thing. */
export interface OutboxPayload {
  clientMsgId: string;
  to: string;
  body: unknown;
}

export interface OutboxEntry {
  clientMsgId: string;
  conversationId: string;
  payload: OutboxPayload;
  createdAt: number;
  attempts: number;
}

interface OutboxRow {
  client_msg_id: string;
  conversation_id: string;
  payload: string;
  created_at: number;
  attempts: number;
}

function rowToEntry(row: OutboxRow): OutboxEntry {
  return {
    clientMsgId: row.client_msg_id,
    conversationId: row.conversation_id,
    payload: JSON.parse(row.payload) as OutboxPayload,
    createdAt: row.created_at,
    attempts: row.attempts,
  };
}

export function insertOutboxEntry(db: WritableDB, entry: Omit<OutboxEntry, 'attempts'>): void {
  run(
    db,
    sql`INSERT INTO outbox (client_msg_id, conversation_id, payload, created_at)
        VALUES (${entry.clientMsgId}, ${entry.conversationId}, ${JSON.stringify(entry.payload)}, ${entry.createdAt})
        ON CONFLICT (client_msg_id) DO NOTHING`,
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

export function deleteOutboxEntry(db: WritableDB, clientMsgId: string): void {
  run(db, sql`DELETE FROM outbox WHERE client_msg_id = ${clientMsgId}`);
}

export function noteOutboxAttempt(db: WritableDB, clientMsgId: string): void {
  run(db, sql`UPDATE outbox SET attempts = attempts + 1 WHERE client_msg_id = ${clientMsgId}`);
}
