import { type GroupAt, type MovedRef, type Reaction, type ReplyRef, type StoredBody } from '../../../../shared/domain';
import { PRIORITY_NUMBER, priorityFromNumber } from '../../../../shared/domain/groupMessages';
import { type GroupAppendResult, type GroupMessagePage, type GroupVisibility, type NewGroupMessage, type StoredGroupMessage } from '../types';
import { accountExists, historyFloorOf } from './accounts';
import { type Database } from './database';
import { type SqliteState } from './state';
import { type SqlFragment, sql } from '../../../../shared/sql/sql';

/**
 * Group and topic messages (ADR 0004 §2–3): one row per message in `messages` (recipient ''), keyed by the
 * conversation whose `group_key` is the group's or topic's ID. Who may read what is decided by the service
 * and handed in as a {@link GroupVisibility}; the floors themselves are applied here, at read time, so a
 * bit change applies at once.
 */

export interface GroupMessageRow {
  id: number;
  sender: string;
  client_msg_id: string;
  seq: number;
  random: number;
  time: number;
  body: string;
  cloud_custom_data: string;
  reply_to: string | null;
  recalled: number;
  edited_at: number | null;
  reactions: string | null;
  mod_seq: number;
  priority: number;
  at_info: string | null;
  needs_receipt: number;
  is_tip: number;
  moved_to: string | null;
  moved_from: string | null;
}

type ViewerRow = GroupMessageRow & { del_mod_seq: number | null };

export const GROUP_COLUMNS = sql`m.id, m.sender, m.client_msg_id, m.seq, m.random, m.time, m.body, m.cloud_custom_data, m.reply_to,
  m.recalled, m.edited_at, m.reactions, m.mod_seq, m.priority, m.at_info, m.needs_receipt, m.is_tip, m.moved_to, m.moved_from`;

/** `at_info` as stored: {"all":bool,"users":[…]} (ADR §2). */
function atInfoJson(at: GroupAt | null): string | null {
  return at === null ? null : JSON.stringify({ all: at.all, users: at.userIds });
}

function parseAtInfo(json: string | null): GroupAt | null {
  if (json === null) return null;
  const parsed = JSON.parse(json) as { all: boolean; users: string[] };
  return { all: parsed.all, userIds: parsed.users };
}

export function toGroupMessage(row: GroupMessageRow, groupKey: string, groupId: string): StoredGroupMessage {
  return {
    id: row.id,
    groupKey,
    groupId,
    from: row.sender,
    clientMsgId: row.client_msg_id,
    seq: row.seq,
    random: row.random,
    time: row.time,
    // Written by us from schema-checked values.
    body: JSON.parse(row.body) as StoredBody,
    cloudCustomData: row.cloud_custom_data,
    replyTo: row.reply_to === null ? null : (JSON.parse(row.reply_to) as ReplyRef),
    recalled: row.recalled === 1,
    editedAt: row.edited_at,
    reactions: row.reactions === null ? [] : (JSON.parse(row.reactions) as Reaction[]),
    modSeq: row.mod_seq,
    deletedFor: [],
    groupAt: parseAtInfo(row.at_info),
    priority: priorityFromNumber(row.priority) ?? 'Normal',
    needReceipt: row.needs_receipt === 1,
    isTip: row.is_tip === 1,
    movedTo: row.moved_to === null ? null : (JSON.parse(row.moved_to) as MovedRef),
    movedFrom: row.moved_from === null ? null : (JSON.parse(row.moved_from) as MovedRef),
  };
}

function toViewerMessage(row: ViewerRow, groupKey: string, groupId: string, viewer: string): StoredGroupMessage {
  const message = toGroupMessage(row, groupKey, groupId);
  if (row.del_mod_seq !== null) message.deletedFor = [{ userId: viewer, modSeq: row.del_mod_seq }];
  return message;
}

/** The member's join floor: messages.id when they joined (0 when not a member: the service refuses those first). */
export function joinFloorOf(groupId: string, userId: string): SqlFragment {
  return sql`COALESCE((SELECT join_floor_id FROM group_members WHERE group_id = ${groupId} AND user_id = ${userId}), 0)`;
}

/**
 * Rows of a group conversation `v.viewer` may read (ADR §3 "Visibility floor"): nothing from before their
 * account existed and, unless they may read history from before joining, nothing from before they joined.
 */
export function visibleInGroup(groupId: string, v: GroupVisibility): SqlFragment {
  const joined = v.beforeJoin ? sql`` : sql` AND m.id > ${joinFloorOf(groupId, v.viewer)}`;
  return sql`m.id > ${historyFloorOf(v.viewer)}${joined}`;
}

export interface GroupConversationRef {
  id: number;
  groupId: string;
  lastSeq: number;
}

