import { previewOf, type Reaction, type ReplyRef, type StoredBody } from '../../../../shared/domain';
import {
  type AppendResult,
  type DeleteForMeResult,
  type MessageChange,
  type MessagePage,
  type GroupMessageRef,
  type MessageRef,
  type ModifyResult,
  type NewMessage,
  type StoredMessage,
} from '../types';
import { accountExists, historyFloorOf } from './accounts';
import { type Database } from './database';
import { GROUP_COLUMNS, type GroupMessageRow, groupConversationOf, toGroupMessage } from './groupMessages';
import { type SqliteState, membershipKey } from './state';
import { type SqlFragment, sql } from '../../../../shared/sql/sql';

interface MessageRow {
  id: number;
  sender: string;
  recipient: string;
  client_msg_id: string;
  seq: number;
  random: number;
  time: number;
  body: string;
  hidden_from_sender: number;
  cloud_custom_data: string;
  reply_to: string | null;
  recalled: number;
  edited_at: number | null;
  reactions: string | null;
  mod_seq: number;
}

/** A row read for one viewer: their deletion's modSeq, or null. */
type ViewerRow = MessageRow & { del_mod_seq: number | null };

const COLUMNS = sql`id, sender, recipient, client_msg_id, seq, random, time, body, hidden_from_sender,
  cloud_custom_data, reply_to, recalled, edited_at, reactions, mod_seq`;

/** A row as stored, without anyone's deletion of it (see {@link toViewerMessage}). */
export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    from: row.sender,
    to: row.recipient,
    clientMsgId: row.client_msg_id,
    seq: row.seq,
    random: row.random,
    time: row.time,
    // Written by us from schema-checked values; parsing them again on every read would only cost time.
    body: JSON.parse(row.body) as StoredBody,
    hiddenFromSender: row.hidden_from_sender === 1,
    cloudCustomData: row.cloud_custom_data,
    replyTo: row.reply_to === null ? null : (JSON.parse(row.reply_to) as ReplyRef),
    recalled: row.recalled === 1,
    editedAt: row.edited_at,
    reactions: row.reactions === null ? [] : (JSON.parse(row.reactions) as Reaction[]),
    modSeq: row.mod_seq,
    deletedFor: [],
  };
}

function toViewerMessage(row: ViewerRow, viewer: string): StoredMessage {
  const message = toStoredMessage(row);
  if (row.del_mod_seq !== null) message.deletedFor = [{ userId: viewer, modSeq: row.del_mod_seq }];
  return message;
}

/** A one-to-one conversation is named by its two UserIDs in sorted order. */
export function conversationPair(a: string, b: string): [string, string] {
  return a <= b ? [a, b] : [b, a];
}

/**
 * Rows of the conversation `viewer` may see: everything stored since their
 * account was created (older rows belong to an earlier owner of the UserID),
 * except their own hidden sends.
 */
export function visibleTo(viewer: string): SqlFragment {
  return sql`id > ${historyFloorOf(viewer)} AND NOT (sender = ${viewer} AND hidden_from_sender = 1)`;
}

export function conversationIdOf(db: Database, a: string, b: string): number | null {
  const [userA, userB] = conversationPair(a, b);
  const row = db.get<{ id: number }>(sql`SELECT id FROM conversations WHERE user_a = ${userA} AND user_b = ${userB}`);
  return row?.id ?? null;
}

/** The conversation between `viewer` and `peer`, with how far the viewer cleared it (M10). */
export function conversationFor(db: Database, viewer: string, peer: string): { id: number; clearedSeq: number } | null {
  const [userA, userB] = conversationPair(viewer, peer);
  const row = db.get<{ id: number; cleared_seq: number | null }>(sql`
    SELECT c.id, me.cleared_seq FROM conversations AS c
    LEFT JOIN conversation_members AS me ON me.conversation_id = c.id AND me.user_id = ${viewer}
    WHERE c.user_a = ${userA} AND c.user_b = ${userB}`);
  return row ? { id: row.id, clearedSeq: row.cleared_seq ?? 0 } : null;
}

/** The viewer's deletion of row `m` (M10), as a column. */
function deletionOf(viewer: string): SqlFragment {
  return sql`(SELECT d.mod_seq FROM message_deletions AS d WHERE d.user_id = ${viewer} AND d.message_id = m.id) AS del_mod_seq`;
}

