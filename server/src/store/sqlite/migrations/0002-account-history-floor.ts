import { type Migration } from './types';

/**
 * A UserID can be deleted and later taken by someone else (self-registration or
 * a REST re-import). The conversation rows are keyed by UserID and outlive the
 * account (the other party keeps the shared history), so each account records
 * the largest messages.id that existed when it was created: rows at or below it
 * belong to earlier owners of the UserID and are never shown to this one.
 * Accounts that exist already see everything, as before.
 */
export const m0002AccountHistoryFloor: Migration = {
  version: 2,
  name: 'account-history-floor',
  up(db) {
    db.raw.exec(`
      ALTER TABLE accounts ADD COLUMN history_floor INTEGER NOT NULL DEFAULT 0; -- messages.id at creation
    `);
  },
};
