import { describe, expect, it } from 'vitest';
import { memoryStore, seedConversation, testMessage } from '../testing';
import { ensureConversation } from './conversations';
import {
  ackedBefore,
  contiguousSeqFrom,
  getMessage,
  insertMessage,
  lastMessage,
  markMessageFailed,
  markMessagePending,
  markMessageSent,
  ownMessagesInSeqRange,
  unackedBefore,
} from './messages';

const conv = 'c2c_bob';

describe('messages table', () => {
  it('M3 stores a client message ID once per sender and a conversation seq once', () => {
    const db = memoryStore();
    ensureConversation(db, conv, 'bob', 1);
    ensureConversation(db, 'c2c_carol', 'carol', 1);
    const first = testMessage({ conversationId: conv, seq: 1 });
    expect(insertMessage(db, first)).toEqual(expect.any(Number));
    expect(insertMessage(db, { ...first, seq: 2 })).toBeNull();
    expect(insertMessage(db, testMessage({ conversationId: conv, seq: 1 }))).toBeNull();
    // Another sender may pick the same client message ID: it is another message.
    const carols = { ...first, conversationId: 'c2c_carol', sender: 'carol' };
    expect(insertMessage(db, carols)).toEqual(expect.any(Number));
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    expect(getMessage(db, 'bob', first.clientMsgId)?.conversationId).toBe(conv);
    expect(getMessage(db, 'carol', first.clientMsgId)?.conversationId).toBe('c2c_carol');
    expect(getMessage(db, 'dave', first.clientMsgId)).toBeUndefined();
  });

  it('round-trips a message with its body', () => {
    const db = memoryStore();
    ensureConversation(db, conv, 'bob', 1);
    const m = testMessage({ conversationId: conv, seq: 7, text: '你好' });
    insertMessage(db, m);
    expect(getMessage(db, m.sender, m.clientMsgId)).toMatchObject({ clientMsgId: m.clientMsgId, seq: 7, body: m.body, text: '你好', status: 'sent' });
  });

  it('pages acknowledged messages by seq, newest first, before a cursor', () => {
    const db = memoryStore();
    seedConversation(db, conv, 'bob', [1, 2, 3, 4, 5, 6]);
    expect(ackedBefore(db, conv, null, 3).map((m) => m.seq)).toEqual([6, 5, 4]);
    expect(ackedBefore(db, conv, 4, 10).map((m) => m.seq)).toEqual([3, 2, 1]);
    expect(ackedBefore(db, 'c2c_other', null, 10)).toEqual([]);
  });

  it('pages unacknowledged messages in creation order with a tie-break on insertion', () => {
    const db = memoryStore();
    ensureConversation(db, conv, 'bob', 1);
    const a = testMessage({ conversationId: conv, status: 'pending', createdAt: 50 });
    const b = testMessage({ conversationId: conv, status: 'pending', createdAt: 50 });
    const c = testMessage({ conversationId: conv, status: 'failed', createdAt: 60 });
    [a, b, c].forEach((m) => insertMessage(db, m));
    expect(unackedBefore(db, conv, null, 10).map((m) => m.clientMsgId)).toEqual([c.clientMsgId, b.clientMsgId, a.clientMsgId]);
    const bRow = getMessage(db, b.sender, b.clientMsgId)!;
    expect(unackedBefore(db, conv, bRow, 10).map((m) => m.clientMsgId)).toEqual([a.clientMsgId]);
  });

  it('shows the newest unacknowledged message as the last one, else the highest seq', () => {
    const db = memoryStore();
    seedConversation(db, conv, 'bob', [1, 2]);
    expect(lastMessage(db, conv)?.seq).toBe(2);
    const pending = testMessage({ conversationId: conv, status: 'pending' });
    insertMessage(db, pending);
    expect(lastMessage(db, conv)?.clientMsgId).toBe(pending.clientMsgId);
  });

  it('moves a message through pending → sent, and failed → pending for a retry', () => {
    const db = memoryStore();
    ensureConversation(db, conv, 'bob', 1);
    const m = testMessage({ conversationId: conv, status: 'pending', createdAt: 10 });
    const rowId = insertMessage(db, m)!;
    const read = () => getMessage(db, m.sender, m.clientMsgId);
    markMessageFailed(db, rowId, { code: 'user_not_found', message: 'No user zed.' });
    expect(read()).toMatchObject({ status: 'failed', error: { code: 'user_not_found', message: 'No user zed.' }, seq: null });
    markMessagePending(db, rowId, 99);
    expect(read()).toMatchObject({ status: 'pending', error: null, createdAt: 99 });
    markMessageSent(db, rowId, { seq: 1, time: 123, msgKey: 'k' });
    expect(read()).toMatchObject({ status: 'sent', seq: 1, time: 123, msgKey: 'k' });
    markMessageFailed(db, rowId, { code: 'internal', message: 'late' });
    expect(read()?.status).toBe('sent');
  });

  it('reads a failure reason stored as text by an older version as a code', () => {
    const db = memoryStore();
    ensureConversation(db, conv, 'bob', 1);
    const known = testMessage({ conversationId: conv, status: 'failed' });
    const unknown = testMessage({ conversationId: conv, status: 'failed' });
    insertMessage(db, known);
    insertMessage(db, unknown);
    const setText = db.prepare('UPDATE messages SET error = ? WHERE client_msg_id = ?');
    setText.run('That user does not exist.', known.clientMsgId);
    setText.run('Something odd happened.', unknown.clientMsgId);
    expect(getMessage(db, 'bob', known.clientMsgId)?.error).toEqual({ code: 'user_not_found', message: 'That user does not exist.' });
    expect(getMessage(db, 'bob', unknown.clientMsgId)?.error).toEqual({ code: 'internal', message: 'Something odd happened.' });
  });

  it('finds how far seqs run without a hole', () => {
    const db = memoryStore();
    seedConversation(db, conv, 'bob', [1, 2, 3, 5, 6]);
    expect(contiguousSeqFrom(db, conv, 0)).toBe(3);
    expect(contiguousSeqFrom(db, conv, 3)).toBe(3);
    expect(contiguousSeqFrom(db, conv, 4)).toBe(6);
    expect(contiguousSeqFrom(db, conv, 6)).toBe(6);
  });

  it('M6 lists own messages a read receipt newly covers', () => {
    const db = memoryStore();
    seedConversation(db, conv, 'bob', [1, 2, 3, 4, 5, 6]);
    expect(ownMessagesInSeqRange(db, conv, 'me', 2, 5).map((m) => m.seq)).toEqual([4]);
    expect(ownMessagesInSeqRange(db, conv, 'me', 0, 6).map((m) => m.seq)).toEqual([2, 4, 6]);
  });
});
