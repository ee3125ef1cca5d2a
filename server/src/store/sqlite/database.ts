import BetterSqlite3 from 'better-sqlite3';
import { type SqlFragment } from '../../../../shared/sql/sql';

export type SyncMode = 'full' | 'normal';

export interface OpenOptions {
  /** A file path, or `:memory:` for tests. */
  path: string;
  /** `full` (default) makes every commit durable before it returns, even across power loss. */
  synchronous?: SyncMode;
}

const STATEMENT_CACHE_LIMIT = 512;

/**
 * A thin wrapper over better-sqlite3 that only accepts {@link SqlFragment}s
 * and caches prepared statements by their text (preparing is the expensive part).
 */
export class Database {
  readonly raw: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(options: OpenOptions) {
    this.raw = new BetterSqlite3(options.path);
    if (options.path !== ':memory:') this.raw.pragma('journal_mode = WAL');
    this.raw.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma('busy_timeout = 5000');
  }

  private prepare(query: SqlFragment): BetterSqlite3.Statement {
    let statement = this.statements.get(query.text);
    if (!statement) {
      // IN lists of many sizes would grow the cache without bound.
      if (this.statements.size >= STATEMENT_CACHE_LIMIT) this.statements.clear();
      statement = this.raw.prepare(query.text);
      this.statements.set(query.text, statement);
    }
    return statement;
  }

  all<Row>(query: SqlFragment): Row[] {
    return this.prepare(query).all(...query.params) as Row[];
  }

  get<Row>(query: SqlFragment): Row | undefined {
    return this.prepare(query).get(...query.params) as Row | undefined;
  }

  run(query: SqlFragment): BetterSqlite3.RunResult {
    return this.prepare(query).run(...query.params);
  }

  /** Runs `fn` in one transaction (BEGIN IMMEDIATE, so writers never deadlock on upgrade). */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  get userVersion(): number {
    return this.raw.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.statements.clear();
    if (this.raw.open) this.raw.close();
  }
}
