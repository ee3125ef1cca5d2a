import { describe, expect, it } from 'vitest';
import type { Friend } from '../../../../shared/domain';
import { profile } from '../../testing/fakeContacts';
import { runMigrations, schemaVersion } from '../migrations';
import { openDatabase } from '../database';
import { memoryStore } from '../testing';
import {
  deleteFriendRequest,
  dropFromLists,
  listFriendLists,
  listFriends,
  markRequestsSeen,
  putFriendRequest,
  replaceFriendLists,
  replaceFriends,
  syncMembership,
  unreadRequestCount,
} from './contacts';
import { getUser } from './users';

function friend(userId: string, groups: string[] = []): Friend {
  return { userId, remark: '', groups, addSource: 'AddSource_Type_Search', addWording: '', addTime: 1, custom: {}, profile: profile(userId, 'friend', userId.toUpperCase()) };
}

describe('contacts tables (0008)', () => {
  it('migration 0008 applies on a 0007 database and keeps its rows', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 7 });
    db.prepare(`INSERT INTO users (user_id, nickname, updated_at) VALUES ('bob', 'Bob', 1)`).run();
    runMigrations(db, { upTo: 8 });
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT count(*) AS n FROM friends').get()).toEqual({ n: 0 });
    expect(getUser(db, 'bob')).toEqual({ userId: 'bob', nickname: 'Bob' });
    db.close();
  });

  it('R3 R4 a full replace reports who changed and who left, and profiles rename users', () => {
    const db = memoryStore();
    expect(replaceFriends(db, [friend('bob'), friend('carol')], 1)).toEqual({ changed: ['bob', 'carol'], removed: [] });
    expect(replaceFriends(db, [friend('bob'), friend('carol')], 2)).toEqual({ changed: [], removed: [] });
    expect(replaceFriends(db, [{ ...friend('bob'), remark: 'B' }], 3)).toEqual({ changed: ['bob'], removed: ['carol'] });
    expect(listFriends(db).map((f) => [f.userId, f.remark, f.profile.nick])).toEqual([['bob', 'B', 'BOB']]);
    expect(getUser(db, 'bob')?.nickname).toBe('BOB');
  });

  it('R4 lists and each friend\'s groups follow each other', () => {
    const db = memoryStore();
    replaceFriends(db, [friend('bob'), friend('carol')], 1);
    expect(replaceFriendLists(db, [{ name: 'Work', members: ['bob', 'carol'] }, { name: 'Family', members: ['carol'] }])).toEqual({
      listsChanged: true,
      friends: ['bob', 'carol'],
    });
    expect(listFriends(db).map((f) => f.groups)).toEqual([['Work'], ['Work', 'Family']]);
    expect(syncMembership(db, 'bob', ['Family', 'Gym'])).toBe(true);
    expect(listFriendLists(db)).toEqual([
      { name: 'Work', members: ['carol'] },
      { name: 'Family', members: ['carol', 'bob'] },
      { name: 'Gym', members: ['bob'] },
    ]);
    expect(dropFromLists(db, ['carol'])).toBe(true);
    expect(listFriendLists(db).map((l) => l.members)).toEqual([[], ['bob'], ['bob']]);
  });

  it('R2 the inbox badge counts incoming requests newer than the last look', () => {
    const db = memoryStore();
    const request = (userId: string, direction: 'incoming' | 'outgoing', time: number) => ({
      userId,
      direction,
      addSource: 'AddSource_Type_Search',
      addWording: '',
      time,
      profile: profile(userId, 'stranger', userId),
    });
    putFriendRequest(db, request('bob', 'incoming', 10), 1);
    putFriendRequest(db, request('carol', 'outgoing', 11), 1);
    expect(unreadRequestCount(db)).toBe(1);
    markRequestsSeen(db);
    expect(unreadRequestCount(db)).toBe(0);
    putFriendRequest(db, request('dave', 'incoming', 12), 1);
    expect(unreadRequestCount(db)).toBe(1);
    expect(deleteFriendRequest(db, 'dave', null)).toBe(true);
    expect(unreadRequestCount(db)).toBe(0);
  });
});
