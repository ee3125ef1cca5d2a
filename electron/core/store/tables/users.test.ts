import { describe, expect, it } from 'vitest';
import { memoryStore } from '../testing';
import { ensureUser, getUser, upsertUser } from './users';

describe('users table', () => {
  it('keeps the latest nickname and never overwrites it with a bare ID', () => {
    const db = memoryStore();
    ensureUser(db, 'bob', 1);
    expect(getUser(db, 'bob')).toEqual({ userId: 'bob', nickname: 'bob' });
    upsertUser(db, { userId: 'bob', nickname: 'Bob B.' }, 2);
    ensureUser(db, 'bob', 3);
    expect(getUser(db, 'bob')).toEqual({ userId: 'bob', nickname: 'Bob B.' });
    expect(getUser(db, 'nobody')).toBeUndefined();
  });
});
