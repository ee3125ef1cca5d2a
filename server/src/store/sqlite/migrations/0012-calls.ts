import { type Migration } from './types';

/**
 * Issue 6 (C1–C5): calls and their participants, kept so a restart can end the calls it held (with their
 * records) and so `call:history` can page a user's calls. `id` orders calls by creation (the history cursor);
 * `call_participants_by_user` finds a user's calls newest first.
 */
export const m0012Calls: Migration = {
  version: 12,
  name: 'calls',
  up(db) {
    db.raw.exec(`
      CREATE TABLE calls (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id         TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,           -- 'c2c' or 'group'
        conversation_id TEXT NOT NULL,           -- c2c_<callee> (as the caller sees it) or group_<groupId>
        group_id        TEXT,
        media           TEXT NOT NULL,           -- 'audio' or 'video'
        caller          TEXT NOT NULL,
        state           TEXT NOT NULL,           -- 'ringing', 'active' or 'ended'
        end_reason      TEXT,
        created_at      INTEGER NOT NULL,
        connected_at    INTEGER,
        ended_at        INTEGER
      );
      CREATE INDEX calls_not_ended ON calls (state) WHERE state <> 'ended';
      CREATE TABLE call_participants (
        call_row   INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,             -- the caller 0, then invitees in the order invited
        user_id    TEXT NOT NULL,
        state      TEXT NOT NULL,
        device_id  TEXT,
        audio      INTEGER NOT NULL,
        video      INTEGER NOT NULL,
        joined_at  INTEGER,
        PRIMARY KEY (call_row, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX call_participants_by_user ON call_participants (user_id, call_row);
    `);
  },
};
