import type { WritableDB } from '../database';

/**
 * Issue 5 (G1–G4, G7, G8; ADR 0004 §6, WP6): the group cache, so the groups screens open
 * offline and across restarts. ADR 0004 planned this as 0010 after WP5's conversation
 * rebuild (0009); that had not landed, so the cache took the next free number and WP5's
 * rebuild follows it.
 * - `groups`: the groups I am in: GroupInfo and my membership (GroupSelf) as JSON, the
 *   server's joined-list order, and whether its members were fetched (`members_cached`:
 *   member pushes are only stored for groups whose list was paged, so a 100,000-member
 *   community costs nothing until someone opens its member list).
 * - `group_members`: cached members per group, ordered as the server pages them (owner,
 *   admins, members by join time: `role_rank`, `join_time`, `user_id`).
 * - `topics`, `permission_groups`: a community's, as JSON.
 * - `group_applications`: pending applications of the groups whose applications I may handle.
 * IDs are stored as given (printable ASCII with spaces, `#`, `%`, `_`) and only ever compared
 * with `=`; names for search are `name_lower` (searched with instr(), never LIKE).
 */
export function migrate0009(db: WritableDB): void {
  db.exec(`
    CREATE TABLE groups (
      group_id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      name_lower TEXT NOT NULL,
      info TEXT NOT NULL,
      self TEXT NOT NULL,
      info_seq INTEGER NOT NULL,
      position INTEGER NOT NULL,
      members_cached INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE TABLE group_members (
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      user_id TEXT NOT NULL,
      role_rank INTEGER NOT NULL,
      join_time INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (group_id, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX group_members_page ON group_members (group_id, role_rank, join_time, user_id);
    CREATE TABLE topics (
      topic_id TEXT PRIMARY KEY,
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      create_time INTEGER NOT NULL,
      data TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX topics_by_group ON topics (group_id, create_time);
    CREATE TABLE permission_groups (
      group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
      permission_group_id TEXT NOT NULL,
      create_time INTEGER NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (group_id, permission_group_id)
    ) WITHOUT ROWID;
    CREATE TABLE group_applications (
      group_id TEXT NOT NULL,
      applicant TEXT NOT NULL,
      wording TEXT NOT NULL,
      time INTEGER NOT NULL,
      PRIMARY KEY (group_id, applicant)
    ) WITHOUT ROWID;
  `);
}
