import { type Database } from './database';

/** A set that starts over when full: a miss costs one extra lookup, nothing else. */
export class BoundedSet {
  private readonly items = new Set<string>();
  constructor(private readonly limit: number) {}
  has(key: string): boolean {
    return this.items.has(key);
  }
  add(key: string): void {
    if (this.items.size >= this.limit) this.items.clear();
    this.items.add(key);
  }
  delete(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

/**
 * Everything the SQLite store keeps besides the file: the connection and two
 * positive caches of facts the send path checks on every message ("this
 * account exists", "this user is a member of that conversation").
 *
 * The caches are sound only because one process owns the file, and only under
 * two rules that every writer follows through this object:
 * - a fact is learned after the transaction that established or read it has
 *   committed ({@link afterCommit}), so a rolled-back batch teaches nothing;
 * - a fact is forgotten at once by whatever makes it false (account deletion).
 * A multi-process store (PostgreSQL) must not copy these caches.
 */
export class SqliteState {
  readonly knownAccounts = new BoundedSet(100_000);
  readonly knownMemberships = new BoundedSet(200_000);
  private commitHooks: Array<() => void> | null = null;

  constructor(readonly db: Database) {}

  /**
   * Runs `fn` in one transaction; the hooks it registered with
   * {@link afterCommit} run only once that transaction has committed.
   */
  transaction<T>(fn: () => T): T {
    // Nested calls join the outer transaction, whose commit decides for them too.
    if (this.commitHooks) return fn();
    const hooks: Array<() => void> = [];
    this.commitHooks = hooks;
    let result: T;
    try {
      result = this.db.transaction(fn);
    } finally {
      this.commitHooks = null;
    }
    for (const hook of hooks) hook();
    return result;
  }

  /** Runs `hook` after the current transaction commits (never, if it rolls back); at once outside one. */
  afterCommit(hook: () => void): void {
    if (this.commitHooks) this.commitHooks.push(hook);
    else hook();
  }

  /** Forgets what account deletion makes false; effective immediately, committed or not (the caches only hold positives). */
  forgetAccounts(userIds: readonly string[]): void {
    if (userIds.length === 0) return;
    for (const userId of userIds) this.knownAccounts.delete(userId);
    this.knownMemberships.clear();
  }
}

export function membershipKey(userId: string, conversationId: number): string {
  return `${conversationId}:${userId}`;
}
