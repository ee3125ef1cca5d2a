import type { MessageStatus, StoredBody } from '../../../../shared/domain';
import { ERRORS, ErrorShape, type ErrorCode } from '../../../../shared/errors';
import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';
import { cjkBigrams } from '../cjkBigrams';

/** A message as the local store keeps it. `seq` is null until the server has acknowledged it. */
export interface MessageRecord {
  rowId: number;
  clientMsgId: string;
  conversationId: string;
  seq: number | null;
  msgKey: string | null;
  sender: string;
  body: StoredBody;
  text: string;
  time: number;
  status: MessageStatus;
  /** Why a send failed for good: a catalogue code the renderer translates, and the server's words. */
  error: ErrorShape | null;
  createdAt: number;
}

export interface MessageRow {
  id: number;
  client_msg_id: string;
  conversation_id: string;
  seq: number | null;
  msg_key: string | null;
  sender: string;
  body: string;
  text: string;
  time: number;
  status: MessageStatus;
  error: string | null;
  created_at: number;
}

export function rowToMessage(row: MessageRow): MessageRecord {
  return {
    rowId: row.id,
    clientMsgId: row.client_msg_id,
    conversationId: row.conversation_id,
    seq: row.seq,
    msgKey: row.msg_key,
    sender: row.sender,
    // Written by this module from a schema-checked body; not re-validated on every read.
    body: JSON.parse(row.body) as StoredBody,
    text: row.text,
    time: row.time,
    status: row.status,
    error: decodeError(row.error),
    createdAt: row.created_at,
  };
}

/**
 * The `error` column holds an ErrorShape as JSON. Rows written before codes were stored
 * hold the English text alone: a catalogue text gets its code back, anything else reads
 * as `internal` with the text kept as the message.
 */
function decodeError(text: string | null): ErrorShape | null {
  if (text === null) return null;
  try {
    const parsed = ErrorShape.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: a reason stored as plain text.
  }
  const code = (Object.keys(ERRORS) as ErrorCode[]).find((c) => ERRORS[c].message === text) ?? 'internal';
  return { code, message: text };
}

function encodeError(error: ErrorShape): string {
  return JSON.stringify({ code: error.code, message: error.message });
}

/** What a caller stores: the record without what the store assigns (rowId) or sets later (error). */
export type NewMessage = Omit<MessageRecord, 'rowId' | 'error'>;

/**
 * Inserts a message and indexes it for search (both FTS5 indexes; migration 0005 says why
 * this is not a trigger); returns its rowid, or null (and changes nothing) if the sender's
 * client message ID or the conversation's seq is already stored. Callers run it inside a
 * transaction, so a message is never stored unindexed.
 */
export function insertMessage(db: WritableDB, m: NewMessage): number | null {
  const result = run(
    db,
    sql`INSERT INTO messages (client_msg_id, conversation_id, seq, msg_key, sender, body, text, time, status, created_at)
        VALUES (${m.clientMsgId}, ${m.conversationId}, ${m.seq}, ${m.msgKey}, ${m.sender}, ${JSON.stringify(m.body)},
                ${m.text}, ${m.time}, ${m.status}, ${m.createdAt})
        ON CONFLICT DO NOTHING`,
  );
  if (result.changes === 0) return null;
  const id = Number(result.lastInsertRowid);
  run(db, sql`INSERT INTO messages_fts (rowid, text) VALUES (${id}, ${m.text})`);
  const grams = cjkBigrams(m.text);
  if (grams !== '') run(db, sql`INSERT INTO messages_bigram (rowid, grams) VALUES (${id}, ${grams})`);
  return id;
}

/** Point lookup on UNIQUE(sender, client_msg_id): a client message ID is unique per sender only (like the server's key). */
export function getMessage(db: ReadableDB, sender: string, clientMsgId: string): MessageRecord | undefined {
  const row = get<MessageRow>(db, sql`SELECT * FROM messages WHERE sender = ${sender} AND client_msg_id = ${clientMsgId}`);
  return row && rowToMessage(row);
}

