import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { ensureConversation } from '../tables/conversations';
import { insertMessage } from '../tables/messages';
import { testMessage } from '../testing';
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

describe('migration 0003 (message identity per sender)', () => {
  /** A store at 0002 with a sent message, a pending one in the outbox, and the CJK/trigram indexes filled. */
  function storeAt0002() {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 2 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES (?, 'c2c_bob', ?, ?, '[]', ?, 1, ?, 1)`,
    );
    insert.run('from-bob-0001', 1, 'bob', '请把发票发给我', 'sent');
    insert.run('mine-pending', null, 'me', 'see you tomorrow', 'pending');
    db.prepare(`INSERT INTO outbox (client_msg_id, conversation_id, payload, created_at) VALUES ('mine-pending', 'c2c_bob', '{}', 1)`).run();
    return db;
  }

  it('keeps every message under its rowid, the outbox entry with its message, and both search indexes', () => {
    const db = storeAt0002();
    const before = db.prepare('SELECT * FROM messages ORDER BY id').all();
    runMigrations(db, { upTo: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM messages ORDER BY id').all()).toEqual(before);
    const pendingId = (db.prepare(`SELECT id FROM messages WHERE client_msg_id = 'mine-pending'`).get() as { id: number }).id;
    expect(db.prepare('SELECT message_id, conversation_id FROM outbox').all()).toEqual([{ message_id: pendingId, conversation_id: 'c2c_bob' }]);
    expect(db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH '"tomorrow"'`).all()).toEqual([{ rowid: pendingId }]);
    expect(db.prepare(`SELECT count(*) AS n FROM messages_bigram WHERE messages_bigram MATCH '"发票"'`).get()).toEqual({ n: 1 });
    // The triggers came back: new rows are indexed, and deleting the message takes its outbox entry along.
    db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES ('later-0001', 'c2c_bob', 2, 'bob', '[]', '开发票 later', 1, 'sent', 1)`,
    ).run();
    expect(db.prepare(`SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH '"later"'`).get()).toEqual({ n: 1 });
    expect(db.prepare(`SELECT count(*) AS n FROM messages_bigram WHERE messages_bigram MATCH '"发票"'`).get()).toEqual({ n: 2 });
    db.prepare('DELETE FROM messages WHERE id = ?').run(pendingId);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('M3 lets two senders use the same client message ID, once each', () => {
    const db = storeAt0002();
    runMigrations(db);
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_carol', 'carol', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES ('from-bob-0001', ?, ?, ?, '[]', '', 1, 'sent', 1) ON CONFLICT DO NOTHING`,
    );
    expect(insert.run('c2c_carol', 1, 'carol').changes).toBe(1);
    expect(insert.run('c2c_bob', 7, 'bob').changes).toBe(0);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE sender = ? AND client_msg_id = ?`)
      .all('bob', 'from-bob-0001') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX sqlite_autoindex_messages_1/);
  });

  it('still serves "latest 50 of a conversation" from the (conversation_id, seq) index', () => {
    const db = openDatabase(':memory:');
    runMigrations(db);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = ? AND seq IS NOT NULL AND seq < ? ORDER BY seq DESC LIMIT 50`)
      .all('c2c_bob', 10) as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/USING INDEX sqlite_autoindex_messages_2/);
    expect(details).not.toMatch(/TEMP B-TREE/);
  });
});

describe('migration 0005 (search indexing on insert without triggers)', () => {
  it('M11 insertMessage indexes new messages in both indexes; updates and deletes stay in step through triggers', () => {
    const db = openDatabase(':memory:');
    runMigrations(db);
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const id = insertMessage(db, testMessage({ conversationId: 'c2c_bob', seq: 1, text: '请把发票发给我 tomorrow' }));
    const count = (table: string, term: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(`"${term}"`) as { n: number }).n;
    expect(count('messages_fts', 'tomorrow')).toBe(1);
    expect(count('messages_bigram', '发票')).toBe(1);
    // A duplicate insert changes nothing, so it must not index twice.
    expect(insertMessage(db, testMessage({ conversationId: 'c2c_bob', seq: 1, text: '请把发票发给我 tomorrow' }))).toBeNull();
    expect(count('messages_fts', 'tomorrow')).toBe(1);
    db.prepare(`UPDATE messages SET text = 'no longer' WHERE id = ?`).run(id);
    expect(count('messages_fts', 'tomorrow')).toBe(0);
    expect(count('messages_bigram', '发票')).toBe(0);
    db.prepare('DELETE FROM messages').run();
    expect(count('messages_fts', 'longer')).toBe(0);
  });
});


