import { describe, expect, it } from 'vitest';
import { memoryStore, seedConversation } from '../testing';
import {
  ensureConversation,
  getConversation,
  listConversations,
  noteActivity,
  raisePeerReadSeq,
  raiseReadSeq,
  setUnreadHint,
  unreadCount,
} from './conversations';

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
});
