import type { WritableDB } from '../database';

/**
 * Per-entry retry back-off: an entry the server keeps failing waits until
 * `next_attempt_at` (ms) while other conversations' entries go ahead. The index
 * finds each conversation's oldest entry (order is kept within a conversation).
 */
export function migrate0004(db: WritableDB): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX outbox_by_conversation ON outbox (conversation_id, id);
  `);
}
