import { GROUP_TYPE_TRAITS, type GroupMentionHint, type GroupType, type RecvOpt } from '../../../../shared/domain';
import { all, get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

/** What every conversation row holds; see migrations 0001 and 0006 for what each sequence means. */
interface ConversationRecordBase {
  id: string;
  lastSeq: number;
  syncedSeq: number;
  firstSeq: number;
  readSeq: number;
  serverReadSeq: number;
  peerReadSeq: number;
  unreadHint: number;
  unreadHintSeq: number;
  lastActivityAt: number;
  createdAt: number;
  pinned: boolean;
  recvOpt: RecvOpt;
  draft: string | null;
  draftAt: number | null;
  /** M10: nothing at or below this seq is kept or fetched. */
  clearedSeq: number;
  /** Message modifications are pulled up to here (sync:messagesModified). */
  modSeq: number;
  /** Deleted: out of the list until a message above `clearedSeq` arrives. */
  hidden: boolean;
}

export interface C2cConversationRecord extends ConversationRecordBase {
  kind: 'c2c';
  peer: string;
}

/** A group's conversation or a community topic's (migration 0010). */
export interface GroupConversationRecord extends ConversationRecordBase {
  kind: 'group';
  peer: null;
  /** The group; for a topic, its community. */
  groupId: string;
  topicId: string | null;
  groupType: GroupType;
  /** I quit or was removed: what this device holds stays readable. */
  left: boolean;
  /** M8: the server's unread mentions of me, which may point at history not stored here. */
  mentionHints: GroupMentionHint[];
  /** The names it was last shown with (migration 0011), for when the group cache no longer holds it. */
  view: GroupConversationView | null;
}

/** What a group conversation is shown as: the group's name, face and size, and its topic's. */
export interface GroupConversationView {
  group: { name: string; faceUrl: string; memberNum: number };
  topic: { name: string; faceUrl: string } | null;
}

/** A conversation as the local store keeps it. */
export type ConversationRecord = C2cConversationRecord | GroupConversationRecord;

interface ConversationRow {
  id: string;
  kind: 'c2c' | 'group';
  peer: string | null;
  group_id: string | null;
  topic_id: string | null;
  group_type: GroupType | null;
  left: number;
  mention_hints: string;
  group_view: string | null;
  last_seq: number;
  synced_seq: number;
  first_seq: number;
  read_seq: number;
  server_read_seq: number;
  peer_read_seq: number;
  unread_hint: number;
  unread_hint_seq: number;
  last_activity_at: number;
  created_at: number;
  pinned: number;
  recv_opt: RecvOpt;
  draft: string | null;
  draft_at: number | null;
  cleared_seq: number;
  mod_seq: number;
  hidden: number;
}

function rowToConversation(row: ConversationRow): ConversationRecord {
  const base: ConversationRecordBase = {
    id: row.id,
    lastSeq: row.last_seq,
    syncedSeq: row.synced_seq,
    firstSeq: row.first_seq,
    readSeq: row.read_seq,
    serverReadSeq: row.server_read_seq,
    peerReadSeq: row.peer_read_seq,
    unreadHint: row.unread_hint,
    unreadHintSeq: row.unread_hint_seq,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    pinned: row.pinned === 1,
    recvOpt: row.recv_opt,
    draft: row.draft,
    draftAt: row.draft_at,
    clearedSeq: row.cleared_seq,
    modSeq: row.mod_seq,
    hidden: row.hidden === 1,
  };
  // The table's CHECK guarantees the columns of each kind are set (migration 0010).
  if (row.kind === 'c2c') return { ...base, kind: 'c2c', peer: row.peer ?? '' };
  return {
    ...base,
    kind: 'group',
    peer: null,
    groupId: row.group_id ?? '',
    topicId: row.topic_id,
    groupType: row.group_type ?? 'Work',
    left: row.left === 1,
    // Written by setMentionHints from schema-checked server values.
    mentionHints: JSON.parse(row.mention_hints) as GroupMentionHint[],
    // Written by setGroupView from the group cache.
    view: row.group_view === null ? null : (JSON.parse(row.group_view) as GroupConversationView),
  };
}

/** Point lookup by primary key. */
export function getConversation(db: ReadableDB, id: string): ConversationRecord | undefined {
  const row = get<ConversationRow>(db, sql`SELECT * FROM conversations WHERE id = ${id}`);
  return row && rowToConversation(row);
}

/** M12: pinned first, then newest activity first; deleted conversations are left out (unless `withHidden`). */
export function listConversations(db: ReadableDB, withHidden = false): ConversationRecord[] {
  const visible = withHidden ? sql`` : sql`WHERE hidden = 0`;
  return all<ConversationRow>(db, sql`SELECT * FROM conversations ${visible} ORDER BY pinned DESC, last_activity_at DESC, id`).map(
    rowToConversation,
  );
}

/** M12: per-user settings; returns true if anything changed. */
export function setConversationSettings(db: WritableDB, id: string, settings: { pinned?: boolean; recvOpt?: RecvOpt }): boolean {
  const before = getConversation(db, id);
  if (!before) return false;
  const pinned = settings.pinned ?? before.pinned;
  const recvOpt = settings.recvOpt ?? before.recvOpt;
  if (pinned === before.pinned && recvOpt === before.recvOpt) return false;
  run(db, sql`UPDATE conversations SET pinned = ${pinned ? 1 : 0}, recv_opt = ${recvOpt} WHERE id = ${id}`);
  return true;
}

/** M12: the composer's unsent text, local to this device; null clears it. */
export function setDraft(db: WritableDB, id: string, draft: string | null, at: number): void {
  run(db, sql`UPDATE conversations SET draft = ${draft}, draft_at = ${draft === null ? null : at} WHERE id = ${id}`);
}

/**
 * M10: history up to `clearedSeq` is gone for this user: paging stops above it (first_seq)
 * and the sync mark counts it as covered. Returns true if it moved.
 */
export function raiseClearedSeq(db: WritableDB, id: string, clearedSeq: number): boolean {
  return (
    run(
      db,
      sql`UPDATE conversations SET cleared_seq = ${clearedSeq}, first_seq = max(first_seq, ${clearedSeq + 1}),
            synced_seq = max(synced_seq, ${clearedSeq}), last_seq = max(last_seq, ${clearedSeq})
          WHERE id = ${id} AND cleared_seq < ${clearedSeq}`,
    ).changes > 0
  );
}

export function setHidden(db: WritableDB, id: string, hidden: boolean): boolean {
  return run(db, sql`UPDATE conversations SET hidden = ${hidden ? 1 : 0} WHERE id = ${id} AND hidden <> ${hidden ? 1 : 0}`).changes > 0;
}

export function raiseConversationModSeq(db: WritableDB, id: string, modSeq: number): void {
  run(db, sql`UPDATE conversations SET mod_seq = max(mod_seq, ${modSeq}) WHERE id = ${id}`);
}

/** Creates the one-to-one conversation if it does not exist; returns true when it was created. */
export function ensureConversation(db: WritableDB, id: string, peer: string, now: number): boolean {
  const result = run(
    db,
    sql`INSERT INTO conversations (id, kind, peer, last_activity_at, created_at) VALUES (${id}, 'c2c', ${peer}, ${now}, ${now})
        ON CONFLICT DO NOTHING`,
  );
  return result.changes > 0;
}

/** Where a group or topic conversation belongs (its id is `groupConversationId(groupId, topicId)`). */
export interface GroupConversationKey {
  id: string;
  groupId: string;
  topicId: string | null;
  groupType: GroupType;
}

/** Creates the group or topic conversation if it does not exist; returns true when it was created. */
export function ensureGroupConversation(db: WritableDB, key: GroupConversationKey, now: number): boolean {
  const result = run(
    db,
    sql`INSERT INTO conversations (id, kind, group_id, topic_id, group_type, last_activity_at, created_at)
        VALUES (${key.id}, 'group', ${key.groupId}, ${key.topicId}, ${key.groupType}, ${now}, ${now})
        ON CONFLICT DO NOTHING`,
  );
  return result.changes > 0;
}

/** I left (quit, kicked, disbanded) or am back in a group conversation; returns true if it changed. */
export function setConversationLeft(db: WritableDB, id: string, left: boolean): boolean {
  return (
    run(db, sql`UPDATE conversations SET left = ${left ? 1 : 0} WHERE id = ${id} AND kind = 'group' AND left <> ${left ? 1 : 0}`)
      .changes > 0
  );
}

/** M8: the server's unread mentions of me; returns true if they changed. */
export function setMentionHints(db: WritableDB, id: string, hints: readonly GroupMentionHint[]): boolean {
  const json = JSON.stringify(hints);
  return run(db, sql`UPDATE conversations SET mention_hints = ${json} WHERE id = ${id} AND mention_hints <> ${json}`).changes > 0;
}

/** Keeps the names a group conversation is shown with; returns true if they changed. */
export function setGroupView(db: WritableDB, id: string, view: GroupConversationView): boolean {
  const json = JSON.stringify(view);
  return run(db, sql`UPDATE conversations SET group_view = ${json} WHERE id = ${id} AND kind = 'group' AND group_view IS NOT ${json}`).changes > 0;
}

/** The ids of a group's conversation and its topics' that this device holds (exact `group_id`, never LIKE). */
export function conversationIdsOfGroup(db: ReadableDB, groupId: string): string[] {
  return all<{ id: string }>(db, sql`SELECT id FROM conversations WHERE group_id = ${groupId}`).map((r) => r.id);
}

/** Records that a message with `seq` exists and that something happened at `time`; never moves backwards. */
export function noteActivity(db: WritableDB, id: string, seq: number | null, time: number): void {
  run(
    db,
    sql`UPDATE conversations SET last_seq = max(last_seq, ${seq ?? 0}), last_activity_at = max(last_activity_at, ${time})
        WHERE id = ${id}`,
  );
}

export function setSyncedSeq(db: WritableDB, id: string, syncedSeq: number): void {
  run(db, sql`UPDATE conversations SET synced_seq = ${syncedSeq}, last_seq = max(last_seq, ${syncedSeq}) WHERE id = ${id}`);
}

export function setFirstSeq(db: WritableDB, id: string, firstSeq: number): void {
  run(db, sql`UPDATE conversations SET first_seq = max(first_seq, ${firstSeq}) WHERE id = ${id}`);
}

/** Raises how far the local user has read (never lowers it); returns true if it moved. */
export function raiseReadSeq(db: WritableDB, id: string, readSeq: number): boolean {
  return run(db, sql`UPDATE conversations SET read_seq = ${readSeq} WHERE id = ${id} AND read_seq < ${readSeq}`).changes > 0;
}

export function raiseServerReadSeq(db: WritableDB, id: string, readSeq: number): void {
  run(db, sql`UPDATE conversations SET server_read_seq = max(server_read_seq, ${readSeq}) WHERE id = ${id}`);
}

/** Raises how far the peer has read; returns the previous value, or null if nothing moved. */
export function raisePeerReadSeq(db: WritableDB, id: string, peerReadSeq: number): number | null {
  const before = getConversation(db, id);
  if (!before || before.peerReadSeq >= peerReadSeq) return null;
  run(db, sql`UPDATE conversations SET peer_read_seq = ${peerReadSeq} WHERE id = ${id}`);
  return before.peerReadSeq;
}

/** Remembers the server's unread count as of `atSeq`, for history this device has not stored. */
export function setUnreadHint(db: WritableDB, id: string, unread: number, atSeq: number): void {
  run(db, sql`UPDATE conversations SET unread_hint = ${unread}, unread_hint_seq = ${atSeq} WHERE id = ${id}`);
}

/**
 * Unread = messages from others (the peer; in a group anyone but me, tips left out) with seq
 * above read_seq, counted locally (index UNIQUE(conversation_id, seq)). Meeting and
 * AVChatRoom report none (ADR 0004 §3). Where this device lacks some of the seqs between
 * read_seq and unread_hint_seq (a capped catch-up), the local count is too low, and the
 * server's hint (its count up to unread_hint_seq, from a read position at or below ours)
 * fills in. The hint predates any later read, here or on another device, so it is capped by
 * what the local store allows: others' stored messages in that range plus every seq not
 * stored. When nothing in the range is missing, the local count is exact and the hint is
 * ignored. `me` is needed for groups; without it a group's own messages count too (enough
 * to tell whether anything is unread, as "mark all read" asks).
 */
export function unreadCount(db: ReadableDB, conversation: ConversationRecord, me?: string): number {
  const { id, readSeq, unreadHint, unreadHintSeq, firstSeq } = conversation;
  if (conversation.kind === 'group' && !GROUP_TYPE_TRAITS[conversation.groupType].unreadCounts) return 0;
  const from: Counted = conversation.kind === 'c2c' ? { sender: conversation.peer } : { notSender: me ?? '' };
  const local = countMessages(db, id, readSeq, Number.MAX_SAFE_INTEGER, from);
  if (readSeq >= unreadHintSeq || unreadHint === 0) return local;
  // Seqs below first_seq do not exist on the server, so they are not missing.
  const start = Math.max(readSeq, firstSeq - 1);
  const missing = unreadHintSeq - start - countMessages(db, id, start, unreadHintSeq, 'all');
  if (missing <= 0) return local;
  const othersInRange = countMessages(db, id, start, unreadHintSeq, from);
  const afterHint = local - countMessages(db, id, readSeq, unreadHintSeq, from);
  return Math.max(local, Math.min(unreadHint, othersInRange + missing) + afterHint);
}

/** Which stored messages count: every one, one sender's, or everyone's but mine (tips left out). */
type Counted = 'all' | { sender: string } | { notSender: string };

/** Stored acknowledged messages with seq in (afterSeq, upToSeq] that `counted` selects. */
function countMessages(db: ReadableDB, conversationId: string, afterSeq: number, upToSeq: number, counted: Counted): number {
  const range = sql`conversation_id = ${conversationId} AND seq > ${afterSeq} AND seq <= ${upToSeq}`;
  const query =
    counted === 'all'
      ? sql`SELECT count(*) AS n FROM messages WHERE ${range}`
      : 'sender' in counted
        ? sql`SELECT count(*) AS n FROM messages WHERE ${range} AND sender = ${counted.sender} AND deleted = 0`
        : sql`SELECT count(*) AS n FROM messages WHERE ${range} AND sender <> ${counted.notSender} AND deleted = 0 AND is_tip = 0 AND moved_to IS NULL`;
  return get<{ n: number }>(db, query)?.n ?? 0;
}
