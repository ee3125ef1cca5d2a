import type { WritableDB } from '../database';

/**
 * Issue 4 (P1–P3, R1–R6, A4, A5): what the contacts screen needs offline.
 * - `profiles`: the last profile seen of each person (mine included, view 'self'), as JSON,
 *   keyed by UserID; friends, requests and blocklist entries refer to it.
 * - `friends`: my friend list (remark, lists as a JSON array, source, wording, added time, custom fields).
 * - `friend_lists`: my named lists in the server's order, members as a JSON array.
 * - `friend_requests`: pending requests both ways (`direction` incoming/outgoing).
 * - `blocklist`: the people I blocked, with when.
 * - `contact_state`: small values (when the inbox was last seen, my custom status, my devices).
 */
export function migrate0008(db: WritableDB): void {
  db.exec(`
    CREATE TABLE profiles (
      user_id TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE friends (
      user_id TEXT PRIMARY KEY,
      remark TEXT NOT NULL DEFAULT '',
      groups TEXT NOT NULL DEFAULT '[]',
      add_source TEXT NOT NULL DEFAULT '',
      add_wording TEXT NOT NULL DEFAULT '',
      add_time INTEGER NOT NULL DEFAULT 0,
      custom TEXT NOT NULL DEFAULT '{}'
    ) WITHOUT ROWID;
    CREATE TABLE friend_lists (
      name TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      members TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE friend_requests (
      user_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
      add_source TEXT NOT NULL DEFAULT '',
      add_wording TEXT NOT NULL DEFAULT '',
      time INTEGER NOT NULL,
      PRIMARY KEY (user_id, direction)
    ) WITHOUT ROWID;
    CREATE TABLE blocklist (
      user_id TEXT PRIMARY KEY,
      time INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE contact_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
