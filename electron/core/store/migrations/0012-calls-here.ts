import type { WritableDB } from '../database';

/**
 * Issue 6 (C1–C5): the call I am joined in on this device. Media lives in the renderer, so a quit, crash or
 * restart leaves the server believing this device is still in the call (until its grace time runs out); the
 * core remembers the call here and hangs it up on the next connect (`services/calls.ts`). `device_id` is the
 * handshake instanceId the call was joined with (a new one per start), `joined_at` when it was noted (Unix ms).
 */
export function migrate0012(db: WritableDB): void {
  db.exec(`
    CREATE TABLE calls_here (
      call_id   TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      joined_at INTEGER NOT NULL
    ) WITHOUT ROWID;
  `);
}
