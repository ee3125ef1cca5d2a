import type { GroupAt, GroupReceiptCounts, MovedRef, MsgElem, MessageStatus, Reaction, ReplyRef, StoredBody } from '../../../../shared/domain';
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
  cloudCustomData: string;
  replyTo: ReplyRef | null;
  recalled: boolean;
  /** M5: own recalled text, kept on this device so the sender can re-edit it. */
  recalledText: string | null;
  editedAt: number | null;
  reactions: Reaction[];
  /** M10: deleted for me: a tombstone (empty body and text) that keeps its seq. */
  deleted: boolean;
  modSeq: number;
  /** Changes of this message still waiting in the outbox. */
  pendingOps: number;
  /** M8 (groups): whom it @-mentions; null when nobody. */
  groupAt: GroupAt | null;
  /** M8: it mentions me (by ID or @All) and is not mine, decided when stored (mentionsUser). */
  atMe: boolean;
  /** M6 (groups): the sender asked for a group read receipt. */
  needsReceipt: boolean;
  /** M6: read/unread counts of an own receipt message; null otherwise. */
  receipt: GroupReceiptCounts | null;
  /** G5: a group-change tip: never unread, never notified. */
  isTip: boolean;
  /** ADR 0005: moved to another topic; a tombstone (empty body and text) that keeps its seq. */
  movedTo: MovedRef | null;
  /** ADR 0005: moved here from another topic. */
  movedFrom: MovedRef | null;
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
  cloud_custom_data: string;
  reply_to: string | null;
  recalled: number;
  recalled_text: string | null;
  edited_at: number | null;
  reactions: string;
  deleted: number;
  mod_seq: number;
  pending_ops: number;
  at_info: string | null;
  at_me: number;
  needs_receipt: number;
  receipt: string | null;
  is_tip: number;
  moved_to: string | null;
  moved_from: string | null;
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
    cloudCustomData: row.cloud_custom_data,
    // JSON columns below are written by this module from schema-checked values.
    replyTo: row.reply_to === null ? null : (JSON.parse(row.reply_to) as ReplyRef),
    recalled: row.recalled === 1,
    recalledText: row.recalled_text,
    editedAt: row.edited_at,
    reactions: JSON.parse(row.reactions) as Reaction[],
    deleted: row.deleted === 1,
    modSeq: row.mod_seq,
    pendingOps: row.pending_ops,
    groupAt: row.at_info === null ? null : (JSON.parse(row.at_info) as GroupAt),
    atMe: row.at_me === 1,
    needsReceipt: row.needs_receipt === 1,
    receipt: row.receipt === null ? null : (JSON.parse(row.receipt) as GroupReceiptCounts),
    isTip: row.is_tip === 1,
    movedTo: row.moved_to === null ? null : (JSON.parse(row.moved_to) as MovedRef),
    movedFrom: row.moved_from === null ? null : (JSON.parse(row.moved_from) as MovedRef),
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

/** What a caller stores: the record without what the store assigns (rowId) or sets later (error, pending changes). */
export type NewMessage = Omit<MessageRecord, 'rowId' | 'error' | 'pendingOps' | MessageStateField> &
  Partial<Pick<MessageRecord, MessageStateField>>;

/** Fields of a new message that default to "nothing happened to it yet" (and, for the group ones, to a one-to-one message). */
type MessageStateField =
  | 'cloudCustomData'
  | 'replyTo'
  | 'recalled'
  | 'recalledText'
  | 'editedAt'
  | 'reactions'
  | 'deleted'
  | 'modSeq'
  | 'groupAt'
  | 'atMe'
  | 'needsReceipt'
  | 'receipt'
  | 'isTip'
  | 'movedTo'
  | 'movedFrom';

const KIND_OF_TYPE: Record<MsgElem['MsgType'], string> = {
  TIMTextElem: 'text',
  TIMFaceElem: 'face',
  TIMLocationElem: 'location',
  TIMCustomElem: 'custom',
  TIMImageElem: 'image',
  TIMSoundElem: 'sound',
  TIMFileElem: 'file',
  TIMVideoFileElem: 'video',
  TIMRelayElem: 'relay',
};

/** The `kinds` column: the body's known element kinds (SearchKind names), space-delimited on both sides. */
export function kindsOf(body: StoredBody): string {
  const kinds = new Set(body.flatMap((e) => (e.MsgType in KIND_OF_TYPE ? [KIND_OF_TYPE[e.MsgType as MsgElem['MsgType']]] : [])));
  return kinds.size === 0 ? '' : ` ${[...kinds].join(' ')} `;
}

/**
 * Inserts a message and indexes it for search (both FTS5 indexes; migration 0005 says why
 * this is not a trigger); returns its rowid, or null (and changes nothing) if the sender's
 * client message ID or the conversation's seq is already stored. Callers run it inside a
 * transaction, so a message is never stored unindexed.
 */