function appendOne(state: SqliteState, item: NewMessage): AppendResult {
  const { db } = state;
  // Columns written out (not ${COLUMNS}): a plain template keeps this hot statement's cache lookup cheap.
  const existing = db.get<MessageRow & { mine: number | null }>(sql`
    SELECT id, sender, recipient, client_msg_id, seq, random, time, body, hidden_from_sender,
           cloud_custom_data, reply_to, recalled, edited_at, reactions, mod_seq,
           (SELECT m.id > history_floor FROM accounts WHERE user_id = m.sender) AS mine
    FROM messages AS m WHERE sender = ${item.from} AND client_msg_id = ${item.clientMsgId}`);
  // (A correlated subquery, not a LEFT JOIN: SQLite runs that join ~10x slower even when nothing matches.)
  if (existing) {
    // Stored by an earlier owner of this UserID: not the caller's to see, and the ID cannot be used twice.
    if (existing.mine !== 1) return existing.mine === 0 ? { status: 'client_msg_id_taken' } : { status: 'sender_not_found' };
    return { status: 'duplicate', message: toStoredMessage(existing) };
  }
  if (!accountExists(state, item.from)) return { status: 'sender_not_found' };
  if (item.to !== item.from && !accountExists(state, item.to)) return { status: 'recipient_not_found' };

  const [userA, userB] = conversationPair(item.from, item.to);
  // The next seq is taken inside the storing transaction: gap-free and never shared.
  const conversation = db.get<{ id: number; last_seq: number }>(sql`
    INSERT INTO conversations (user_a, user_b, last_seq) VALUES (${userA}, ${userB}, 1)
    ON CONFLICT (user_a, user_b) DO UPDATE SET last_seq = last_seq + 1
    RETURNING id, last_seq`);
  if (!conversation) throw new Error('Conversation upsert returned no row.');
  const hidden = item.hiddenFromSender ? 1 : 0;
  db.run(sql`
    INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body, hidden_from_sender,
                          cloud_custom_data, reply_to)
    VALUES (${conversation.id}, ${conversation.last_seq}, ${item.from}, ${item.to}, ${item.clientMsgId},
            ${item.random}, ${item.time}, ${item.bodyJson ?? JSON.stringify(item.body)}, ${hidden},
            ${item.cloudCustomData ?? ''}, ${item.replyTo ? JSON.stringify(item.replyTo) : null})`);
  const recipientJoined = joinConversation(state, item.to, conversation.id, item.from);
  const senderJoined = !item.hiddenFromSender && joinConversation(state, item.from, conversation.id, item.to);
  return {
    status: 'stored',
    newlyShared: item.to !== item.from && !item.hiddenFromSender && (recipientJoined || senderJoined),
    message: {
      from: item.from,
      to: item.to,
      clientMsgId: item.clientMsgId,
      seq: conversation.last_seq,
      random: item.random,
      time: item.time,
      body: item.body,
      hiddenFromSender: item.hiddenFromSender,
      cloudCustomData: item.cloudCustomData ?? '',
      replyTo: item.replyTo ?? null,
      recalled: false,
      editedAt: null,
      reactions: [],
      modSeq: 0,
      deletedFor: [],
    },
  };
}

/** Adds the conversation to the user's list; true when it was not there before. */
function joinConversation(state: SqliteState, userId: string, conversationId: number, peerId: string): boolean {
  const key = membershipKey(userId, conversationId);
  if (state.knownMemberships.has(key)) return false;
  const inserted = state.db.run(sql`
    INSERT INTO conversation_members (user_id, conversation_id, peer_id) VALUES (${userId}, ${conversationId}, ${peerId})
    ON CONFLICT DO NOTHING`).changes === 1;
  // Only true once the batch commits: a rolled-back batch must leave the cache as it was.
  state.afterCommit(() => state.knownMemberships.add(key));
  return inserted;
}

export function appendMessages(state: SqliteState, items: readonly NewMessage[]): AppendResult[] {
  return state.transaction(() => items.map((item) => appendOne(state, item)));
}

export function messagesAfter(db: Database, viewer: string, peer: string, afterSeq: number, limit: number): MessagePage {
  const conversation = conversationFor(db, viewer, peer);
  if (conversation === null) return { messages: [], hasMore: false };
  const rows = db.all<ViewerRow>(sql`
    SELECT ${COLUMNS}, ${deletionOf(viewer)} FROM messages AS m
    WHERE conversation_id = ${conversation.id} AND seq > ${Math.max(afterSeq, conversation.clearedSeq)} AND ${visibleTo(viewer)}
    ORDER BY seq ASC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).map((row) => toViewerMessage(row, viewer)), hasMore: rows.length > limit };
}

export function messagesBefore(db: Database, viewer: string, peer: string, beforeSeq: number, limit: number): MessagePage {
  const conversation = conversationFor(db, viewer, peer);
  if (conversation === null) return { messages: [], hasMore: false };
  const rows = db.all<ViewerRow>(sql`
    SELECT ${COLUMNS}, ${deletionOf(viewer)} FROM messages AS m
    WHERE conversation_id = ${conversation.id} AND seq < ${beforeSeq} AND seq > ${conversation.clearedSeq} AND ${visibleTo(viewer)}
    ORDER BY seq DESC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).reverse().map((row) => toViewerMessage(row, viewer)), hasMore: rows.length > limit };
}

