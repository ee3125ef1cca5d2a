import { type Migration } from './types';

/**
 * A4: each user's custom status text (set by the user, ≤ 100 characters, no
 * row when cleared). It goes with the account, so a later owner of a deleted
 * UserID does not inherit it.
 */
export const m0008CustomStatus: Migration = {
  version: 8,
  name: 'custom-status',
  up(db) {
    db.raw.exec(`
      CREATE TABLE custom_statuses (
        user_id    TEXT PRIMARY KEY REFERENCES accounts (user_id) ON DELETE CASCADE,
        text       TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
