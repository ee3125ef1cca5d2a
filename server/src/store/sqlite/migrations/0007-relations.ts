import { type Migration } from './types';

/**
 * Issue 4 (P1–P3, R1–R6): profile fields beyond the account's nickname and avatar, friends (one row per direction:
 * `owner` has `friend` in their list), friend lists and their members, pending friend requests, the blocklist, and
 * per-user change sequences (Tencent's StandardSequence / CurruentSequence). Custom fields are JSON objects.
 */
export const m0007Relations: Migration = {
  version: 7,
  name: 'relations',
  up(db) {
    db.raw.exec(`
      CREATE TABLE profiles (
        user_id           TEXT PRIMARY KEY,
        gender            TEXT NOT NULL DEFAULT 'Gender_Type_Unknown',
        birthday          INTEGER NOT NULL DEFAULT 0,
        location          TEXT NOT NULL DEFAULT '',
        self_signature    TEXT NOT NULL DEFAULT '',
        allow_type        TEXT NOT NULL DEFAULT 'AllowType_Type_NeedConfirm',
        language          INTEGER NOT NULL DEFAULT 0,
        msg_settings      INTEGER NOT NULL DEFAULT 0,
        admin_forbid_type TEXT NOT NULL DEFAULT 'AdminForbid_Type_None',
        level             INTEGER NOT NULL DEFAULT 0,
        role              INTEGER NOT NULL DEFAULT 0,
        searchable        INTEGER NOT NULL DEFAULT 0,
        custom            TEXT NOT NULL DEFAULT '{}'
      ) WITHOUT ROWID;
      CREATE TABLE friends (
        owner       TEXT NOT NULL,
        friend      TEXT NOT NULL,
        remark      TEXT NOT NULL DEFAULT '',
        add_source  TEXT NOT NULL DEFAULT '',
        add_wording TEXT NOT NULL DEFAULT '',
        add_time    INTEGER NOT NULL,
        custom      TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (owner, friend)
      ) WITHOUT ROWID;
      CREATE INDEX friends_by_friend ON friends (friend, owner);
      CREATE TABLE friend_lists (
        owner      TEXT NOT NULL,
        name       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (owner, name)
      ) WITHOUT ROWID;
      CREATE TABLE friend_list_members (
        owner  TEXT NOT NULL,
        name   TEXT NOT NULL,
        friend TEXT NOT NULL,
        PRIMARY KEY (owner, name, friend)
      ) WITHOUT ROWID;
      CREATE INDEX friend_list_members_by_friend ON friend_list_members (owner, friend);
      CREATE TABLE friend_requests (
        from_user   TEXT NOT NULL,
        to_user     TEXT NOT NULL,
        add_source  TEXT NOT NULL,
        add_wording TEXT NOT NULL,
        remark      TEXT NOT NULL,
        group_name  TEXT NOT NULL,
        time        INTEGER NOT NULL,
        PRIMARY KEY (from_user, to_user)
      ) WITHOUT ROWID;
      CREATE INDEX friend_requests_to ON friend_requests (to_user, from_user);
      CREATE TABLE blocklist (
        owner   TEXT NOT NULL,
        blocked TEXT NOT NULL,
        time    INTEGER NOT NULL,
        PRIMARY KEY (owner, blocked)
      ) WITHOUT ROWID;
      CREATE INDEX blocklist_by_blocked ON blocklist (blocked, owner);
      CREATE TABLE relation_sequences (
        owner     TEXT PRIMARY KEY,
        friend_seq INTEGER NOT NULL DEFAULT 0,
        black_seq  INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
    `);
  },
};
