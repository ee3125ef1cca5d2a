import type { WritableDB } from '../database';

/**
 * The first local schema. Never edit once released: add 0002-… instead.
 *
 * messages.id is an INTEGER PRIMARY KEY (a stable rowid) and client_msg_id a UNIQUE key:
 * the external-content FTS index points at rowids, and SQLite may renumber the implicit
 * rowid of a table keyed by TEXT on VACUUM.
 */
export function migrate0001(db: WritableDB): void {
  db.exec(`
    CREATE TABLE users (
      user_id    TEXT PRIMARY KEY,
      nickname   TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE conversations (
      id               TEXT PRIMARY KEY,
      peer             TEXT NOT NULL,
      -- highest seq known to exist on the server
      last_seq         INTEGER NOT NULL DEFAULT 0,
      -- every seq from the catch-up anchor up to this one is stored locally
      synced_seq       INTEGER NOT NULL DEFAULT 0,
      -- lowest seq the server still holds; raised when paging reaches the start of history
      first_seq        INTEGER NOT NULL DEFAULT 1,
      read_seq         INTEGER NOT NULL DEFAULT 0,
      -- what the server has acknowledged of read_seq; a larger read_seq is re-sent on reconnect
      server_read_seq  INTEGER NOT NULL DEFAULT 0,
      peer_read_seq    INTEGER NOT NULL DEFAULT 0,
      -- the server's unread count for seqs up to unread_hint_seq (covers history not stored locally)
      unread_hint      INTEGER NOT NULL DEFAULT 0,
      unread_hint_seq  INTEGER NOT NULL DEFAULT 0,
      last_activity_at INTEGER NOT NULL,
      created_at       INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX conversations_by_activity ON conversations (last_activity_at DESC);

    CREATE TABLE messages (
      id              INTEGER PRIMARY KEY,
      client_msg_id   TEXT NOT NULL UNIQUE,
      conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      -- NULL until the server acknowledges the message
      seq             INTEGER,
      msg_key         TEXT,
      sender          TEXT NOT NULL,
      body            TEXT NOT NULL,
      -- the searchable text of body, kept for the FTS index
      text            TEXT NOT NULL,
      time            INTEGER NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      error           TEXT,
      created_at      INTEGER NOT NULL,
      -- also the index for "latest N of a conversation" and "after / before seq"
      UNIQUE (conversation_id, seq)
    ) STRICT;
    CREATE INDEX messages_unacked ON messages (conversation_id, created_at, id) WHERE seq IS NULL;

    CREATE VIRTUAL TABLE messages_fts USING fts5 (
      text,
      content = 'messages',
      content_rowid = 'id',
      tokenize = 'trigram'
    );
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

    CREATE TABLE outbox (
      id              INTEGER PRIMARY KEY,
      client_msg_id   TEXT NOT NULL UNIQUE REFERENCES messages (client_msg_id) ON DELETE CASCADE,
      conversation_id TEXT NOT NULL,
      payload         TEXT NOT NULL,
      created_at      INTEGER NOT NULL,
      attempts        INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE sync_state (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