export function groupConversationOf(db: Database, groupKey: string): GroupConversationRef | null {
  const row = db.get<{ id: number; group_id: string; last_seq: number }>(
    sql`SELECT id, group_id, last_seq FROM conversations WHERE group_key = ${groupKey}`,
  );
  return row ? { id: row.id, groupId: row.group_id, lastSeq: row.last_seq } : null;
}

function clearedSeqOf(db: Database, conversationId: number, userId: string): number {
  return (
    db.get<{ cleared_seq: number }>(
      sql`SELECT cleared_seq FROM group_conversation_members WHERE conversation_id = ${conversationId} AND user_id = ${userId}`,
    )?.cleared_seq ?? 0
  );
}

function deletionOf(viewer: string): SqlFragment {
  return sql`(SELECT d.mod_seq FROM message_deletions AS d WHERE d.user_id = ${viewer} AND d.message_id = m.id) AS del_mod_seq`;
}

function appendOne(state: SqliteState, item: NewGroupMessage, raiseReadFloor: boolean): GroupAppendResult {
  const { db } = state;
  const existing = db.get<GroupMessageRow & { group_key: string | null; group_id: string | null; mine: number | null }>(sql`
    SELECT ${GROUP_COLUMNS}, c.group_key, c.group_id,
           (SELECT m.id > history_floor FROM accounts WHERE user_id = m.sender) AS mine
    FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
    WHERE m.sender = ${item.from} AND m.client_msg_id = ${item.clientMsgId}`);
  if (existing) {
    // A retry of the same group send is a duplicate; the same client ID used elsewhere (or by an earlier owner
    // of the UserID) cannot be used again.
    if (existing.mine !== 1 || existing.group_key !== item.groupKey || existing.group_id === null) {
      return existing.mine === null && !item.isTip ? { status: 'sender_not_found' } : { status: 'client_msg_id_taken' };
    }
    return { status: 'duplicate', message: toGroupMessage(existing, existing.group_key, existing.group_id) };
  }
  // Tips may come from the app admin (@TIM#SYSTEM), which is no account.
  if (!item.isTip && !accountExists(state, item.from)) return { status: 'sender_not_found' };
  // The next seq is taken inside the storing transaction: gap-free per group and per topic.
  const conversation = db.get<{ id: number; last_seq: number }>(sql`
    INSERT INTO conversations (kind, group_id, group_key, last_seq, last_msg_time)
    VALUES ('group', ${item.groupId}, ${item.groupKey}, 1, ${item.time})
    ON CONFLICT (group_key) DO UPDATE SET last_seq = last_seq + 1, last_msg_time = MAX(last_msg_time, excluded.last_msg_time)
    RETURNING id, last_seq`);
  if (!conversation) throw new Error('Group conversation upsert returned no row.');
  const inserted = db.get<{ id: number }>(sql`
    INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body, cloud_custom_data, reply_to,
                          priority, at_info, needs_receipt, is_tip)
    VALUES (${conversation.id}, ${conversation.last_seq}, ${item.from}, '', ${item.clientMsgId}, ${item.random}, ${item.time},
            ${item.bodyJson ?? JSON.stringify(item.body)}, ${item.cloudCustomData ?? ''},
            ${item.replyTo ? JSON.stringify(item.replyTo) : null}, ${PRIORITY_NUMBER[item.priority]}, ${atInfoJson(item.groupAt)},
            ${item.needReceipt ? 1 : 0}, ${item.isTip ? 1 : 0})
    RETURNING id`);
  if (!inserted) throw new Error('Group message insert returned no row.');
  if (item.groupKey === item.groupId) {
    const activate = item.activates && !item.isTip ? 1 : 0;
    db.run(sql`
      UPDATE groups SET next_msg_seq = ${conversation.last_seq + 1}, last_msg_time = ${Math.floor(item.time / 1000)},
                        active = MAX(active, ${activate})
      WHERE group_id = ${item.groupId}`);
  }
  if (raiseReadFloor) db.run(sql`UPDATE conversations SET read_floor_seq = ${conversation.last_seq} WHERE id = ${conversation.id}`);
  return {
    status: 'stored',
    message: {
      id: inserted.id,
      groupKey: item.groupKey,
      groupId: item.groupId,
      from: item.from,
      clientMsgId: item.clientMsgId,
      seq: conversation.last_seq,
      random: item.random,
      time: item.time,
      body: item.body,
      cloudCustomData: item.cloudCustomData ?? '',
      replyTo: item.replyTo ?? null,
      recalled: false,
      editedAt: null,
      reactions: [],
      modSeq: 0,
      deletedFor: [],
      groupAt: item.groupAt,
      priority: item.priority,
      needReceipt: item.needReceipt,
      isTip: item.isTip,
      movedTo: null,
      movedFrom: null,
    },
  };
}

