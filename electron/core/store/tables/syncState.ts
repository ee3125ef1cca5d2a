import { get, run, type ReadableDB, type WritableDB } from '../database';
import { sql } from '../../../../shared/sql/sql';

/** Small key/value facts about synchronisation that belong to no single conversation. */
export function getSyncValue(db: ReadableDB, key: string): string | undefined {
  return get<{ value: string }>(db, sql`SELECT value FROM sync_state WHERE key = ${key}`)?.value;
}

export function setSyncValue(db: WritableDB, key: string, value: string): void {
  run(db, sql`INSERT INTO sync_state (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}
