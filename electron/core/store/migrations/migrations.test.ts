import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { DatabaseTooNewError, LATEST_VERSION, MIGRATIONS, runMigrations, schemaVersion } from './index';

function tableNames(db: ReturnType<typeof openDatabase>): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

describe('local store migrations', () => {
  it('numbers migrations strictly upwards from 1', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('brings a fresh database to the latest version with every table', () => {
    const db = openDatabase(':memory:');
    expect(runMigrations(db)).toEqual({ from: 0, to: LATEST_VERSION });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['users', 'conversations', 'messages', 'messages_fts', 'outbox', 'sync_state']));
  });

  it('is a no-op on a database already at the latest version', () => {
    const db = openDatabase(':memory:');
    runMigrations(db);
    expect(runMigrations(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const db = openDatabase(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => runMigrations(db)).toThrow(DatabaseTooNewError);
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
    expect(tableNames(db)).toEqual([]);
  });

  it('rolls back everything when a migration fails', () => {
    const db = openDatabase(':memory:');
    db.exec('CREATE TABLE users (x INTEGER)'); // makes 0001 fail half-way
    expect(() => runMigrations(db)).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tableNames(db)).toEqual(['users']);
  });

  it('0001 serves "latest 50 of a conversation" from the (conversation_id, seq) index', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 1 });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = ? AND seq IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT 50`)
      .all('c2c_bob', 10) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/USING INDEX sqlite_autoindex_messages_\d/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});

describe('migration 0002 (CJK bigram index)', () => {
  it('indexes the two-character CJK pairs of messages stored before it ran', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 1 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES (?, 'c2c_bob', ?, 'bob', '[]', ?, 1, 'sent', 1)`,
    );
    insert.run('before-0002-a', 1, '请把发票发给我');
    insert.run('before-0002-b', 2, 'no cjk here');
    runMigrations(db);
    const hits = db.prepare(`SELECT rowid FROM messages_bigram WHERE messages_bigram MATCH '"发票"'`).all();
    expect(hits).toHaveLength(1);
    expect(db.prepare(`SELECT count(*) AS n FROM messages_bigram`).get()).toEqual({ n: 1 });
  });
});