describe('migration 0006 (message state, conversation settings, outbox operations)', () => {
  it('keeps queued sends in order as message:send operations and fills the element kinds of stored messages', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 5 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES (?, 'c2c_bob', ?, ?, ?, ?, 1, ?, 1)`,
    );
    const fileBody = JSON.stringify([
      { MsgType: 'TIMTextElem', MsgContent: { Text: 'see' } },
      { MsgType: 'TIMFileElem', MsgContent: { FileName: 'a.pdf' } },
      { MsgType: 'TIMNewElem', MsgContent: {} },
    ]);
    insert.run('from-bob-0001', 1, 'bob', fileBody, 'see a.pdf', 'sent');
    const pending = Number(insert.run('mine-pending', null, 'me', '[]', '', 'pending').lastInsertRowid);
    const second = Number(insert.run('mine-pending2', null, 'me', '[]', '', 'pending').lastInsertRowid);
    const queue = db.prepare(`INSERT INTO outbox (message_id, conversation_id, payload, created_at, attempts) VALUES (?, 'c2c_bob', '{}', 1, ?)`);
    queue.run(pending, 2);
    queue.run(second, 0);
    runMigrations(db);
    expect(db.prepare('SELECT kind, message_id, attempts FROM outbox ORDER BY id').all()).toEqual([
      { kind: 'message:send', message_id: pending, attempts: 2 },
      { kind: 'message:send', message_id: second, attempts: 0 },
    ]);
    expect(db.prepare(`SELECT kinds, recalled, deleted, reactions FROM messages WHERE seq = 1`).get()).toEqual({
      kinds: ' text file ',
      recalled: 0,
      deleted: 0,
      reactions: '[]',
    });
    expect(db.prepare(`SELECT pinned, recv_opt, draft, cleared_seq, hidden FROM conversations`).get()).toEqual({
      pinned: 0,
      recv_opt: 'AcceptAndNotify',
      draft: null,
      cleared_seq: 0,
      hidden: 0,
    });
    // One send per message; any number of other operations.
    const op = db.prepare(`INSERT INTO outbox (kind, message_id, conversation_id, payload, created_at) VALUES (?, ?, 'c2c_bob', '{}', 1)`);
    expect(() => op.run('message:edit', pending)).not.toThrow();
    expect(() => op.run('message:react', pending)).not.toThrow();
    expect(() =>
      db.prepare(`INSERT INTO outbox (kind, message_id, conversation_id, payload, created_at) VALUES ('message:send', ?, 'c2c_bob', '{}', 1)`).run(pending),
    ).toThrow(/UNIQUE/);
  });
});

describe('migration 0007 (outbox sends tried)', () => {
  it('keeps every queued operation; sends that already failed attempts count as tried (the server may hold them)', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 6 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES (?, 'c2c_bob', NULL, 'me', '[]', '', 1, 'pending', 1)`,
    );
    const tried = Number(insert.run('mine-tried').lastInsertRowid);
    const fresh = Number(insert.run('mine-fresh').lastInsertRowid);
    const queue = db.prepare(`INSERT INTO outbox (kind, message_id, conversation_id, payload, created_at, attempts) VALUES (?, ?, 'c2c_bob', '{}', 1, ?)`);
    queue.run('message:send', tried, 3);
    queue.run('message:send', fresh, 0);
    queue.run('conversation:clear', null, 0);
    runMigrations(db);
    expect(db.prepare('SELECT kind, message_id, attempts, tried FROM outbox ORDER BY id').all()).toEqual([
      { kind: 'message:send', message_id: tried, attempts: 3, tried: 1 },
      { kind: 'message:send', message_id: fresh, attempts: 0, tried: 0 },
      { kind: 'conversation:clear', message_id: null, attempts: 0, tried: 0 },
    ]);
  });
});

