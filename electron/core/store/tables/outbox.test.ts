import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transaction } from '../database';
import { openStore } from '../openStore';
import { memoryStore, testMessage } from '../testing';
import { ensureConversation } from './conversations';
import { insertMessage } from './messages';
import { countOutbox, deleteOutboxEntry, insertOutboxEntry, nextOutboxEntry, noteOutboxAttempt } from './outbox';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function queue(db: ReturnType<typeof memoryStore>, text: string) {
  const m = testMessage({ conversationId: 'c2c_bob', status: 'pending', sender: 'me', text });
  transaction(db, () => {
    insertMessage(db, m);
    insertOutboxEntry(db, { clientMsgId: m.clientMsgId, conversationId: m.conversationId, payload: { clientMsgId: m.clientMsgId, to: 'bob', body: m.body }, createdAt: m.createdAt });
  });
  return m;
}

describe('outbox table', () => {
  it('M4 hands entries out in the order they were written', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const [a, b] = [queue(db, 'one'), queue(db, 'two')];
    expect(nextOutboxEntry(db)?.clientMsgId).toBe(a.clientMsgId);
    noteOutboxAttempt(db, a.clientMsgId);
    expect(nextOutboxEntry(db)).toMatchObject({ clientMsgId: a.clientMsgId, attempts: 1, payload: { to: 'bob', body: a.body } });
    deleteOutboxEntry(db, a.clientMsgId);
    expect(nextOutboxEntry(db)?.clientMsgId).toBe(b.clientMsgId);
  });

  it('M4 survives closing and reopening the database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'core-outbox-'));
    dirs.push(dir);
    const path = join(dir, 'chat.sqlite');
    let db = openStore(path);
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const sent = [queue(db, 'one'), queue(db, 'two'), queue(db, 'three')];
    db.close();
    db = openStore(path);
    expect(countOutbox(db)).toBe(3);
    const order: string[] = [];
    for (let entry = nextOutboxEntry(db); entry; entry = nextOutboxEntry(db)) {
      order.push(entry.clientMsgId);
      deleteOutboxEntry(db, entry.clientMsgId);
    }
    expect(order).toEqual(sent.map((m) => m.clientMsgId));
    db.close();
  });

  it('drops the entry with its message', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const m = queue(db, 'x');
    db.prepare('DELETE FROM messages WHERE client_msg_id = ?').run(m.clientMsgId);
    expect(countOutbox(db)).toBe(0);
  });
});
