import type { WritableDB } from '../database';
import { migrate0001 } from './0001-initial-schema';
import { migrate0002 } from './0002-cjk-bigram-index';
import { migrate0003 } from './0003-message-identity-per-sender';
import { migrate0004 } from './0004-outbox-backoff';
import { migrate0005 } from './0005-index-on-insert-without-triggers';
import { migrate0006 } from './0006-message-state-and-ops';
import { migrate0007 } from './0007-outbox-send-tried';
import { migrate0008 } from './0008-contacts';
import { migrate0009 } from './0009-group-cache';
import { migrate0010 } from './0010-group-conversations';
import { migrate0011 } from './0011-group-conversation-names';
import { migrate0012 } from './0012-calls-here';
import { migrate0013 } from './0013-moved-messages';

export interface Migration {
  version: number;
  name: string;
  up(db: WritableDB): void;
}

/** Ordered, never edited once released; the database's `PRAGMA user_version` says how far it got. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: migrate0001 },
  { version: 2, name: 'CJK bigram index', up: migrate0002 },
  { version: 3, name: 'message identity per sender', up: migrate0003 },
  { version: 4, name: 'outbox back-off', up: migrate0004 },
  { version: 5, name: 'index new messages without triggers', up: migrate0005 },
  { version: 6, name: 'message state, conversation settings, outbox operations', up: migrate0006 },
  { version: 7, name: 'outbox sends tried', up: migrate0007 },
  { version: 8, name: 'contacts, profiles, requests, blocklist', up: migrate0008 },
  { version: 9, name: 'group cache', up: migrate0009 },
  { version: 10, name: 'group and topic conversations', up: migrate0010 },
  { version: 11, name: 'names of group conversations kept after leaving', up: migrate0011 },
  { version: 12, name: 'the call joined on this device', up: migrate0012 },
  { version: 13, name: 'moved topic messages', up: migrate0013 },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The local database is at schema version ${found}, newer than this app knows (${supported}). Update the app.`);
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: WritableDB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version (or `upTo`, for migration tests) in one
 * transaction: a failing migration leaves the file as it was. Refuses a database written
 * by a newer app rather than guessing at its schema.
 *
 * Foreign keys are off while migrations run (SQLite's procedure for rebuilding a table:
 * with them on, dropping the old table would cascade into its children) and checked in
 * full before the commit. The pragma cannot change inside a transaction, hence out here.
 */
export function runMigrations(db: WritableDB, options: { upTo?: number } = {}): { from: number; to: number } {
  const target = options.upTo ?? LATEST_VERSION;
  const from = schemaVersion(db);
  if (from > LATEST_VERSION) throw new DatabaseTooNewError(from, LATEST_VERSION);
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      let previous = from;
      for (const migration of pending) {
        if (migration.version <= previous) throw new Error(`Migration ${migration.version} is out of order.`);
        migration.up(db);
        previous = migration.version;
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`Migration to ${previous} left ${broken.length} broken foreign keys.`);
      // PRAGMA takes no bound parameters; `previous` is an integer from MIGRATIONS, never input.
      db.pragma(`user_version = ${Math.trunc(previous)}`);
    })();
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return { from, to: schemaVersion(db) };
}