describe('migration 0010 (group and topic conversations)', () => {
  /** A 0009 store with a c2c conversation holding a sent message (indexed for search), a pending one in the outbox, and settings. */
  function storeAt0009() {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 9 });
    db.prepare(
      `INSERT INTO conversations (id, peer, last_seq, synced_seq, read_seq, last_activity_at, created_at, pinned, recv_opt, draft, cleared_seq)
       VALUES ('c2c_bob', 'bob', 7, 7, 5, 42, 1, 1, 'AcceptNotNotify', 'half a thought', 2)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO messages (client_msg_id, conversation_id, seq, sender, body, text, time, status, created_at)
       VALUES (?, 'c2c_bob', ?, ?, '[]', ?, 1, ?, 1)`,
    );
    const sent = Number(insert.run('from-bob-0001', 7, 'bob', 'an invoice for March', 'sent').lastInsertRowid);
    db.prepare(`INSERT INTO messages_fts (rowid, text) VALUES (?, 'an invoice for March')`).run(sent);
    const pending = Number(insert.run('mine-pending', null, 'me', 'later', 'pending').lastInsertRowid);
    db.prepare(`INSERT INTO messages_fts (rowid, text) VALUES (?, 'later')`).run(pending);
    db.prepare(`INSERT INTO outbox (kind, message_id, conversation_id, payload, created_at) VALUES ('message:send', ?, 'c2c_bob', '{}', 1)`).run(
      pending,
    );
    return { db, sent, pending };
  }

  it('keeps c2c conversations (same ids, every column) with their messages, outbox and search index', () => {
    const { db, sent, pending } = storeAt0009();
    runMigrations(db, { upTo: 10 });
    expect(schemaVersion(db)).toBe(10);
    expect(
      db
        .prepare(
          `SELECT id, kind, peer, group_id, topic_id, group_type, left, mention_hints, last_seq, synced_seq, read_seq,
                  last_activity_at, pinned, recv_opt, draft, cleared_seq FROM conversations`,
        )
        .all(),
    ).toEqual([
      {
        id: 'c2c_bob',
        kind: 'c2c',
        peer: 'bob',
        group_id: null,
        topic_id: null,
        group_type: null,
        left: 0,
        mention_hints: '[]',
        last_seq: 7,
        synced_seq: 7,
        read_seq: 5,
        last_activity_at: 42,
        pinned: 1,
        recv_opt: 'AcceptNotNotify',
        draft: 'half a thought',
        cleared_seq: 2,
      },
    ]);
    expect(db.prepare('SELECT id, at_info, at_me, needs_receipt, receipt, is_tip FROM messages ORDER BY id').all()).toEqual([
      { id: sent, at_info: null, at_me: 0, needs_receipt: 0, receipt: null, is_tip: 0 },
      { id: pending, at_info: null, at_me: 0, needs_receipt: 0, receipt: null, is_tip: 0 },
    ]);
    expect(db.prepare('SELECT message_id FROM outbox').all()).toEqual([{ message_id: pending }]);
    expect(db.prepare(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH '"invoice"'`).all()).toEqual([{ rowid: sent }]);
    // The messages still belong to their conversation: deleting it cascades.
    db.prepare(`DELETE FROM conversations WHERE id = 'c2c_bob'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('stores group and topic rows beside c2c ones and refuses a row that mixes the kinds', () => {
    const { db } = storeAt0009();
    runMigrations(db);
    const group = db.prepare(
      `INSERT INTO conversations (id, kind, peer, group_id, topic_id, group_type, last_activity_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1)`,
    );
    group.run('group_a_b %', 'group', null, 'a_b %', null, 'Work');
    group.run('group_@TGS#_c@TOPIC#_t', 'group', null, '@TGS#_c', '@TGS#_c@TOPIC#_t', 'Community');
    expect(() => group.run('group_x', 'group', 'bob', 'x', null, 'Work')).toThrow(/CHECK/);
    expect(() => group.run('group_y', 'group', null, null, null, 'Work')).toThrow(/CHECK/);
    expect(() => group.run('c2c_carol', 'c2c', 'carol', 'x', null, null)).toThrow(/CHECK/);
    expect(() => group.run('c2c_dave', 'c2c', null, null, null, null)).toThrow(/CHECK/);
    expect(db.prepare(`SELECT id FROM conversations WHERE group_id = '@TGS#_c'`).all()).toEqual([{ id: 'group_@TGS#_c@TOPIC#_t' }]);
  });
});

describe('migration 0011 (names of group conversations kept after leaving)', () => {
  it('adds an empty group_view to every conversation row, c2c and group alike', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 10 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    db.prepare(
      `INSERT INTO conversations (id, kind, group_id, group_type, last_activity_at, created_at) VALUES ('group_g 1', 'group', 'g 1', 'Work', 1, 1)`,
    ).run();
    runMigrations(db, { upTo: 11 });
    expect(db.prepare('SELECT id, group_view FROM conversations ORDER BY id').all()).toEqual([
      { id: 'c2c_bob', group_view: null },
      { id: 'group_g 1', group_view: null },
    ]);
  });
});

describe('migration 0012 (the call joined on this device)', () => {
  it('adds an empty calls_here table keyed by call, keeping what was there', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 11 });
    db.prepare(`INSERT INTO conversations (id, peer, last_activity_at, created_at) VALUES ('c2c_bob', 'bob', 1, 1)`).run();
    runMigrations(db, { upTo: 12 });
    expect(db.prepare('SELECT * FROM calls_here').all()).toEqual([]);
    expect(db.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'c2c_bob' }]);
    const insert = db.prepare(`INSERT INTO calls_here (call_id, device_id, joined_at) VALUES (?, ?, ?)`);
    insert.run('call_abcdefgh', 'dev1', 5);
    expect(() => insert.run('call_abcdefgh', 'dev2', 6)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('call_x', null, 6)).toThrow(/NOT NULL/);
  });
});
