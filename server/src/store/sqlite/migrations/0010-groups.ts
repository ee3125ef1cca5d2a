import { type Migration } from './types';

/**
 * Issue 5 (G1–G4, G6–G8): groups of the five types and their members, custom values, pending applications,
 * communities' topics, permission groups with their members and per-topic overrides. Mutes live apart from
 * memberships (keyed by group and user) so a mute survives leaving and re-joining (G4). Times are Unix seconds
 * as in Tencent's group APIs.
 */
export const m0010Groups: Migration = {
  version: 10,
  name: 'groups',
  up(db) {
    db.raw.exec(`
      CREATE TABLE groups (
        group_id            TEXT PRIMARY KEY,
        type                TEXT NOT NULL,
        name                TEXT NOT NULL,
        name_lower          TEXT NOT NULL,
        introduction        TEXT NOT NULL DEFAULT '',
        notification        TEXT NOT NULL DEFAULT '',
        face_url            TEXT NOT NULL DEFAULT '',
        owner               TEXT NOT NULL DEFAULT '',
        create_time         INTEGER NOT NULL,
        info_seq            INTEGER NOT NULL DEFAULT 1,
        last_info_time      INTEGER NOT NULL,
        last_msg_time       INTEGER NOT NULL DEFAULT 0,
        next_msg_seq        INTEGER NOT NULL DEFAULT 1,
        apply_join_option   TEXT NOT NULL,
        mute_all            INTEGER NOT NULL DEFAULT 0,
        default_permissions INTEGER NOT NULL DEFAULT 0,
        active              INTEGER NOT NULL DEFAULT 1,
        max_member_num      INTEGER
      ) WITHOUT ROWID;
      CREATE INDEX groups_by_type ON groups (type, group_id);
      CREATE TABLE group_custom (
        group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (group_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE group_members (
        group_id  TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        user_id   TEXT NOT NULL,
        role      TEXT NOT NULL,
        join_time INTEGER NOT NULL,
        name_card TEXT NOT NULL DEFAULT '',
        msg_flag  TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX group_members_by_user ON group_members (user_id, group_id);
      CREATE TABLE group_member_custom (
        group_id TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        user_id  TEXT NOT NULL,
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (group_id, user_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE group_mutes (
        group_id    TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        user_id     TEXT NOT NULL,
        muted_until INTEGER NOT NULL,
        PRIMARY KEY (group_id, user_id)
      ) WITHOUT ROWID;
      CREATE TABLE group_applications (
        group_id  TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        applicant TEXT NOT NULL,
        wording   TEXT NOT NULL DEFAULT '',
        time      INTEGER NOT NULL,
        PRIMARY KEY (group_id, applicant)
      ) WITHOUT ROWID;
      CREATE INDEX group_applications_by_applicant ON group_applications (applicant);
      CREATE TABLE topics (
        topic_id            TEXT PRIMARY KEY,
        group_id            TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        name                TEXT NOT NULL,
        introduction        TEXT NOT NULL DEFAULT '',
        notification        TEXT NOT NULL DEFAULT '',
        face_url            TEXT NOT NULL DEFAULT '',
        custom_string       TEXT NOT NULL DEFAULT '',
        mute_all            INTEGER NOT NULL DEFAULT 0,
        default_permissions INTEGER NOT NULL,
        category            TEXT NOT NULL DEFAULT '',
        create_time         INTEGER NOT NULL,
        info_seq            INTEGER NOT NULL DEFAULT 1
      ) WITHOUT ROWID;
      CREATE INDEX topics_by_group ON topics (group_id, create_time);
      CREATE TABLE permission_groups (
        group_id            TEXT NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
        permission_group_id TEXT NOT NULL,
        name                TEXT NOT NULL,
        permissions         INTEGER NOT NULL,
        custom_string       TEXT NOT NULL DEFAULT '',
        create_time         INTEGER NOT NULL,
        PRIMARY KEY (group_id, permission_group_id)
      ) WITHOUT ROWID;
      CREATE TABLE permission_group_members (
        group_id            TEXT NOT NULL,
        permission_group_id TEXT NOT NULL,
        user_id             TEXT NOT NULL,
        PRIMARY KEY (group_id, permission_group_id, user_id),
        FOREIGN KEY (group_id, permission_group_id) REFERENCES permission_groups (group_id, permission_group_id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX permission_group_members_by_user ON permission_group_members (group_id, user_id);
      CREATE TABLE topic_permission_overrides (
        topic_id            TEXT NOT NULL REFERENCES topics (topic_id) ON DELETE CASCADE,
        group_id            TEXT NOT NULL,
        permission_group_id TEXT NOT NULL,
        permissions         INTEGER NOT NULL,
        PRIMARY KEY (topic_id, permission_group_id),
        FOREIGN KEY (group_id, permission_group_id) REFERENCES permission_groups (group_id, permission_group_id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX topic_permission_overrides_by_group ON topic_permission_overrides (group_id, permission_group_id);
    `);
  },
};
