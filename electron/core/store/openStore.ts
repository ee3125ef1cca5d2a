import { openDatabase, type WritableDB } from './database';
import { runMigrations } from './migrations';

/** Opens an account's local store at the latest schema (`:memory:` in tests). */
export function openStore(path: string): WritableDB {
  const db = openDatabase(path);
  try {
    runMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