/**
 * Visible messages changed after `afterModSeq`: by anyone (recall, edit,
 * reaction) or deleted by the viewer for themselves, ascending by the later of
 * the two modSeqs. `mod_seq > 0` lets SQLite use the partial index.
 */
export function messagesModifiedAfter(db: Database, viewer: string, peer: string, afterModSeq: number, limit: number): MessagePage {
  const conversation = conversationFor(db, viewer, peer);
  if (conversation === null) return { messages: [], hasMore: false };
  const rows = db.all<ViewerRow>(sql`
    SELECT * FROM (
      SELECT ${COLUMNS}, ${deletionOf(viewer)} FROM messages AS m
      WHERE id IN (
          SELECT id FROM messages WHERE conversation_id = ${conversation.id} AND mod_seq > 0 AND mod_seq > ${afterModSeq}
          UNION
          SELECT message_id FROM message_deletions
          WHERE user_id = ${viewer} AND conversation_id = ${conversation.id} AND mod_seq > ${afterModSeq})
        AND seq > ${conversation.clearedSeq} AND ${visibleTo(viewer)})
    ORDER BY MAX(mod_seq, COALESCE(del_mod_seq, 0)) ASC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).map((row) => toViewerMessage(row, viewer)), hasMore: rows.length > limit };
}

export function lastVisibleMessage(db: Database, conversationId: number, viewer: string, clearedSeq: number): StoredMessage | null {
  const row = db.get<ViewerRow>(sql`
    SELECT ${COLUMNS}, ${deletionOf(viewer)} FROM messages AS m
    WHERE conversation_id = ${conversationId} AND seq > ${clearedSeq} AND ${visibleTo(viewer)}
    ORDER BY seq DESC LIMIT 1`);
  return row ? toViewerMessage(row, viewer) : null;
}

export function unreadCount(db: Database, conversationId: number, viewer: string, readSeq: number): number {
  const row = db.get<{ n: number }>(sql`
    SELECT COUNT(*) AS n FROM messages
    WHERE conversation_id = ${conversationId} AND seq > ${readSeq} AND sender <> ${viewer} AND id > ${historyFloorOf(viewer)}`);
  return row?.n ?? 0;
}

/** Tencent MsgKey `<seq>_<random>_<unix seconds>`, or null when it is not one. */
function parseMsgKey(msgKey: string): { seq: number; random: number; seconds: number } | null {
  const match = /^(\d{1,15})_(\d{1,15})_(\d{1,15})$/.exec(msgKey);
  if (!match) return null;
  return { seq: Number(match[1]), random: Number(match[2]), seconds: Number(match[3]) };
}

/** The row `ref` names, if its viewer may see it; with every user's deletion of it. */
export function findMessageRow(db: Database, ref: MessageRef): { id: number; conversationId: number; message: StoredMessage } | null {
  if (!('between' in ref)) return findGroupMessageRow(db, ref);
  const [a, b] = ref.between;
  const conversation = ref.viewer === null ? idAsConversation(conversationIdOf(db, a, b)) : conversationFor(db, ref.viewer, ref.viewer === a ? b : a);
  if (conversation === null) return null;
  const visible = ref.viewer === null ? sql`1` : sql`seq > ${conversation.clearedSeq} AND ${visibleTo(ref.viewer)}`;
  let row: MessageRow | undefined;
  if ('msgKey' in ref.message) {
    const key = parseMsgKey(ref.message.msgKey);
    if (!key) return null;
    row = db.get<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages AS m WHERE conversation_id = ${conversation.id} AND seq = ${key.seq} AND ${visible}`);
    if (row && (row.random !== key.random || Math.floor(row.time / 1000) !== key.seconds)) row = undefined;
  } else {
    row = db.get<MessageRow>(sql`
      SELECT ${COLUMNS} FROM messages AS m
      WHERE sender = ${ref.message.sender} AND client_msg_id = ${ref.message.clientMsgId}
        AND conversation_id = ${conversation.id} AND ${visible}`);
  }
  if (!row) return null;
  return { id: row.id, conversationId: conversation.id, message: { ...toStoredMessage(row), deletedFor: deletionsOf(db, row.id) } };
}

