import type { WritableDB } from '../database';

/**
 * ADR 0005: a topic message moved away is kept as a tombstone that says where it went (`moved_to`), and
 * its copy in the other topic says where it came from (`moved_from`); both MovedRef JSON, NULL otherwise.
 */
export function migrate0013(db: WritableDB): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN moved_to TEXT;
    ALTER TABLE messages ADD COLUMN moved_from TEXT;
  `);
}
