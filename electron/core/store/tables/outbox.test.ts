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
  const rowId = transaction(db, () => {
    const inserted = insertMessage(db, m);
    if (inserted === null) throw new Error('not inserted');
    insertOutboxEntry(db, { messageRowId: inserted, conversationId: m.conversationId, payload: { clientMsgId: m.clientMsgId, to: 'bob', body: m.body }, createdAt: m.createdAt });
    return inserted;
  });
  return { ...m, rowId };
}

describe('outbox table', () => {
  it('M4 hands entries out in the order they were written', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const [a, b] = [queue(db, 'one'), queue(db, 'two')];
    expect(nextOutboxEntry(db)?.messageRowId).toBe(a.rowId);
    noteOutboxAttempt(db, a.rowId);
    expect(nextOutboxEntry(db)).toMatchObject({ messageRowId: a.rowId, attempts: 1, payload: { clientMsgId: a.clientMsgId, to: 'bob', body: a.body } });
    deleteOutboxEntry(db, a.rowId);
    expect(nextOutboxEntry(db)?.messageRowId).toBe(b.rowId);
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
      order.push(entry.payload.clientMsgId);
      deleteOutboxEntry(db, entry.messageRowId);
    }
    expect(order).toEqual(sent.map((m) => m.clientMsgId));
    db.close();
  });

  it('drops the entry with its message', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const m = queue(db, 'x');
    db.prepare('DELETE FROM messages WHERE id = ?').run(m.rowId);
    expect(countOutbox(db)).toBe(0);
  });
});