/**
 * A group or topic message for modifyMessage (recall, edit, reactions; ADR 0004 §3): the viewer's account
 * floor and cleared history apply (membership and who may act are the service's, checked before). The
 * message carries the group fields beside StoredMessage's, `to` ''.
 */
function findGroupMessageRow(db: Database, ref: GroupMessageRef): { id: number; conversationId: number; message: StoredMessage } | null {
  const conversation = groupConversationOf(db, ref.groupKey);
  if (conversation === null) return null;
  const visible =
    ref.viewer === null
      ? sql`1`
      : sql`m.seq > COALESCE((SELECT cleared_seq FROM group_conversation_members
                                WHERE conversation_id = ${conversation.id} AND user_id = ${ref.viewer}), 0)
            AND m.id > ${historyFloorOf(ref.viewer)}`;
  let row: GroupMessageRow | undefined;
  if ('msgKey' in ref.message) {
    const key = parseMsgKey(ref.message.msgKey);
    if (!key) return null;
    row = db.get<GroupMessageRow>(sql`
      SELECT ${GROUP_COLUMNS} FROM messages AS m WHERE m.conversation_id = ${conversation.id} AND m.seq = ${key.seq} AND ${visible}`);
    if (row && (row.random !== key.random || Math.floor(row.time / 1000) !== key.seconds)) row = undefined;
  } else {
    row = db.get<GroupMessageRow>(sql`
      SELECT ${GROUP_COLUMNS} FROM messages AS m
      WHERE m.sender = ${ref.message.sender} AND m.client_msg_id = ${ref.message.clientMsgId}
        AND m.conversation_id = ${conversation.id} AND ${visible}`);
  }
  if (!row) return null;
  const message = { ...toGroupMessage(row, ref.groupKey, conversation.groupId), to: '', hiddenFromSender: false, deletedFor: deletionsOf(db, row.id) };
  return { id: row.id, conversationId: conversation.id, message };
}

function idAsConversation(id: number | null): { id: number; clearedSeq: number } | null {
  return id === null ? null : { id, clearedSeq: 0 };
}

export function findMessage(db: Database, ref: MessageRef): StoredMessage | null {
  return findMessageRow(db, ref)?.message ?? null;
}

/**
 * Takes the conversation's next `count` modSeqs (inside the caller's
 * transaction) and returns the first. Every changed row gets its own value, so
 * paging `sync:messagesModified` by the last modSeq seen never skips a row.
 */
function bumpModSeq(db: Database, conversationId: number, count = 1): number {
  const row = db.get<{ mod_seq: number }>(sql`
    UPDATE conversations SET mod_seq = mod_seq + ${count} WHERE id = ${conversationId} RETURNING mod_seq`);
  if (!row) throw new Error('Conversation disappeared while modifying a message.');
  return row.mod_seq - count + 1;
}

function deletionsOf(db: Database, messageRowId: number): StoredMessage['deletedFor'] {
  return db
    .all<{ user_id: string; mod_seq: number }>(sql`SELECT user_id, mod_seq FROM message_deletions WHERE message_id = ${messageRowId}`)
    .map((d) => ({ userId: d.user_id, modSeq: d.mod_seq }));
}

/**
 * Replies keep a preview of what they quote; it follows the quoted message: an
 * edit (M14) gives them the new text, a recall (M5) empties it (everyone sees
 * "recalled", the quote must not keep the text). Each reply changed takes its own
 * modSeq and is returned to be pushed. Replies come after what they quote, so
 * only the conversation's later seqs are scanned (its (conversation_id, seq) index).
 */
function requoteRepliesTo(db: Database, conversationId: number, quoted: StoredMessage, preview: string): StoredMessage[] {
  const rows = db.all<MessageRow>(sql`
    SELECT ${COLUMNS} FROM messages AS m
    WHERE conversation_id = ${conversationId} AND seq > ${quoted.seq} AND reply_to IS NOT NULL
      AND json_extract(reply_to, '$.messageId') = ${`${quoted.from}:${quoted.clientMsgId}`}
      AND json_extract(reply_to, '$.preview') <> ${preview}`);
  if (rows.length === 0) return [];
  let modSeq = bumpModSeq(db, conversationId, rows.length);
  return rows.map((row) => {
    const message = { ...toStoredMessage(row), deletedFor: deletionsOf(db, row.id) };
    const replyTo = message.replyTo ? { ...message.replyTo, preview } : null;
    db.run(sql`UPDATE messages SET reply_to = ${JSON.stringify(replyTo)}, mod_seq = ${modSeq} WHERE id = ${row.id}`);
    const changed = { ...message, replyTo, modSeq };
    modSeq += 1;
    return changed;
  });
}

