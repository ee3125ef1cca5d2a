import type { WritableDB } from '../database';

/**
 * ADR 0004 §6 (WP5): group and topic conversations are ordinary rows beside one-to-one ones.
 *
 * conversations is rebuilt (SQLite cannot make `peer` nullable in place; the runner turns
 * foreign keys off around migrations and checks them before committing). Ids are kept, so
 * `messages` keeps pointing at its rows. New columns:
 * - `kind` ('c2c' | 'group'; writers that predate groups insert c2c rows); `peer` only for c2c; `group_id` (the group, for a topic its
 *   community), `topic_id`, `group_type` only for groups — enforced by a CHECK so a half
 *   row can never be read as the other kind;
 * - `left`: I quit or was removed; what this device holds stays readable;
 * - `mention_hints`: the server's unread mentions of me (GroupMentionHint[] JSON), which
 *   may point at history this device has not stored ("[@me]" on a fresh device).
 *
 * messages gains the group fields beside a message: `at_info` (GroupAt JSON or NULL),
 * `at_me` (1 when it mentions me by ID or @All and is not mine, decided when stored),
 * `needs_receipt`, `receipt` (read/unread counts of an own receipt message, JSON or NULL),
 * `is_tip` (a group-change tip: never unread, never notified). The partial index serves
 * "unread mentions of this conversation" without scanning its history.
 */
export function migrate0010(db: WritableDB): void {
  db.exec(`
    CREATE TABLE conversations_0010 (
      id               TEXT PRIMARY KEY,
      kind             TEXT NOT NULL DEFAULT 'c2c' CHECK (kind IN ('c2c', 'group')),
      peer             TEXT,
      group_id         TEXT,
      topic_id         TEXT,
      group_type       TEXT,
      left             INTEGER NOT NULL DEFAULT 0,
      mention_hints    TEXT NOT NULL DEFAULT '[]',
      last_seq         INTEGER NOT NULL DEFAULT 0,
      synced_seq       INTEGER NOT NULL DEFAULT 0,
      first_seq        INTEGER NOT NULL DEFAULT 1,
      read_seq         INTEGER NOT NULL DEFAULT 0,
      server_read_seq  INTEGER NOT NULL DEFAULT 0,
      peer_read_seq    INTEGER NOT NULL DEFAULT 0,
      unread_hint      INTEGER NOT NULL DEFAULT 0,
      unread_hint_seq  INTEGER NOT NULL DEFAULT 0,
      last_activity_at INTEGER NOT NULL,
      created_at       INTEGER NOT NULL,
      pinned           INTEGER NOT NULL DEFAULT 0,
      recv_opt         TEXT NOT NULL DEFAULT 'AcceptAndNotify',
      draft            TEXT,
      draft_at         INTEGER,
      cleared_seq      INTEGER NOT NULL DEFAULT 0,
      mod_seq          INTEGER NOT NULL DEFAULT 0,
      hidden           INTEGER NOT NULL DEFAULT 0,
      CHECK (
        (kind = 'c2c' AND peer IS NOT NULL AND group_id IS NULL AND topic_id IS NULL AND group_type IS NULL)
        OR (kind = 'group' AND peer IS NULL AND group_id IS NOT NULL AND group_type IS NOT NULL)
      )
    ) STRICT;
    INSERT INTO conversations_0010 (id, kind, peer, last_seq, synced_seq, first_seq, read_seq, server_read_seq, peer_read_seq,
                                    unread_hint, unread_hint_seq, last_activity_at, created_at, pinned, recv_opt, draft, draft_at,
                                    cleared_seq, mod_seq, hidden)
      SELECT id, 'c2c', peer, last_seq, synced_seq, first_seq, read_seq, server_read_seq, peer_read_seq,
             unread_hint, unread_hint_seq, last_activity_at, created_at, pinned, recv_opt, draft, draft_at,
             cleared_seq, mod_seq, hidden
      FROM conversations;
    DROP TABLE conversations;
    ALTER TABLE conversations_0010 RENAME TO conversations;
    CREATE INDEX conversations_by_activity ON conversations (last_activity_at DESC);
    CREATE INDEX conversations_by_group ON conversations (group_id) WHERE group_id IS NOT NULL;

    ALTER TABLE messages ADD COLUMN at_info TEXT;
    ALTER TABLE messages ADD COLUMN at_me INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN needs_receipt INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE messages ADD COLUMN receipt TEXT;
    ALTER TABLE messages ADD COLUMN is_tip INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX messages_mentioning_me ON messages (conversation_id, seq) WHERE at_me = 1;
  `);
}
