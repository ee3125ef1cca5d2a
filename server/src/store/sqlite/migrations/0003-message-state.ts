import { type Migration } from './types';

/**
 * Issue 3 message state. Columns on `messages` default to "untouched", so the
 * send path writes no more than before:
 * - `cloud_custom_data` (M1), `reply_to` (M14, the resolved ReplyRef as JSON);
 * - `recalled` (M5; the body is emptied to '[]'), `edited_at` (M14), `reactions` (M13, JSON or NULL);
 * - `mod_seq`: the conversation's modification counter at the message's last change (0 = never).
 * `conversations.mod_seq` is that counter. Per-viewer state lives apart:
 * `message_deletions` (M10 delete for me, with the mod_seq it was made at) and, on
 * `conversation_members`, `cleared_seq`, `deleted` (hidden until a newer message), `pinned`, `recv_opt` (M10, M12).
 */
export const m0003MessageState: Migration = {
  version: 3,
  name: 'message-state',
  up(db) {
    db.raw.exec(`
      ALTER TABLE messages ADD COLUMN cloud_custom_data TEXT NOT NULL DEFAULT '';
      ALTER TABLE messages ADD COLUMN reply_to TEXT;           -- ReplyRef JSON
      ALTER TABLE messages ADD COLUMN recalled INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN edited_at INTEGER;       -- Unix ms of the last edit
      ALTER TABLE messages ADD COLUMN reactions TEXT;          -- [{ emoji, userIds }] JSON; NULL = none
      ALTER TABLE messages ADD COLUMN mod_seq INTEGER NOT NULL DEFAULT 0;
      -- Partial: rows never modified (almost all) stay out of it, so sends do not pay for it.
      CREATE INDEX messages_modified ON messages (conversation_id, mod_seq) WHERE mod_seq > 0;

      ALTER TABLE conversations ADD COLUMN mod_seq INTEGER NOT NULL DEFAULT 0;

      CREATE TABLE message_deletions (
        user_id         TEXT NOT NULL,
        message_id      INTEGER NOT NULL REFERENCES messages (id),
        conversation_id INTEGER NOT NULL REFERENCES conversations (id),
        mod_seq         INTEGER NOT NULL,
        PRIMARY KEY (user_id, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX message_deletions_modified ON message_deletions (user_id, conversation_id, mod_seq);

      ALTER TABLE conversation_members ADD COLUMN cleared_seq INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversation_members ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0; -- hidden until a message after cleared_seq
      ALTER TABLE conversation_members ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversation_members ADD COLUMN recv_opt TEXT NOT NULL DEFAULT 'AcceptAndNotify';

      CREATE TABLE reports (
        id              INTEGER PRIMARY KEY,
        reporter        TEXT NOT NULL,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id),
        message_id      INTEGER NOT NULL REFERENCES messages (id),
        reason          TEXT NOT NULL,
        note            TEXT NOT NULL DEFAULT '',
        created_at      INTEGER NOT NULL, -- Unix ms
        body_snapshot   TEXT NOT NULL,    -- the body JSON when reported (it may be recalled or edited later)
        UNIQUE (reporter, message_id)
      );
    `);
  },
};
