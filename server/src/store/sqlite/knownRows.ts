import { type Database } from './database';

/**
 * Positive caches for facts the send path checks on every message: "this
 * account exists", "this user is a member of that conversation". They are
 * sound because one process owns the SQLite file, and every path that makes
 * such a fact false (account deletion) clears it here. Bounded: when full the
 * set starts over, which costs a few extra lookups and nothing else.
 */
class BoundedSet {
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

export interface KnownRows {
  accounts: BoundedSet;
  memberships: BoundedSet;
}

const known = new WeakMap<Database, KnownRows>();

export function knownRows(db: Database): KnownRows {
  let rows = known.get(db);
  if (!rows) {
    rows = { accounts: new BoundedSet(100_000), memberships: new BoundedSet(200_000) };
    known.set(db, rows);
  }
  return rows;
}

export function membershipKey(userId: string, conversationId: number): string {
  return `${conversationId}:${userId}`;
}
