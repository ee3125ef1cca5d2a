import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transaction } from '../database';
import { openStore } from '../openStore';
import { memoryStore, testMessage } from '../testing';
import { ensureConversation } from './conversations';
import { insertMessage } from './messages';
import {
  countOutbox,
  deleteOutboxEntry,
  deleteOutboxOp,
  insertOutboxEntry,
  insertOutboxOp,
  makeOutboxDue,
  noteOutboxFailure,
  outboxHead,
  outboxHeads,
  type OutboxPayload,
} from './outbox';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function queue(db: ReturnType<typeof memoryStore>, text: string, conversationId = 'c2c_bob') {
  const m = testMessage({ conversationId, status: 'pending', sender: 'me', text });
  const rowId = transaction(db, () => {
    const inserted = insertMessage(db, m);
    if (inserted === null) throw new Error('not inserted');
    insertOutboxEntry(db, { messageRowId: inserted, conversationId: m.conversationId, payload: { clientMsgId: m.clientMsgId, to: conversationId.slice(4), body: m.body }, createdAt: m.createdAt });
    return inserted;
  });
  return { ...m, rowId };
}

describe('outbox table', () => {
  it('M4 hands out the oldest entry of each conversation, in the order written', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    ensureConversation(db, 'c2c_carol', 'carol', 1);
    const [a, b, c] = [queue(db, 'one'), queue(db, 'to carol', 'c2c_carol'), queue(db, 'two')];
    expect(outboxHeads(db).map((e) => e.messageRowId)).toEqual([a.rowId, b.rowId]);
    expect(outboxHeads(db)[0]).toMatchObject({ attempts: 0, nextAttemptAt: 0, payload: { clientMsgId: a.clientMsgId, to: 'bob', body: a.body } });
    noteOutboxFailure(db, outboxHeads(db)[0]?.id ?? -1, 5_000);
    expect(outboxHeads(db)[0]).toMatchObject({ messageRowId: a.rowId, attempts: 1, nextAttemptAt: 5_000 });
    makeOutboxDue(db);
    expect(outboxHeads(db)[0]).toMatchObject({ attempts: 1, nextAttemptAt: 0 });
    deleteOutboxEntry(db, a.rowId);
    expect(outboxHeads(db).map((e) => e.messageRowId)).toEqual([b.rowId, c.rowId]);
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
    for (let entry = outboxHeads(db)[0]; entry; entry = outboxHeads(db)[0]) {
      order.push((entry.payload as OutboxPayload).clientMsgId);
      deleteOutboxOp(db, entry.id);
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

  it('M5 queues changes behind the send of their conversation, in order, with what they replaced', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    const m = queue(db, 'typo');
    const undo = { body: m.body, text: 'typo', recalled: false, recalledText: null, editedAt: null, reactions: [], replyTo: null, cloudCustomData: '', deleted: false, modSeq: 0, movedTo: null };
    const editId = insertOutboxOp(db, { kind: 'message:edit', messageRowId: m.rowId, conversationId: 'c2c_bob', payload: { x: 1 }, undo, createdAt: 2 });
    insertOutboxOp(db, { kind: 'conversation:setSettings', messageRowId: null, conversationId: 'c2c_bob', payload: { y: 2 }, createdAt: 3 });
    expect(outboxHead(db, 'c2c_bob')).toMatchObject({ kind: 'message:send', messageRowId: m.rowId });
    deleteOutboxEntry(db, m.rowId);
    expect(outboxHead(db, 'c2c_bob')).toMatchObject({ id: editId, kind: 'message:edit', payload: { x: 1 }, undo });
    deleteOutboxOp(db, editId);
    expect(outboxHead(db, 'c2c_bob')).toMatchObject({ kind: 'conversation:setSettings', messageRowId: null });
  });
});
