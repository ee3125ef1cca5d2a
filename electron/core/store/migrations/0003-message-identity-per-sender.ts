import type { WritableDB } from '../database';

/**
 * A client message ID is unique per sender, not globally: the server's key is
 * (sender, client_msg_id), and two people (or a REST caller and a person) may pick the
 * same ID. 0001 made client_msg_id alone UNIQUE, so the second such message was dropped.
 *
 * SQLite cannot drop a UNIQUE constraint, so `messages` is rebuilt (the documented
 * create-copy-drop-rename steps; the runner turns foreign keys off around migrations and
 * checks them before committing). Rowids are kept, so both FTS indexes stay valid; their
 * triggers went with the old table and are recreated as 0001 and 0002 defined them.
 * The outbox referenced messages(client_msg_id); it now references the message's rowid.
 */
export function migrate0003(db: WritableDB): void {
  db.exec(`
    CREATE TABLE messages_0003 (
      id              INTEGER PRIMARY KEY,
      client_msg_id   TEXT NOT NULL,
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      seq             INTEGER,
      msg_key         TEXT,
      sender          TEXT NOT NULL,
      body            TEXT NOT NULL,
      text            TEXT NOT NULL,
      time            INTEGER NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      error           TEXT,
      created_at      INTEGER NOT NULL,
      UNIQUE (sender, client_msg_id),
      UNIQUE (conversation_id, seq)
    ) STRICT;
    INSERT INTO messages_0003 (id, client_msg_id, conversation_id, seq, msg_key, sender, body, text, time, status, error, created_at)
      SELECT id, client_msg_id, conversation_id, seq, msg_key, sender, body, text, time, status, error, created_at FROM messages;

    CREATE TABLE outbox_0003 (
      id              INTEGER PRIMARY KEY,
      message_id      INTEGER NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
      conversation_id TEXT NOT NULL,
      payload         TEXT NOT NULL,
      created_at      INTEGER NOT NULL,
      attempts        INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO outbox_0003 (id, message_id, conversation_id, payload, created_at, attempts)
      SELECT outbox.id, messages.id, outbox.conversation_id, outbox.payload, outbox.created_at, outbox.attempts
      FROM outbox JOIN messages ON messages.client_msg_id = outbox.client_msg_id;

    DROP TABLE outbox;
    DROP TABLE messages;
    ALTER TABLE messages_0003 RENAME TO messages;
    ALTER TABLE outbox_0003 RENAME TO outbox;

    CREATE INDEX messages_unacked ON messages (conversation_id, created_at, id) WHERE seq IS NULL;

    CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF text ON messages BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
    END;

    CREATE TRIGGER messages_bigram_after_insert AFTER INSERT ON messages BEGIN
      INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, grams FROM (SELECT cjk_bigrams(new.text) AS grams) WHERE grams <> '';
    END;
    CREATE TRIGGER messages_bigram_after_delete AFTER DELETE ON messages BEGIN
      DELETE FROM messages_bigram WHERE rowid = old.id;
    END;
    CREATE TRIGGER messages_bigram_after_update AFTER UPDATE OF text ON messages BEGIN
      DELETE FROM messages_bigram WHERE rowid = old.id;
      INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, grams FROM (SELECT cjk_bigrams(new.text) AS grams) WHERE grams <> '';
    END;
  `);
}
