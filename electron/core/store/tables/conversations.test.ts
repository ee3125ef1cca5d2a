import { describe, expect, it } from 'vitest';
import { memoryStore, seedConversation, testMessage } from '../testing';
import {
  ensureConversation,
  getConversation,
  listConversations,
  noteActivity,
  raisePeerReadSeq,
  raiseReadSeq,
  setFirstSeq,
  setUnreadHint,
  unreadCount,
} from './conversations';
import { insertMessage } from './messages';

describe('conversations table', () => {
  it('creates a conversation once', () => {
    const db = memoryStore();
    expect(ensureConversation(db, 'c2c_bob', 'bob', 5)).toBe(true);
    expect(ensureConversation(db, 'c2c_bob', 'bob', 9)).toBe(false);
    expect(getConversation(db, 'c2c_bob')).toMatchObject({ peer: 'bob', lastSeq: 0, readSeq: 0, lastActivityAt: 5, firstSeq: 1 });
  });

  it('lists conversations by latest activity first', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_a', 'a', 1);
    ensureConversation(db, 'c2c_b', 'b', 2);
    ensureConversation(db, 'c2c_c', 'c', 3);
    noteActivity(db, 'c2c_a', 4, 10);
    expect(listConversations(db).map((c) => c.id)).toEqual(['c2c_a', 'c2c_c', 'c2c_b']);
    noteActivity(db, 'c2c_a', 2, 5);
    expect(getConversation(db, 'c2c_a')).toMatchObject({ lastSeq: 4, lastActivityAt: 10 });
  });

  it('never lowers read positions', () => {
    const db = memoryStore();
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    expect(raiseReadSeq(db, 'c2c_bob', 5)).toBe(true);
    expect(raiseReadSeq(db, 'c2c_bob', 3)).toBe(false);
    expect(raisePeerReadSeq(db, 'c2c_bob', 4)).toBe(0);
    expect(raisePeerReadSeq(db, 'c2c_bob', 2)).toBeNull();
    expect(getConversation(db, 'c2c_bob')).toMatchObject({ readSeq: 5, peerReadSeq: 4 });
  });

  it('counts unread as peer messages above read_seq', () => {
    const db = memoryStore();
    // odd seqs come from bob, even from me (see seedConversation)
    seedConversation(db, 'c2c_bob', 'bob', [1, 2, 3, 4, 5, 6, 7]);
    const at = (readSeq: number) => unreadCount(db, { ...getConversation(db, 'c2c_bob')!, readSeq });
    expect(at(0)).toBe(4);
    expect(at(4)).toBe(2);
    expect(at(7)).toBe(0);
  });

  it('adds the server hint for history this device has not stored', () => {
    const db = memoryStore();
    seedConversation(db, 'c2c_bob', 'bob', [101, 102, 103]);
    // the server said 40 unread as of seq 102; seq 103 (bob) arrived after that
    setUnreadHint(db, 'c2c_bob', 40, 102);
    const conversation = getConversation(db, 'c2c_bob')!;
    expect(unreadCount(db, conversation)).toBe(41);
    expect(unreadCount(db, { ...conversation, readSeq: 102 })).toBe(1);
  });

  it('M6 caps a stale hint after a partial read, and drops it once the store covers the range', () => {
    const db = memoryStore();
    // This device holds 91..100 (all from bob); the server said 100 unread as of seq 100.
    ensureConversation(db, 'c2c_bob', 'bob', 1);
    for (let seq = 91; seq <= 100; seq += 1) insertMessage(db, testMessage({ conversationId: 'c2c_bob', seq, sender: 'bob' }));
    setUnreadHint(db, 'c2c_bob', 100, 100);
    const at = (readSeq: number) => unreadCount(db, { ...getConversation(db, 'c2c_bob')!, readSeq });
    expect(at(0)).toBe(100);
    // Read up to 95 elsewhere: every seq above it is here, so the local count is exact.
    expect(at(95)).toBe(5);
    // Read up to 50: seqs 51..90 are unknown here (at most 40 more), 91..100 are bob's.
    expect(at(50)).toBe(50);
    // History starts at 81 on the server: nothing below is missing.
    setFirstSeq(db, 'c2c_bob', 81);
    expect(at(50)).toBe(20);
  });
});
