import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../migrations';
import { openDatabase } from '../database';
import { memoryStore } from '../testing';
import { FakeGroups } from '../../testing/fakeGroups';
import { FakeServer } from '../../testing/fakeServer';
import { deleteGroup, listGroups, listTopics, memberPage, putTopic, replaceGroups, replaceMembers, upsertMembers } from './groups';

const fake = () => new FakeGroups(new FakeServer('me', ['bob', 'carol']));

describe('group cache tables (migration 0009)', () => {
  it('0009 applies on a 0008 database and keeps its rows', () => {
    const db = openDatabase(':memory:');
    runMigrations(db, { upTo: 8 });
    db.prepare(`INSERT INTO friends (user_id) VALUES ('bob')`).run();
    runMigrations(db, { upTo: 9 });
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT count(*) AS n FROM friends').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM groups').get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps IDs exactly (spaces, %, _, #) and drops members and topics with their group', () => {
    const db = memoryStore();
    const f = fake();
    const a = f.group('@TGS#_a%b c', 'Community', 'A');
    const b = f.group('a_b', 'Public', 'B');
    const look = f.group('a%b', 'Public', 'Look-alike');
    expect(replaceGroups(db, [...f.joined.values()])).toEqual({ changed: [a.groupId, b.groupId, look.groupId], removed: [] });
    putTopic(db, f.topic(a.groupId, 'x', 'X'));
    replaceMembers(db, a.groupId, [f.member('me', 'Owner'), f.member('bob')]);
    replaceMembers(db, b.groupId, [f.member('carol')]);
    // Nothing changed: nothing reported.
    expect(replaceGroups(db, [...f.joined.values()])).toEqual({ changed: [], removed: [] });
    deleteGroup(db, a.groupId);
    expect(listTopics(db, a.groupId)).toEqual([]);
    expect(memberPage(db, a.groupId, 0, 10, undefined).total).toBe(0);
    expect(memberPage(db, b.groupId, 0, 10, undefined).members.map((m) => m.userId)).toEqual(['carol']);
    expect(listGroups(db).map((g) => g.group.groupId)).toEqual(['a_b', 'a%b']);
  });

  it('stores member pushes only for groups whose member list was fetched', () => {
    const db = memoryStore();
    const f = fake();
    f.group('g', 'Public', 'G');
    replaceGroups(db, [...f.joined.values()]);
    expect(upsertMembers(db, 'g', [f.member('bob')])).toEqual([]);
    replaceMembers(db, 'g', [f.member('me', 'Owner')]);
    expect(upsertMembers(db, 'g', [f.member('bob')]).map((m) => m.userId)).toEqual(['bob']);
    expect(memberPage(db, 'g', 0, 10, ['Member']).members.map((m) => m.userId)).toEqual(['bob']);
  });
});
