import { type Database } from '../database';
import { m0001Initial } from './0001-initial';
import { m0002AccountHistoryFloor } from './0002-account-history-floor';
import { m0003MessageState } from './0003-message-state';
import { m0004Media } from './0004-media';
import { m0005MediaRefsPerMessage } from './0005-media-refs-per-message';
import { m0006MediaGrants } from './0006-media-grants';
import { m0007Relations } from './0007-relations';
import { m0008CustomStatus } from './0008-custom-status';
import { m0009PublicImages } from './0009-public-images';
import { m0010Groups } from './0010-groups';
import { m0011GroupMessages } from './0011-group-messages';
import { m0012Calls } from './0012-calls';
import { m0013TopicResolveMove } from './0013-topic-resolve-move';
import { type Migration } from './types';

export type { Migration } from './types';

/**
 * Every migration in order. They are TypeScript modules in a list rather than
 * files read from disk, so the server also runs bundled into one CommonJS file.
 */
export const MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002AccountHistoryFloor,
  m0003MessageState,
  m0004Media,
  m0005MediaRefsPerMessage,
  m0006MediaGrants,
  m0007Relations,
  m0008CustomStatus,
  m0009PublicImages,
  m0010Groups,
  m0011GroupMessages,
  m0012Calls,
  m0013TopicResolveMove,
];

export class SchemaTooNewError extends Error {
  constructor(found: number, supported: number) {
    super(`The database has schema version ${found}, newer than this server supports (${supported}). Run a newer server.`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the schema to the newest version tracked by `PRAGMA user_version`,
 * running all pending migrations in one transaction: either all apply or none.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new Error(`Migrations out of order: ${migration.version} after ${previous.version}.`);
    }
  });
  const latest = migrations.at(-1)?.version ?? 0;
  const from = db.userVersion;
  if (from > latest) throw new SchemaTooNewError(from, latest);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  // Rebuilding a table (create-copy-drop-rename, 0011) needs foreign keys off, and the pragma is a no-op
  // inside a transaction; foreign_key_check before commit keeps a broken reference from being committed.
  const enforced = db.raw.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) db.raw.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        migration.up(db);
        // PRAGMA takes no bound parameters; the version is a number from our own list.
        db.raw.pragma(`user_version = ${Math.trunc(migration.version)}`);
      }
      const broken = db.raw.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`Migration left ${broken.length} broken foreign key reference(s): ${JSON.stringify(broken.slice(0, 3))}`);
    });
  } finally {
    if (enforced) db.raw.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}
