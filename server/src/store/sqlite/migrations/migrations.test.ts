import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../database';
import { MIGRATIONS, SchemaTooNewError, migrate } from './index';
import { sql } from '../../../../../shared/sql/sql';

const open: Database[] = [];
function memoryDb(): Database {
  const db = new Database({ path: ':memory:' });
  open.push(db);
  return db;
}
afterEach(() => open.splice(0).forEach((db) => db.close()));

function tables(db: Database): string[] {
  return db
    .all<{ name: string }>(sql`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .map((row) => row.name);
}

describe('migrations', () => {
  it('numbers migrations strictly upwards, starting at 1', () => {
    expect(MIGRATIONS[0]?.version).toBe(1);
    MIGRATIONS.forEach((m, i) => i > 0 && expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version));
  });

  it('brings an empty database to the latest version and records it in user_version', () => {
    const db = memoryDb();
    expect(migrate(db)).toEqual({ from: 0, to: MIGRATIONS.at(-1)!.version });
    expect(db.userVersion).toBe(MIGRATIONS.at(-1)!.version);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['accounts', 'conversation_members', 'conversations', 'credential_revocations', 'messages']),
    );
  });

  it('is a no-op on an up-to-date database', () => {
    const db = memoryDb();
    migrate(db);
    const latest = db.userVersion;
    expect(migrate(db)).toEqual({ from: latest, to: latest });
  });

  it('refuses a database written by a newer server and leaves it untouched', () => {
    const db = memoryDb();
    db.raw.pragma('user_version = 999');
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(db.userVersion).toBe(999);
    expect(tables(db)).toEqual([]);
  });

  it('runs pending migrations in one transaction: a failing step rolls back every step', () => {
    const db = memoryDb();
    const failing = [
      { version: 1, name: 'one', up: (d: Database) => d.raw.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(db.userVersion).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a list that is out of order', () => {
    const db = memoryDb();
    const noop = () => undefined;
    expect(() => migrate(db, [{ version: 2, name: 'b', up: noop }, { version: 1, name: 'a', up: noop }])).toThrow(/out of order/);
  });

  it('0001 enforces one message per (sender, client message ID) and per (conversation, seq)', () => {
    const db = memoryDb();
    migrate(db);
    db.run(sql`INSERT INTO conversations (user_a, user_b, last_seq) VALUES ('a', 'b', 2)`);
    const insert = (seq: number, clientId: string) =>
      db.run(sql`INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
                 VALUES (1, ${seq}, 'a', 'b', ${clientId}, 1, 1, '[]')`);
    insert(1, 'client-0001');
    expect(() => insert(2, 'client-0001')).toThrow(/UNIQUE/);
    expect(() => insert(1, 'client-0002')).toThrow(/UNIQUE/);
    expect(() => db.run(sql`INSERT INTO conversations (user_a, user_b) VALUES ('z', 'a')`)).toThrow(/CHECK/);
  });

  it('A1 0002: accounts that existed before see all their history; accounts created later start at the newest message', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version === 1));
    db.raw.exec(`
      INSERT INTO accounts (user_id, created_at) VALUES ('alice', 1), ('bob', 1);
      INSERT INTO conversations (id, user_a, user_b, last_seq) VALUES (1, 'alice', 'bob', 1);
      INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
      VALUES (1, 1, 'alice', 'bob', 'client-0001', 1, 1, '[]');`);
    expect(migrate(db)).toMatchObject({ from: 1 });
    expect(db.all(sql`SELECT user_id, history_floor FROM accounts ORDER BY user_id`)).toEqual([
      { user_id: 'alice', history_floor: 0 },
      { user_id: 'bob', history_floor: 0 },
    ]);
  });

  it('M5 M10 M12 0003: existing messages and memberships migrate as untouched (no recall, edit, reactions, deletions or settings)', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
    db.raw.exec(`
      INSERT INTO accounts (user_id, created_at) VALUES ('alice', 1), ('bob', 1);
      INSERT INTO conversations (id, user_a, user_b, last_seq) VALUES (1, 'alice', 'bob', 1);
      INSERT INTO conversation_members (user_id, conversation_id, peer_id) VALUES ('alice', 1, 'bob');
      INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
      VALUES (1, 1, 'alice', 'bob', 'client-0001', 1, 1, '[]');`);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
    expect(db.get(sql`SELECT cloud_custom_data, reply_to, recalled, edited_at, reactions, mod_seq FROM messages`)).toEqual({
      cloud_custom_data: '',
      reply_to: null,
      recalled: 0,
      edited_at: null,
      reactions: null,
      mod_seq: 0,
    });
    expect(db.get(sql`SELECT cleared_seq, deleted, pinned, recv_opt FROM conversation_members`)).toEqual({
      cleared_seq: 0,
      deleted: 0,
      pinned: 0,
      recv_opt: 'AcceptAndNotify',
    });
    expect(db.get(sql`SELECT mod_seq FROM conversations`)).toEqual({ mod_seq: 0 });
    expect(tables(db)).toEqual(expect.arrayContaining(['message_deletions', 'reports']));
  });

  it('M2 M5 0005: media refs written by 0004 are kept, and one ref may now be carried by several messages of a conversation', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 4));
    db.raw.exec(`
      INSERT INTO media_refs (kind, ref, conversation_id, message_id) VALUES ('blob', 'abc', 1, 7), ('relay', 'def', 1, 9);`);
    migrate(db);
    expect(db.all(sql`SELECT kind, ref, conversation_id, message_id FROM media_refs ORDER BY kind`)).toEqual([
      { kind: 'blob', ref: 'abc', conversation_id: 1, message_id: 7 },
      { kind: 'relay', ref: 'def', conversation_id: 1, message_id: 9 },
    ]);
    db.raw.exec(`INSERT INTO media_refs (kind, ref, conversation_id, message_id) VALUES ('blob', 'abc', 1, 8)`);
    expect(db.get(sql`SELECT COUNT(*) AS n FROM media_refs WHERE ref = 'abc'`)).toEqual({ n: 2 });
  });

  it('P1 0009: existing profile images that are their owner’s uploads become public images; others do not', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 8));
    const own = 'a'.repeat(64);
    const seen = 'b'.repeat(64);
    db.raw.exec(`
      INSERT INTO accounts (user_id, face_url, created_at) VALUES
        ('alice', 'http://127.0.0.1:4000/api/v1/blobs/${own}', 1),
        ('bob', 'https://chat.example.com/api/v1/blobs/${seen}', 1),
        ('carol', 'https://cdn.example.com/carol.png', 1),
        ('dave', '', 1);
      INSERT INTO blob_owners (uuid, user_id) VALUES ('${own}', 'alice'), ('${seen}', 'alice');`);
    migrate(db);
    expect(db.all(sql`SELECT owner_kind, owner_id, uuid FROM public_images`)).toEqual([{ owner_kind: 'user', owner_id: 'alice', uuid: own }]);
    expect(db.all(sql`SELECT owner_id FROM public_images WHERE uuid = ${own}`)).toEqual([{ owner_id: 'alice' }]);
  });
});

describe('0011 group messages (ADR 0004)', () => {
  it('G5 rebuilds conversations on a 0010 database: one-to-one rows kept with their ids, the c2c upsert and foreign keys still work', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    db.raw.exec(`
      INSERT INTO accounts (user_id, created_at) VALUES ('alice', 1), ('bob', 1), ('carol', 1);
      INSERT INTO conversations (id, user_a, user_b, last_seq, mod_seq) VALUES (7, 'alice', 'bob', 2, 1), (9, 'bob', 'carol', 1, 0);
      INSERT INTO conversation_members (user_id, conversation_id, peer_id) VALUES ('alice', 7, 'bob'), ('bob', 7, 'alice');
      INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
      VALUES (7, 1, 'alice', 'bob', 'client-0001', 1, 1, '[]'), (7, 2, 'bob', 'alice', 'client-0002', 1, 1, '[]'),
             (9, 1, 'bob', 'carol', 'client-0003', 1, 1, '[]');
      INSERT INTO message_deletions (user_id, message_id, conversation_id, mod_seq) VALUES ('alice', 1, 7, 1);
      INSERT INTO groups (group_id, type, name, name_lower, create_time, last_info_time, apply_join_option)
      VALUES ('g1', 'Public', 'G', 'g', 1, 1, 'FreeAccess');
      INSERT INTO group_members (group_id, user_id, role, join_time, msg_flag) VALUES ('g1', 'alice', 'Owner', 1, 'AcceptAndNotify');`);
    expect(migrate(db)).toMatchObject({ from: 10 });
    expect(db.all(sql`SELECT id, kind, user_a, user_b, group_id, group_key, last_seq, mod_seq FROM conversations ORDER BY id`)).toEqual([
      { id: 7, kind: 'c2c', user_a: 'alice', user_b: 'bob', group_id: null, group_key: null, last_seq: 2, mod_seq: 1 },
      { id: 9, kind: 'c2c', user_a: 'bob', user_b: 'carol', group_id: null, group_key: null, last_seq: 1, mod_seq: 0 },
    ]);
    expect(db.get(sql`SELECT priority, at_info, needs_receipt, is_tip FROM messages WHERE id = 1`)).toEqual({
      priority: 2,
      at_info: null,
      needs_receipt: 0,
      is_tip: 0,
    });
    expect(db.get(sql`SELECT join_floor_id FROM group_members`)).toEqual({ join_floor_id: 0 });
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
    // The one-to-one upsert names no kind and still finds the old row.
    const upserted = db.get(sql`
      INSERT INTO conversations (user_a, user_b, last_seq) VALUES ('alice', 'bob', 1)
      ON CONFLICT (user_a, user_b) DO UPDATE SET last_seq = last_seq + 1 RETURNING id, last_seq`);
    expect(upserted).toEqual({ id: 7, last_seq: 3 });
    // References into the rebuilt table are still enforced.
    expect(() => db.run(sql`INSERT INTO messages (conversation_id, seq, sender, recipient, client_msg_id, random, time, body)
                            VALUES (99, 1, 'a', 'b', 'client-0009', 1, 1, '[]')`)).toThrow(/FOREIGN KEY/);
    // Group rows: no pair; c2c rows: no group.
    expect(() => db.run(sql`INSERT INTO conversations (kind, user_a, user_b, group_id, group_key) VALUES ('group', 'a', 'b', 'g1', 'g1')`)).toThrow(/CHECK/);
    expect(() => db.run(sql`INSERT INTO conversations (user_a, user_b, group_id) VALUES ('a', 'b', 'g1')`)).toThrow(/CHECK/);
    db.run(sql`INSERT INTO conversations (kind, group_id, group_key) VALUES ('group', 'g1', 'g1')`);
    expect(() => db.run(sql`INSERT INTO conversations (kind, group_id, group_key) VALUES ('group', 'g1', 'g1')`)).toThrow(/UNIQUE/);
  });

  it('a migration that leaves a broken foreign key reference is rolled back', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    const breaking = [...MIGRATIONS.filter((m) => m.version <= 10), {
      version: 11,
      name: 'breaks',
      up: (d: Database) => d.raw.exec(`INSERT INTO conversation_members (user_id, conversation_id, peer_id) VALUES ('x', 404, 'y')`),
    }];
    expect(() => migrate(db, breaking)).toThrow(/foreign key/);
    expect(db.userVersion).toBe(10);
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('0012 calls (issue 6)', () => {
  it('C5 adds calls and call_participants on a 0011 database; one row per call ID, participants go with their call', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 11));
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 12))).toMatchObject({ from: 11, to: 12 });
    db.run(sql`INSERT INTO calls (call_id, kind, conversation_id, media, caller, state, created_at)
               VALUES ('call_abcdefgh', 'c2c', 'c2c_bob', 'audio', 'alice', 'ringing', 1)`);
    expect(() => db.run(sql`INSERT INTO calls (call_id, kind, conversation_id, media, caller, state, created_at)
               VALUES ('call_abcdefgh', 'c2c', 'c2c_bob', 'audio', 'alice', 'ringing', 2)`)).toThrow(/UNIQUE/);
    db.run(sql`INSERT INTO call_participants (call_row, position, user_id, state, audio, video) VALUES (1, 0, 'alice', 'joined', 1, 0)`);
    expect(() => db.run(sql`INSERT INTO call_participants (call_row, position, user_id, state, audio, video) VALUES (5, 0, 'x', 'joined', 1, 0)`)).toThrow(
      /FOREIGN KEY/,
    );
    db.run(sql`DELETE FROM calls`);
    expect(db.all(sql`SELECT * FROM call_participants`)).toEqual([]);
  });
});

describe('0013 topic resolve and move (ADR 0005)', () => {
  it('G7 adds resolved_at/resolved_by to topics and moved_to/moved_from to messages on a 0012 database; existing rows read as open and unmoved', () => {
    const db = memoryDb();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 12));
    db.run(sql`INSERT INTO groups (group_id, type, name, name_lower, owner, create_time, last_info_time, apply_join_option)
               VALUES ('@TGS#_c', 'Community', 'c', 'c', 'alice', 1, 1, 'FreeAccess')`);
    db.run(sql`INSERT INTO topics (topic_id, group_id, name, default_permissions, create_time) VALUES ('@TGS#_c@TOPIC#_a', '@TGS#_c', 'a', 24, 1)`);
    expect(migrate(db)).toMatchObject({ from: 12, to: 13 });
    expect(db.get(sql`SELECT resolved_at, resolved_by FROM topics`)).toEqual({ resolved_at: null, resolved_by: null });
    expect(db.all(sql`SELECT name FROM pragma_table_info('messages') WHERE name LIKE 'moved_%' ORDER BY name`)).toEqual([{ name: 'moved_from' }, { name: 'moved_to' }]);
  });
});