export function insertMessage(db: WritableDB, m: NewMessage): number | null {
  const result = run(
    db,
    sql`INSERT INTO messages (client_msg_id, conversation_id, seq, msg_key, sender, body, text, time, status, created_at,
                              cloud_custom_data, reply_to, recalled, recalled_text, edited_at, reactions, deleted, mod_seq, kinds,
                              at_info, at_me, needs_receipt, receipt, is_tip, moved_to, moved_from)
        VALUES (${m.clientMsgId}, ${m.conversationId}, ${m.seq}, ${m.msgKey}, ${m.sender}, ${JSON.stringify(m.body)},
                ${m.text}, ${m.time}, ${m.status}, ${m.createdAt}, ${m.cloudCustomData ?? ''},
                ${m.replyTo ? JSON.stringify(m.replyTo) : null}, ${m.recalled ? 1 : 0}, ${m.recalledText ?? null}, ${m.editedAt ?? null},
                ${JSON.stringify(m.reactions ?? [])}, ${m.deleted ? 1 : 0}, ${m.modSeq ?? 0}, ${kindsOf(m.body)},
                ${m.groupAt ? JSON.stringify(m.groupAt) : null}, ${m.atMe ? 1 : 0}, ${m.needsReceipt ? 1 : 0},
                ${m.receipt ? JSON.stringify(m.receipt) : null}, ${m.isTip ? 1 : 0},
                ${m.movedTo ? JSON.stringify(m.movedTo) : null}, ${m.movedFrom ? JSON.stringify(m.movedFrom) : null})
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

/** What a timeline shows: not deleted for me, not moved away (ADR 0005: its copy shows in the other topic). */
const VISIBLE = sql`AND deleted = 0 AND moved_to IS NULL`;

/** A tombstone kept for its seq: deleted for me (M10) or moved to another topic (ADR 0005); never shown or acted on. */
export function isHidden(message: Pick<MessageRecord, 'deleted' | 'movedTo'>): boolean {
  return message.deleted || message.movedTo !== null;
}

/**
 * Display order is: acknowledged messages by seq, then unacknowledged ones in creation order.
 * These read the newest `limit` of each part before a cursor, newest first (indexes
 * UNIQUE(conversation_id, seq) and messages_unacked). Tombstones (deleted for me, moved to another topic) are
 * left out unless `withDeleted`: history paging reads them to tell a deleted seq from a missing one.
 */
export function ackedBefore(
  db: ReadableDB,
  conversationId: string,
  beforeSeq: number | null,
  limit: number,
  withDeleted = false,
): MessageRecord[] {
  const bound = beforeSeq ?? Number.MAX_SAFE_INTEGER;
  const visible = withDeleted ? sql`` : VISIBLE;
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq IS NOT NULL AND seq < ${bound} ${visible}
        ORDER BY seq DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}

/** The oldest `limit` acknowledged messages after `afterSeq`, ascending (paging towards the present after a jump). */
export function ackedAfter(db: ReadableDB, conversationId: string, afterSeq: number, limit: number, withDeleted = false): MessageRecord[] {
  const visible = withDeleted ? sql`` : VISIBLE;
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} ${visible}
        ORDER BY seq LIMIT ${limit}`,
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
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq IS NULL AND deleted = 0
          AND (created_at < ${createdAt} OR (created_at = ${createdAt} AND id < ${rowId}))
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}

/** Unacknowledged messages after a cursor (or all of them), in creation order. */
export function unackedAfter(
  db: ReadableDB,
  conversationId: string,
  after: { createdAt: number; rowId: number } | null,
  limit: number,
): MessageRecord[] {
  const createdAt = after?.createdAt ?? Number.MIN_SAFE_INTEGER;
  const rowId = after?.rowId ?? 0;
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND seq IS NULL AND deleted = 0
          AND (created_at > ${createdAt} OR (created_at = ${createdAt} AND id > ${rowId}))
        ORDER BY created_at, id LIMIT ${limit}`,
  ).map(rowToMessage);
}

/** What a message can become after it is stored (recall, edit, reactions, deletion for me). */
export type MessageState = Pick<
  MessageRecord,
  'body' | 'text' | 'recalled' | 'recalledText' | 'editedAt' | 'reactions' | 'replyTo' | 'cloudCustomData' | 'deleted' | 'modSeq' | 'movedTo'
>;

export function stateOf(message: MessageRecord): MessageState {
  const { body, text, recalled, recalledText, editedAt, reactions, replyTo, cloudCustomData, deleted, modSeq, movedTo } = message;
  return { body, text, recalled, recalledText, editedAt, reactions, replyTo, cloudCustomData, deleted, modSeq, movedTo };
}

/**
 * Writes a message's state. The text column is only written when it changed: naming it in
 * an UPDATE fires the triggers that re-index it in both search indexes.
 */
export function writeMessageState(db: WritableDB, rowId: number, state: MessageState): void {
  run(
    db,
    sql`UPDATE messages SET body = ${JSON.stringify(state.body)}, kinds = ${kindsOf(state.body)},
          recalled = ${state.recalled ? 1 : 0}, recalled_text = ${state.recalledText}, edited_at = ${state.editedAt},
          reactions = ${JSON.stringify(state.reactions)}, reply_to = ${state.replyTo === null ? null : JSON.stringify(state.replyTo)},
          cloud_custom_data = ${state.cloudCustomData}, deleted = ${state.deleted ? 1 : 0}, mod_seq = ${state.modSeq},
          moved_to = ${state.movedTo ? JSON.stringify(state.movedTo) : null}
        WHERE id = ${rowId}`,
  );
  run(db, sql`UPDATE messages SET text = ${state.text} WHERE id = ${rowId} AND text <> ${state.text}`);
}

/** The body of a message not yet acknowledged (an upload finished, an edit before it left): search text and kinds follow. */
export function replacePendingBody(db: WritableDB, rowId: number, body: StoredBody, text: string): void {
  run(db, sql`UPDATE messages SET body = ${JSON.stringify(body)}, kinds = ${kindsOf(body)} WHERE id = ${rowId} AND seq IS NULL`);
  run(db, sql`UPDATE messages SET text = ${text} WHERE id = ${rowId} AND seq IS NULL AND text <> ${text}`);
}

/** M6: the read/unread counts of an own receipt message; returns true if they changed. */
export function setMessageReceipt(db: WritableDB, rowId: number, receipt: GroupReceiptCounts): boolean {
  const json = JSON.stringify({ readCount: receipt.readCount, unreadCount: receipt.unreadCount });
  return run(db, sql`UPDATE messages SET receipt = ${json} WHERE id = ${rowId} AND receipt IS NOT ${json}`).changes > 0;
}

/**
 * M8: how the unread messages above `afterSeq` mention me (partial index messages_mentioning_me):
 * 'me' when one names me, 'all' when they only @All, null when none does (recalled and deleted
 * ones no longer count).
 */
export function unreadMentionOf(db: ReadableDB, conversationId: string, afterSeq: number, me: string): 'me' | 'all' | null {
  const rows = all<{ at_info: string | null }>(
    db,
    sql`SELECT at_info FROM messages WHERE conversation_id = ${conversationId} AND at_me = 1 AND seq > ${afterSeq}
          AND deleted = 0 AND recalled = 0 AND moved_to IS NULL`,
  );
  if (rows.length === 0) return null;
  // Written by insertMessage from a schema-checked GroupAt.
  const named = rows.some((r) => r.at_info !== null && (JSON.parse(r.at_info) as GroupAt).userIds.includes(me));
  return named ? 'me' : 'all';
}

/** Counts changes waiting in the outbox for a message (ChatMessage.hasPendingChanges). */
export function addPendingOps(db: WritableDB, rowId: number, delta: number): void {
  run(db, sql`UPDATE messages SET pending_ops = max(0, pending_ops + ${delta}) WHERE id = ${rowId}`);
}

/** Removes a message (a cancelled unsent message); its outbox entries go with it (ON DELETE CASCADE). */
export function deleteMessage(db: WritableDB, rowId: number): void {
  run(db, sql`DELETE FROM messages WHERE id = ${rowId}`);
}

/** M10: a cleared conversation keeps nothing at or below `seq` (unsent messages stay). */
export function deleteMessagesUpTo(db: WritableDB, conversationId: string, seq: number): number {
  return run(db, sql`DELETE FROM messages WHERE conversation_id = ${conversationId} AND seq IS NOT NULL AND seq <= ${seq}`).changes;
}

/** Appends words to a message's searchable text (a combined message's forwarded texts, once fetched). */
export function appendSearchText(db: WritableDB, rowId: number, extra: string): void {
  run(db, sql`UPDATE messages SET text = CASE WHEN text = '' THEN ${extra} ELSE text || char(10) || ${extra} END
              WHERE id = ${rowId} AND deleted = 0 AND recalled = 0 AND instr(text, ${extra}) = 0`);
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

/** A sender's newest `limit` stored messages of a conversation, newest first (their name changed: shown again). */
export function recentFromSender(db: ReadableDB, conversationId: string, sender: string, limit: number): MessageRecord[] {
  return all<MessageRow>(
    db,
    sql`SELECT * FROM messages WHERE conversation_id = ${conversationId} AND sender = ${sender} AND deleted = 0
        ORDER BY id DESC LIMIT ${limit}`,
  ).map(rowToMessage);
}

/** M6: the lowest seq above `afterSeq` of my own receipt messages in a conversation, null if none. */
export function lowestOwnReceiptSeq(db: ReadableDB, conversationId: string, me: string, afterSeq: number): number | null {
  return (
    get<{ seq: number | null }>(
      db,
      sql`SELECT min(seq) AS seq FROM messages
          WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND sender = ${me} AND needs_receipt = 1`,
    )?.seq ?? null
  );
}
