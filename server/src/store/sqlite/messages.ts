import { type MsgBody } from '../../../../shared/domain';
import { type AppendResult, type MessagePage, type NewMessage, type StoredMessage } from '../types';
import { accountExists, historyFloorOf } from './accounts';
import { type Database } from './database';
import { type SqliteState, membershipKey } from './state';
import { type SqlFragment, sql } from '../../../../shared/sql/sql';

interface MessageRow {
  sender: string;
  recipient: string;
  client_msg_id: string;
  seq: number;
  random: number;
  time: number;
  body: string;
  hidden_from_sender: number;
}

const COLUMNS = sql`sender, recipient, client_msg_id, seq, random, time, body, hidden_from_sender`;

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    from: row.sender,
    to: row.recipient,
    clientMsgId: row.client_msg_id,
    seq: row.seq,
    random: row.random,
    time: row.time,
    // Written by us from a schema-checked body; parsing it again on every read would only cost time.
    body: JSON.parse(row.body) as MsgBody,
    hiddenFromSender: row.hidden_from_sender === 1,
  };
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

function appendOne(state: SqliteState, item: NewMessage): AppendResult {
  const { db } = state;
  // Columns written out (not ${COLUMNS}): a plain template keeps this hot statement's cache lookup cheap.
  const existing = db.get<MessageRow & { mine: number | null }>(sql`
    SELECT sender, recipient, client_msg_id, seq, random, time, body, hidden_from_sender,
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
    INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body, hidden_from_sender)
    VALUES (${conversation.id}, ${conversation.last_seq}, ${item.from}, ${item.to}, ${item.clientMsgId},
            ${item.random}, ${item.time}, ${item.bodyJson ?? JSON.stringify(item.body)}, ${hidden})`);
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
  const conversationId = conversationIdOf(db, viewer, peer);
  if (conversationId === null) return { messages: [], hasMore: false };
  const rows = db.all<MessageRow>(sql`
    SELECT ${COLUMNS} FROM messages
    WHERE conversation_id = ${conversationId} AND seq > ${afterSeq} AND ${visibleTo(viewer)}
    ORDER BY seq ASC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).map(toStoredMessage), hasMore: rows.length > limit };
}

export function messagesBefore(db: Database, viewer: string, peer: string, beforeSeq: number, limit: number): MessagePage {
  const conversationId = conversationIdOf(db, viewer, peer);
  if (conversationId === null) return { messages: [], hasMore: false };
  const rows = db.all<MessageRow>(sql`
    SELECT ${COLUMNS} FROM messages
    WHERE conversation_id = ${conversationId} AND seq < ${beforeSeq} AND ${visibleTo(viewer)}
    ORDER BY seq DESC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).reverse().map(toStoredMessage), hasMore: rows.length > limit };
}

export function lastVisibleMessage(db: Database, conversationId: number, viewer: string): StoredMessage | null {
  const row = db.get<MessageRow>(sql`
    SELECT ${COLUMNS} FROM messages
    WHERE conversation_id = ${conversationId} AND ${visibleTo(viewer)}
    ORDER BY seq DESC LIMIT 1`);
  return row ? toStoredMessage(row) : null;
}

export function unreadCount(db: Database, conversationId: number, viewer: string, readSeq: number): number {
  const row = db.get<{ n: number }>(sql`
    SELECT COUNT(*) AS n FROM messages
    WHERE conversation_id = ${conversationId} AND seq > ${readSeq} AND sender <> ${viewer} AND id > ${historyFloorOf(viewer)}`);
  return row?.n ?? 0;
}
