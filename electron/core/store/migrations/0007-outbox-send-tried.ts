import type { WritableDB } from '../database';

/**
 * `outbox.tried`: a send's request has left at least once, so the server may hold the
 * message even though no ack came back (a drop, a timeout, the app quitting mid-request —
 * none of which count in `attempts`). Such a message can no longer be taken back locally:
 * a recall, an edit or a deletion for me must be queued behind its send, or the server
 * keeps (and the peer sees) what the person recalled. Entries queued by an earlier version
 * with failed attempts have certainly been tried.
 */
export function migrate0007(db: WritableDB): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN tried INTEGER NOT NULL DEFAULT 0;
    UPDATE outbox SET tried = 1 WHERE attempts > 0;
  `);
}
