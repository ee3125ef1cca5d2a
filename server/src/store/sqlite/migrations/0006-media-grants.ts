import { type Migration } from './types';

/**
 * M2/M7 + S1: `media_grants` — files and bundles an online-only message (REST
 * MsgLifeTime 0) carried, granted to each of its parties. Such a message is
 * never stored, so there is no message for `media_refs` to name; it cannot be
 * recalled either (no stored message, no MsgKey to withdraw), so its grant stands
 * like a stored message's until that is recalled. A grant goes with the account
 * (a later owner of the UserID does not inherit it).
 */
export const m0006MediaGrants: Migration = {
  version: 6,
  name: 'media-grants',
  up(db) {
    db.raw.exec(`
      CREATE TABLE media_grants (
        user_id TEXT NOT NULL,
        kind    TEXT NOT NULL, -- 'blob' or 'relay'
        ref     TEXT NOT NULL,
        PRIMARY KEY (user_id, kind, ref)
      ) WITHOUT ROWID;
    `);
  },
};
