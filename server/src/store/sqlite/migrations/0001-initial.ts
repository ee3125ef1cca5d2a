import { type Migration } from './types';

/**
 * Accounts, credential revocations, one-to-one conversations with their
 * per-member read position, and messages keyed by (conversation, seq).
 */
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.raw.exec(`
      CREATE TABLE accounts (
        user_id       TEXT PRIMARY KEY,
        nickname      TEXT NOT NULL DEFAULT '',
        face_url      TEXT NOT NULL DEFAULT '',
        -- NULL for accounts imported by an admin: they sign in with UserSigs minted by the app backend.
        password_hash TEXT,
        created_at    INTEGER NOT NULL
      );

      -- Survives account deletion, so re-importing a UserID does not revive UserSigs issued before.
      CREATE TABLE credential_revocations (
        user_id         TEXT PRIMARY KEY,
        revoked_through INTEGER NOT NULL -- Unix seconds: UserSigs with TLS.time <= this are refused
      );

      CREATE TABLE conversations (
        id       INTEGER PRIMARY KEY,
        user_a   TEXT NOT NULL, -- the pair sorted, so (a, b) names the conversation once
        user_b   TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        UNIQUE (user_a, user_b),
        CHECK (user_a <= user_b)
      );

      CREATE TABLE conversation_members (
        user_id         TEXT NOT NULL,
        conversation_id INTEGER NOT NULL REFERENCES conversations (id),
        peer_id         TEXT NOT NULL,
        read_seq        INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, conversation_id)
      ) WITHOUT ROWID;
      CREATE INDEX conversation_members_peer ON conversation_members (peer_id);

      CREATE TABLE messages (
        id                 INTEGER PRIMARY KEY,
        conversation_id    INTEGER NOT NULL REFERENCES conversations (id),
        seq                INTEGER NOT NULL,
        sender             TEXT NOT NULL,
        recipient          TEXT NOT NULL,
        client_msg_id      TEXT NOT NULL,
        random             INTEGER NOT NULL, -- the middle part of the MsgKey
        time               INTEGER NOT NULL, -- Unix milliseconds
        body               TEXT NOT NULL,    -- MsgBody JSON as sent
        hidden_from_sender INTEGER NOT NULL DEFAULT 0, -- REST sendmsg with SyncOtherMachine = 2
        UNIQUE (conversation_id, seq)
      );
      CREATE UNIQUE INDEX messages_sender_client_msg_id ON messages (sender, client_msg_id);
    `);
  },
};