/** The replies a change of a quoted message touches too (their quote preview). */
function repliesChangedBy(db: Database, conversationId: number, message: StoredMessage, change: MessageChange): StoredMessage[] {
  switch (change.kind) {
    case 'recall':
      return requoteRepliesTo(db, conversationId, message, '');
    case 'edit':
      return requoteRepliesTo(db, conversationId, message, previewOf(message.body));
    case 'reactions':
      return [];
  }
}

function applyChange(db: Database, id: number, message: StoredMessage, change: MessageChange, modSeq: number): StoredMessage {
  switch (change.kind) {
    case 'recall':
      db.run(sql`
        UPDATE messages SET body = '[]', cloud_custom_data = '', reply_to = NULL, reactions = NULL, recalled = 1, mod_seq = ${modSeq}
        WHERE id = ${id}`);
      return { ...message, body: [], cloudCustomData: '', replyTo: null, reactions: [], recalled: true, modSeq };
    case 'edit':
      db.run(sql`UPDATE messages SET body = ${JSON.stringify(change.body)}, edited_at = ${change.editedAt}, mod_seq = ${modSeq} WHERE id = ${id}`);
      return { ...message, body: change.body, editedAt: change.editedAt, modSeq };
    case 'reactions': {
      const json = change.reactions.length === 0 ? null : JSON.stringify(change.reactions);
      db.run(sql`UPDATE messages SET reactions = ${json}, mod_seq = ${modSeq} WHERE id = ${id}`);
      return { ...message, reactions: change.reactions, modSeq };
    }
  }
}

export function modifyMessage(state: SqliteState, ref: MessageRef, decide: (current: StoredMessage) => MessageChange | null): ModifyResult {
  const { db } = state;
  return state.transaction((): ModifyResult => {
    const found = findMessageRow(db, ref);
    if (!found) return { status: 'not_found' };
    // May throw to refuse: the transaction then rolls back with nothing written.
    const change = decide(found.message);
    if (change === null) return { status: 'ok', changed: false, message: found.message, alsoChanged: [] };
    const modSeq = bumpModSeq(db, found.conversationId);
    const message = applyChange(db, found.id, found.message, change, modSeq);
    const alsoChanged = repliesChangedBy(db, found.conversationId, message, change);
    return { status: 'ok', changed: true, message, alsoChanged };
  });
}

export function deleteForMe(
  state: SqliteState,
  viewer: string,
  peer: string | { groupKey: string },
  messages: ReadonlyArray<{ sender: string; clientMsgId: string }>,
): DeleteForMeResult {
  const { db } = state;
  return state.transaction((): DeleteForMeResult => {
    const found: Array<NonNullable<ReturnType<typeof findMessageRow>>> = [];
    for (const message of messages) {
      const hit = findMessageRow(db, typeof peer === 'string' ? { between: [viewer, peer], viewer, message } : { groupKey: peer.groupKey, viewer, message });
      if (!hit) return { status: 'not_found' };
      found.push(hit);
    }
    const fresh = found.filter((hit, index) => !hit.message.deletedFor.some((d) => d.userId === viewer) &&
      found.findIndex((other) => other.id === hit.id) === index);
    const conversationId = found[0]?.conversationId;
    if (conversationId === undefined) return { status: 'ok', modSeq: 0, deleted: [] };
    if (fresh.length === 0) {
      const row = db.get<{ mod_seq: number }>(sql`SELECT mod_seq FROM conversations WHERE id = ${conversationId}`);
      return { status: 'ok', modSeq: row?.mod_seq ?? 0, deleted: [] };
    }
    const first = bumpModSeq(db, conversationId, fresh.length);
    const deleted = fresh.map((hit, index) => {
      const modSeq = first + index;
      db.run(sql`
        INSERT INTO message_deletions (user_id, message_id, conversation_id, mod_seq)
        VALUES (${viewer}, ${hit.id}, ${conversationId}, ${modSeq})`);
      return { ...hit.message, deletedFor: [...hit.message.deletedFor, { userId: viewer, modSeq }] };
    });
    return { status: 'ok', modSeq: first + fresh.length - 1, deleted };
  });
}