/** Point lookups by rowid, in the order given; rows that no longer exist are left out. */
export function getMessagesByRowIds(db: ReadableDB, rowIds: readonly number[]): MessageRecord[] {
  return rowIds.flatMap((rowId) => {
    const row = get<MessageRow>(db, sql`SELECT * FROM messages WHERE id = ${rowId}`);
    return row ? [rowToMessage(row)] : [];
  });
}

/** The server acknowledged (or delivered back) a message of ours: it now has its seq and server time. */
export function markMessageSent(db: WritableDB, rowId: number, ack: { seq: number; time: number; msgKey: string }): void {
  run(
    db,
    sql`UPDATE messages SET seq = ${ack.seq}, time = ${ack.time}, msg_key = ${ack.msgKey}, status = 'sent', error = NULL
        WHERE id = ${rowId}`,
  );
}

export function markMessageFailed(db: WritableDB, rowId: number, error: ErrorShape): void {
  run(db, sql`UPDATE messages SET status = 'failed', error = ${encodeError(error)} WHERE id = ${rowId} AND seq IS NULL`);
}

/** A retried message goes back to pending and moves to the end of the unsent tail. */
export function markMessagePending(db: WritableDB, rowId: number, now: number): void {
  run(
    db,
    sql`UPDATE messages SET status = 'pending', error = NULL, time = ${now}, created_at = ${now}
        WHERE id = ${rowId} AND seq IS NULL`,
  );
}

/**
 * Display order is: acknowledged messages by seq, then unacknowledged ones in creation order.
 * These two read the newest `limit` of each part before a cursor, newest first
 * (indexes UNIQUE(conversation_id, seq) and messages_unacked).
 */
export function ackedBefore(db: ReadableDB, conversationId: string, beforeSeq: number | null, limit: number): MessageRecord[] {
  const bound = beforeSeq ?? Number.MAX_SAFE_INTEGER;
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq IS NOT NULL AND seq < ${bound}
        ORDER BY seq DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}

export function unackedBefore(
  db: ReadableDB,
  conversationId: string,
  before: { createdAt: number; rowId: number } | null,
  limit: number,
): MessageRecord[] {
  const createdAt = before?.createdAt ?? Number.MAX_SAFE_INTEGER;
  const rowId = before?.rowId ?? Number.MAX_SAFE_INTEGER;
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq IS NULL
          AND (created_at < ${createdAt} OR (created_at = ${createdAt} AND id < ${rowId}))
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}

/** The message a conversation list shows: the newest in display order. */
export function lastMessage(db: ReadableDB, conversationId: string): MessageRecord | undefined {
  return unackedBefore(db, conversationId, null, 1)[0] ?? ackedBefore(db, conversationId, null, 1)[0];
}

/**
 * Walks up from `fromSeq` while the next seq is stored and returns the last one reached:
 * the new "synced up to" mark after messages were stored (seeks on UNIQUE(conversation_id, seq)).
 */
export function contiguousSeqFrom(db: ReadableDB, conversationId: string, fromSeq: number): number {
  let seq = fromSeq;
  for (;;) {
    const next = get<{ seq: number }>(
      db,
      sql`SELECT seq FROM messages WHERE conversation_id = ${conversationId} AND seq > ${seq}
          ORDER BY seq LIMIT 1`,
    );
    if (!next || next.seq !== seq + 1) return seq;
    seq = next.seq;
  }
}

/** Own acknowledged messages with seq in (afterSeq, upToSeq]: those a new peer read receipt covers. */
export function ownMessagesInSeqRange(
  db: ReadableDB,
  conversationId: string,
  sender: string,
  afterSeq: number,
  upToSeq: number,
): MessageRecord[] {
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND seq <= ${upToSeq}
          AND sender = ${sender} ORDER BY seq`,
  ).map(rowToMessage);
}

/** The highest acknowledged seq stored for a conversation, 0 if none (max over the (conversation_id, seq) index). */
export function highestSeq(db: ReadableDB, conversationId: string): number {
  return get<{ seq: number | null }>(db, sql`SELECT max(seq) AS seq FROM messages WHERE conversation_id = ${conversationId}`)?.seq ?? 0;
}
