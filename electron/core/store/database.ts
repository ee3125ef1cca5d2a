import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { cjkBigrams } from './cjkBigrams';
import type { SqlFragment } from '../../../shared/sql/sql';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

/** A connection only read functions receive (Signal's convention): the type says a function cannot write. */
export type ReadableDB = Database.Database & { readonly [readableBrand]: true };
/** A connection write functions receive. */
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };

/**
 * Opens (creating if needed) a local store. WAL lets reads run beside the one writer;
 * synchronous=NORMAL is durable across app crashes (only an OS crash or power loss can
 * drop the last commits), which keeps sync pages and acks cheap; foreign keys are off by
 * default in SQLite and our cascades rely on them.
 */
export function openDatabase(path: string): WritableDB {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 32 MB of page cache: large conversations stay hot and FTS index merges stay in memory.
  db.pragma('cache_size = -32000');
  // Used by the bigram index's triggers (migration 0002), so every connection needs it.
  db.function('cjk_bigrams', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? cjkBigrams(text) : ''));
  return db as WritableDB;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements are reused per connection: preparing costs more than running a point query. */
function prepare(db: ReadableDB, query: SqlFragment): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(query.text);
  if (!statement) {
    statement = db.prepare(query.text);
    cache.set(query.text, statement);
  }
  return statement;
}

export function all<Row>(db: ReadableDB, query: SqlFragment): Row[] {
  return prepare(db, query).all(...query.params) as Row[];
}

export function get<Row>(db: ReadableDB, query: SqlFragment): Row | undefined {
  return prepare(db, query).get(...query.params) as Row | undefined;
}

export function run(db: WritableDB, query: SqlFragment): Database.RunResult {
  return prepare(db, query).run(...query.params);
}

/** Runs `work` in one transaction (nested calls become savepoints). */
export function transaction<T>(db: WritableDB, work: () => T): T {
  return db.transaction(work)();
}
