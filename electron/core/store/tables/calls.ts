import { sql } from '../../../../shared/sql/sql';
import { all, run, type ReadableDB, type WritableDB } from '../database';

/** A call this device was joined in when last heard of (migration 0012). */
export interface CallHereRow {
  callId: string;
  deviceId: string;
  joinedAt: number;
}

interface Row {
  call_id: string;
  device_id: string;
  joined_at: number;
}

export function listCallsHere(db: ReadableDB): CallHereRow[] {
  return all<Row>(db, sql`SELECT call_id, device_id, joined_at FROM calls_here ORDER BY joined_at, call_id`).map((r) => ({
    callId: r.call_id,
    deviceId: r.device_id,
    joinedAt: r.joined_at,
  }));
}

/** Notes that `deviceId` is in the call (the first note's time is kept). */
export function rememberCallHere(db: WritableDB, callId: string, deviceId: string, now: number): void {
  run(
    db,
    sql`INSERT INTO calls_here (call_id, device_id, joined_at) VALUES (${callId}, ${deviceId}, ${now})
        ON CONFLICT (call_id) DO UPDATE SET device_id = excluded.device_id
        WHERE calls_here.device_id <> excluded.device_id`,
  );
}

/** Forgets the call (only if it was noted for `deviceId`, when given). */
export function forgetCallHere(db: WritableDB, callId: string, deviceId?: string): void {
  if (deviceId === undefined) run(db, sql`DELETE FROM calls_here WHERE call_id = ${callId}`);
  else run(db, sql`DELETE FROM calls_here WHERE call_id = ${callId} AND device_id = ${deviceId}`);
}
