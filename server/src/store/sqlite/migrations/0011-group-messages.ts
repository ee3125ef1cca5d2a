import { type Migration } from './types';

/**
 * ADR 0004 §2: group and topic conversations share `conversations` and `messages` with one-to-one chats.
 * - `conversations` is rebuilt (ids kept, so messages, deletions, reports and media_refs stay valid) with
 *   `kind`, a nullable pair, `group_id` (for a topic, its community) and `group_key` (the group or topic ID);
 *   NULL pairs never collide, so the c2c upsert `ON CONFLICT (user_a, user_b)` is unchanged.
 * - `messages` only gains columns that default to "untouched" (the c2c path writes nothing more); group
 *   rows store recipient '' (no UserID is empty).
 * - Per-member state of group conversations is created lazily (a 100,000-member community must not mean a
 *   row per member and topic); `group_members.join_floor_id` is MAX(messages.id) when the member joined.
 */
export const m0011GroupMessages: Migration = {
  version: 11,
  name: 'group-messages',
  up(db) {
    db.raw.exec(`
      CREATE TABLE conversations_new (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL DEFAULT 'c2c' CHECK (kind IN ('c2c', 'group')), -- the c2c upsert names no kind
        user_a         TEXT,
        user_b         TEXT,
        group_id       TEXT,
        group_key      TEXT UNIQUE,
        last_seq       INTEGER NOT NULL DEFAULT 0,
        mod_seq        INTEGER NOT NULL DEFAULT 0,
        last_msg_time  INTEGER NOT NULL DEFAULT 0,
        read_floor_seq INTEGER NOT NULL DEFAULT 0, -- import_group_msg: every member's unread starts above it
        UNIQUE (user_a, user_b),
        CHECK (CASE kind
          WHEN 'c2c' THEN user_a IS NOT NULL AND user_b IS NOT NULL AND user_a <= user_b AND group_id IS NULL AND group_key IS NULL
          ELSE user_a IS NULL AND user_b IS NULL AND group_id IS NOT NULL AND group_key IS NOT NULL END)
      );
      INSERT INTO conversations_new (id, kind, user_a, user_b, last_seq, mod_seq)
        SELECT id, 'c2c', user_a, user_b, last_seq, mod_seq FROM conversations;
      DROP TABLE conversations;
      ALTER TABLE conversations_new RENAME TO conversations;
      CREATE INDEX conversations_by_group ON conversations (group_id) WHERE group_id IS NOT NULL;

      ALTER TABLE messages ADD COLUMN priority INTEGER NOT NULL DEFAULT 2; -- M15: 1 High, 2 Normal, 3 Low
      ALTER TABLE messages ADD COLUMN at_info TEXT;                        -- M8: {"all":bool,"users":[...]}; NULL = none
      ALTER TABLE messages ADD COLUMN needs_receipt INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN is_tip INTEGER NOT NULL DEFAULT 0;   -- G5
      CREATE INDEX messages_at ON messages (conversation_id, seq) WHERE at_info IS NOT NULL;
      CREATE INDEX messages_receipts ON messages (conversation_id, seq) WHERE needs_receipt = 1;

      CREATE TABLE group_conversation_members (
        conversation_id INTEGER NOT NULL REFERENCES conversations (id),
        user_id         TEXT NOT NULL,
        read_seq        INTEGER NOT NULL DEFAULT 0,
        cleared_seq     INTEGER NOT NULL DEFAULT 0,
        pinned          INTEGER NOT NULL DEFAULT 0,
        hidden          INTEGER NOT NULL DEFAULT 0,
        recv_opt        TEXT, -- a topic's own receive option; NULL: the member's MsgFlag
        PRIMARY KEY (conversation_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX group_conversation_members_read ON group_conversation_members (conversation_id, read_seq);

      ALTER TABLE group_members ADD COLUMN join_floor_id INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE group_notices (
        id       INTEGER PRIMARY KEY,
        group_id TEXT NOT NULL,
        topic_id TEXT,
        targets  TEXT, -- JSON array of UserIDs; NULL = every member
        content  TEXT NOT NULL,
        time     INTEGER NOT NULL
      );
      CREATE INDEX group_notices_by_group ON group_notices (group_id, id);
    `);
  },
};
