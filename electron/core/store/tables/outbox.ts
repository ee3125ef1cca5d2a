import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';
import type { MessageState } from './messages';

/**
 * The socket requests the outbox replays (docs/adr/0002): sends and every change made while
 * offline — edits, recalls, reactions, deletions for me, reports, and conversation
 * operations. The payload is the request's input, kept verbatim.
 */
export const OUTBOX_KINDS = [
  'message:send',
  'message:edit',
  'message:recall',
  'message:react',
  'message:deleteForMe',
  'message:report',
  'conversation:clear',
  'conversation:delete',
  'conversation:setSettings',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

interface SendPayloadCommon {
  clientMsgId: string;
  body: unknown;
  cloudCustomData?: string;
  replyTo?: string;
}

/**
 * What `message:send` carries, kept verbatim so a retry after a restart sends the same thing: one-to-one
 * (`to`) or, from ADR 0004 on, a group or topic (`groupConversationId` with its mentions and receipt request).
 */
export type OutboxPayload =
  | (SendPayloadCommon & { to: string })
  | (SendPayloadCommon & { groupConversationId: string; groupAt?: { all: boolean; userIds: string[] }; needReceipt?: boolean });

/** A send (the original outbox entry, keyed by its message). */
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

/** Any queued operation. */
export interface OutboxOp {
  id: number;
  kind: OutboxKind;
  /** The message it changes (messages.id), or null (conversation operations, deletions for me). */
  messageRowId: number | null;
  conversationId: string;
  payload: unknown;
  /** The message state this optimistic change replaced: restored if the server refuses it for good. */
  undo: MessageState | null;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** A send whose request has left at least once: the server may hold the message (migration 0007). */
  tried: boolean;
}

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  message_id: number | null;
  conversation_id: string;
  payload: string;
  undo: string | null;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  tried: number;
}

function rowToOp(row: OutboxRow): OutboxOp {
  return {
    id: row.id,
    kind: row.kind,
    messageRowId: row.message_id,
    conversationId: row.conversation_id,
    payload: JSON.parse(row.payload) as unknown,
    undo: row.undo === null ? null : (JSON.parse(row.undo) as MessageState),
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    tried: row.tried === 1,
  };
}

/** Queues a send for a message (once: a second entry for the same message is ignored). */
export function insertOutboxEntry(db: WritableDB, entry: Omit<OutboxEntry, 'attempts' | 'nextAttemptAt'>): void {
  run(
    db,
    sql`INSERT INTO outbox (kind, message_id, conversation_id, payload, created_at)
        VALUES ('message:send', ${entry.messageRowId}, ${entry.conversationId}, ${JSON.stringify(entry.payload)}, ${entry.createdAt})
        ON CONFLICT DO NOTHING`,
  );
}

/** Queues any operation behind everything already queued for its conversation; returns its id. */
export function insertOutboxOp(
  db: WritableDB,
  op: { kind: OutboxKind; messageRowId: number | null; conversationId: string; payload: unknown; undo?: MessageState | null; createdAt: number },
): number {
  const result = run(
    db,
    sql`INSERT INTO outbox (kind, message_id, conversation_id, payload, undo, created_at)
        VALUES (${op.kind}, ${op.messageRowId}, ${op.conversationId}, ${JSON.stringify(op.payload)},
                ${op.undo ? JSON.stringify(op.undo) : null}, ${op.createdAt})`,
  );
  return Number(result.lastInsertRowid);
}

/**
 * The oldest entry of each conversation, oldest first: within a conversation operations go
 * strictly in the order they were queued (rowid order), so only its head may go.
 */
export function outboxHeads(db: ReadableDB): OutboxOp[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE id IN (SELECT min(id) FROM outbox GROUP BY conversation_id) ORDER BY id`,
  ).map(rowToOp);
}

/** The oldest entry of one conversation (index outbox_by_conversation). */
export function outboxHead(db: ReadableDB, conversationId: string): OutboxOp | undefined {
  const row = get<OutboxRow>(db, sql`SELECT * FROM outbox WHERE conversation_id = ${conversationId} ORDER BY id LIMIT 1`);
  return row && rowToOp(row);
}

/** The queued send of a message, if it has not been delivered yet. */
export function sendEntryOf(db: ReadableDB, messageRowId: number): OutboxOp | undefined {
  const row = get<OutboxRow>(db, sql`SELECT * FROM outbox WHERE message_id = ${messageRowId} AND kind = 'message:send'`);
  return row && rowToOp(row);
}

/** The changes of a message still queued (edits, recalls, reactions), in the order they were made. */
export function queuedChangesOf(db: ReadableDB, messageRowId: number): OutboxOp[] {
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE message_id = ${messageRowId} AND kind <> 'message:send' ORDER BY id`).map(rowToOp);
}

/** Rewrites the state a queued change is undone to (the changes before it were refused or confirmed). */
export function setOutboxUndo(db: WritableDB, id: number, undo: MessageState): void {
  run(db, sql`UPDATE outbox SET undo = ${JSON.stringify(undo)} WHERE id = ${id}`);
}

/** Whether a conversation operation of this kind waits in the outbox (its optimistic state must not be overwritten). */
export function hasQueuedConversationOp(db: ReadableDB, conversationId: string, kind: OutboxKind): boolean {
  return get(db, sql`SELECT 1 FROM outbox WHERE conversation_id = ${conversationId} AND kind = ${kind} LIMIT 1`) !== undefined;
}

export function countOutbox(db: ReadableDB): number {
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM outbox`)?.n ?? 0;
}

/** Removes a message's queued send. */
export function deleteOutboxEntry(db: WritableDB, messageRowId: number): void {
  run(db, sql`DELETE FROM outbox WHERE message_id = ${messageRowId} AND kind = 'message:send'`);
}

export function deleteOutboxOp(db: WritableDB, id: number): void {
  run(db, sql`DELETE FROM outbox WHERE id = ${id}`);
}

/** Rewrites a queued send's body (an edit of a message that has not left yet, or an upload that finished). */
export function rewriteSendBody(db: WritableDB, messageRowId: number, body: unknown): void {
  run(
    db,
    sql`UPDATE outbox SET payload = json_set(payload, '$.body', json(${JSON.stringify(body)}))
        WHERE message_id = ${messageRowId} AND kind = 'message:send'`,
  );
}

/** The entry's request is about to leave: from now on the server may hold what it carries. */
export function markOutboxTried(db: WritableDB, id: number): void {
  run(db, sql`UPDATE outbox SET tried = 1 WHERE id = ${id} AND tried = 0`);
}

/** A failed attempt: counted, and the entry waits until `nextAttemptAt`. */
export function noteOutboxFailure(db: WritableDB, id: number, nextAttemptAt: number): void {
  run(db, sql`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${nextAttemptAt} WHERE id = ${id}`);
}

/** Every entry is due at once (a new connection: whatever failed on the old one may well work now). */
export function makeOutboxDue(db: WritableDB): void {
  run(db, sql`UPDATE outbox SET next_attempt_at = 0 WHERE next_attempt_at <> 0`);
}