/** One item of a batch; messages.ts's appendBatch branch calls this inside its own transaction. */
export function appendGroupMessage(state: SqliteState, item: NewGroupMessage): GroupAppendResult {
  return appendOne(state, item, false);
}

export function appendGroupMessages(state: SqliteState, items: readonly NewGroupMessage[]): GroupAppendResult[] {
  return state.transaction(() => items.map((item) => appendOne(state, item, false)));
}

/** REST import_group_msg: each import raises read_floor_seq, so imports leave every member's unread at 0. */
export function importGroupMessages(state: SqliteState, items: readonly NewGroupMessage[]): GroupAppendResult[] {
  return state.transaction(() => items.map((item) => appendOne(state, { ...item, isTip: false, activates: false }, true)));
}

function page(db: Database, groupKey: string, v: GroupVisibility, where: (c: GroupConversationRef, cleared: number) => SqlFragment,
  order: 'ASC' | 'DESC', limit: number): GroupMessagePage {
  const conversation = groupConversationOf(db, groupKey);
  if (conversation === null) return { messages: [], hasMore: false };
  const cleared = clearedSeqOf(db, conversation.id, v.viewer);
  const direction = order === 'ASC' ? sql`ASC` : sql`DESC`;
  const rows = db.all<ViewerRow>(sql`
    SELECT ${GROUP_COLUMNS}, ${deletionOf(v.viewer)} FROM messages AS m
    WHERE m.conversation_id = ${conversation.id} AND ${where(conversation, cleared)} AND ${visibleInGroup(conversation.groupId, v)}
    ORDER BY m.seq ${direction} LIMIT ${limit + 1}`);
  const messages = rows.slice(0, limit).map((row) => toViewerMessage(row, groupKey, conversation.groupId, v.viewer));
  return { messages: order === 'ASC' ? messages : messages.reverse(), hasMore: rows.length > limit };
}

export function groupMessagesAfter(db: Database, groupKey: string, v: GroupVisibility, afterSeq: number, limit: number): GroupMessagePage {
  return page(db, groupKey, v, (_c, cleared) => sql`m.seq > ${Math.max(afterSeq, cleared)}`, 'ASC', limit);
}

export function groupMessagesBefore(db: Database, groupKey: string, v: GroupVisibility, beforeSeq: number, limit: number): GroupMessagePage {
  return page(db, groupKey, v, (_c, cleared) => sql`m.seq < ${beforeSeq} AND m.seq > ${cleared}`, 'DESC', limit);
}

export function groupMessagesModifiedAfter(db: Database, groupKey: string, v: GroupVisibility, afterModSeq: number, limit: number): GroupMessagePage {
  const conversation = groupConversationOf(db, groupKey);
  if (conversation === null) return { messages: [], hasMore: false };
  const cleared = clearedSeqOf(db, conversation.id, v.viewer);
  const rows = db.all<ViewerRow>(sql`
    SELECT * FROM (
      SELECT ${GROUP_COLUMNS}, ${deletionOf(v.viewer)} FROM messages AS m
      WHERE m.id IN (
          SELECT id FROM messages WHERE conversation_id = ${conversation.id} AND mod_seq > 0 AND mod_seq > ${afterModSeq}
          UNION
          SELECT message_id FROM message_deletions
          WHERE user_id = ${v.viewer} AND conversation_id = ${conversation.id} AND mod_seq > ${afterModSeq})
        AND m.seq > ${cleared} AND ${visibleInGroup(conversation.groupId, v)})
    ORDER BY MAX(mod_seq, COALESCE(del_mod_seq, 0)) ASC LIMIT ${limit + 1}`);
  return {
    messages: rows.slice(0, limit).map((row) => toViewerMessage(row, groupKey, conversation.groupId, v.viewer)),
    hasMore: rows.length > limit,
  };
}

/** REST group_msg_get_simple: the admin view, no floors, newest first. */
export function groupAdminPage(db: Database, groupKey: string, beforeOrAtSeq: number | null, limit: number): GroupMessagePage {
  const conversation = groupConversationOf(db, groupKey);
  if (conversation === null) return { messages: [], hasMore: false };
  const upTo = beforeOrAtSeq ?? conversation.lastSeq;
  const rows = db.all<GroupMessageRow>(sql`
    SELECT ${GROUP_COLUMNS} FROM messages AS m WHERE m.conversation_id = ${conversation.id} AND m.seq <= ${upTo}
    ORDER BY m.seq DESC LIMIT ${limit + 1}`);
  return { messages: rows.slice(0, limit).map((row) => toGroupMessage(row, groupKey, conversation.groupId)), hasMore: rows.length > limit };
}

