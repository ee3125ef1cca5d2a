import { randomUUID } from 'node:crypto';
import { type MovedRef, type ReplyRef, groupConversationId, messageId } from '../../../../shared/domain';
import { type TopicMove, type TopicMoveResult } from '../types';
import { type Database } from './database';
import { GROUP_COLUMNS, type GroupMessageRow, groupConversationOf, toGroupMessage } from './groupMessages';
import { type SqliteState } from './state';
import { sql, sqlList } from '../../../../shared/sql/sql';

/**
 * ADR 0005 §2, in one transaction: the chosen messages of one topic are appended to another with new
 * gap-free seqs (sender, time, body, mentions, reactions and edits kept; `moved_from` added; a reply to a
 * message moved along follows it), and each original becomes a tombstone (body emptied, `moved_to`,
 * a new modSeq) so the source keeps every seq. Files follow their message, and read state follows too.
 * With `limit` 0 nothing moves: `remaining` counts what would.
 */
export function moveTopicMessages(state: SqliteState, move: TopicMove): TopicMoveResult {
  return state.transaction(() => {
    const { db } = state;
    const source = groupConversationOf(db, move.fromKey);
    if (source === null) return { moved: [], remaining: 0 };
    const which =
      move.scope === 'one' ? sql`m.seq = ${move.fromSeq}` : move.scope === 'later' ? sql`m.seq >= ${move.fromSeq}` : sql`1 = 1`;
    const movable = sql`m.conversation_id = ${source.id} AND ${which} AND m.is_tip = 0 AND m.recalled = 0 AND m.moved_to IS NULL`;
    const total = db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM messages AS m WHERE ${movable}`)?.n ?? 0;
    // limit 0 only counts what would move.
    if (total === 0 || move.limit <= 0) return { moved: [], remaining: total };
    const rows = db.all<GroupMessageRow>(sql`SELECT ${GROUP_COLUMNS} FROM messages AS m WHERE ${movable} ORDER BY m.seq LIMIT ${move.limit}`);

    const latest = Math.max(...rows.map((r) => r.time));
    const target = db.get<{ id: number; last_seq: number }>(sql`
      INSERT INTO conversations (kind, group_id, group_key, last_seq, last_msg_time)
      VALUES ('group', ${source.groupId}, ${move.toKey}, ${rows.length}, ${latest})
      ON CONFLICT (group_key) DO UPDATE SET last_seq = last_seq + ${rows.length}, last_msg_time = MAX(last_msg_time, ${latest})
      RETURNING id, last_seq`);
    if (!target) throw new Error('Target conversation upsert returned no row.');
    const base = target.last_seq - rows.length;
    const firstModSeq = db.get<{ mod_seq: number }>(sql`
      UPDATE conversations SET mod_seq = mod_seq + ${rows.length} WHERE id = ${source.id} RETURNING mod_seq`);
    if (!firstModSeq) throw new Error('Source conversation disappeared while moving messages.');
    const fromConversation = groupConversationId(source.groupId, move.fromKey);
    const toConversation = groupConversationId(source.groupId, move.toKey);

    // Replies inside the batch follow their original to its new place.
    const copies = new Map<string, MovedRef>();
    rows.forEach((row, index) => {
      const clientMsgId = `mv-${randomUUID()}`;
      copies.set(messageId(row.sender, row.client_msg_id), { conversationId: toConversation, messageId: messageId(row.sender, clientMsgId), seq: base + index + 1 });
    });

    const moved = rows.map((row, index) => {
      const to = copies.get(messageId(row.sender, row.client_msg_id));
      if (!to) throw new Error('A moved message lost its copy.');
      const from: MovedRef = { conversationId: fromConversation, messageId: messageId(row.sender, row.client_msg_id), seq: row.seq };
      const clientMsgId = to.messageId.slice(row.sender.length + 1);
      const inserted = db.get<{ id: number }>(sql`
        INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body, cloud_custom_data, reply_to,
                              edited_at, reactions, priority, at_info, needs_receipt, is_tip, moved_from)
        VALUES (${target.id}, ${to.seq}, ${row.sender}, '', ${clientMsgId}, ${row.random}, ${row.time}, ${row.body}, ${row.cloud_custom_data},
                ${followedReply(row.reply_to, copies)}, ${row.edited_at}, ${row.reactions}, ${row.priority}, ${row.at_info}, 0, 0,
                ${JSON.stringify(from)})
        RETURNING id`);
      if (!inserted) throw new Error('Moved message insert returned no row.');
      const modSeq = firstModSeq.mod_seq - rows.length + 1 + index;
      db.run(sql`
        UPDATE messages SET body = '[]', cloud_custom_data = '', reply_to = NULL, reactions = NULL, at_info = NULL,
                            moved_to = ${JSON.stringify(to)}, mod_seq = ${modSeq}
        WHERE id = ${row.id}`);
      db.run(sql`UPDATE media_refs SET conversation_id = ${target.id}, message_id = ${inserted.id} WHERE message_id = ${row.id}`);
      return { tombstone: readRow(db, row.id, move.fromKey, source.groupId), copy: readRow(db, inserted.id, move.toKey, source.groupId) };
    });

    // Read state follows the messages: whoever had read every moved message (their own need no reading) and had
    // nothing unread in the target has the copies read there too, so the target's unread does not jump for them.
    const movedIds = sqlList(rows.map((row) => row.id));
    db.run(sql`
      INSERT INTO group_conversation_members (conversation_id, user_id, read_seq)
      SELECT ${target.id}, s.user_id, ${target.last_seq} FROM group_conversation_members AS s
      WHERE s.conversation_id = ${source.id}
        AND NOT EXISTS (SELECT 1 FROM messages AS m WHERE m.id IN ${movedIds} AND m.seq > s.read_seq AND m.sender <> s.user_id)
        AND NOT EXISTS (
          SELECT 1 FROM messages AS m
          WHERE m.conversation_id = ${target.id} AND m.seq <= ${base} AND m.is_tip = 0 AND m.sender <> s.user_id
            AND m.seq > COALESCE((SELECT t.read_seq FROM group_conversation_members AS t
                                  WHERE t.conversation_id = ${target.id} AND t.user_id = s.user_id), 0))
      ON CONFLICT (conversation_id, user_id) DO UPDATE SET read_seq = MAX(read_seq, excluded.read_seq)`);
    return { moved, remaining: total - rows.length };
  });
}

function readRow(db: Database, id: number, groupKey: string, groupId: string) {
  const row = db.get<GroupMessageRow>(sql`SELECT ${GROUP_COLUMNS} FROM messages AS m WHERE m.id = ${id}`);
  if (!row) throw new Error('A moved message disappeared inside its transaction.');
  return toGroupMessage(row, groupKey, groupId);
}

function followedReply(json: string | null, copies: ReadonlyMap<string, MovedRef>): string | null {
  if (json === null) return null;
  const reply = JSON.parse(json) as ReplyRef;
  const copy = copies.get(reply.messageId);
  return JSON.stringify(copy ? { ...reply, messageId: copy.messageId, seq: copy.seq } : reply);
}
