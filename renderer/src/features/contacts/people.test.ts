import { describe, expect, it } from 'vitest';
import { contact } from '../../testing/fixtures';
import { matchesQuery, sectionsOf } from './ContactList';
import { avatarSrc, personName } from './people';

describe('people on the contacts screen', () => {
  it('R4 is called by my remark, else the nickname, else the UserID', () => {
    expect(personName({ userId: 'bob', nick: 'Bob' }, 'Bobby (work)')).toBe('Bobby (work)');
    expect(personName({ userId: 'bob', nick: ' ' })).toBe('bob');
  });

  it('searches remark, nickname and UserID, ignoring case and accents', () => {
    const zoe = contact('zoe42', { remark: 'Zoë from Paris' });
    expect(matchesQuery(zoe, 'zoe f')).toBe(true);
    expect(matchesQuery(zoe, 'ZOE42')).toBe(true);
    expect(matchesQuery(zoe, 'berlin')).toBe(false);
  });

  it('R4 groups by list (a friend in two lists shows in both), then those in no list', () => {
    const people = [contact('ann'), contact('bob'), contact('cy')];
    const sections = sectionsOf(people, [{ name: 'Work', members: ['bob', 'ann'] }, { name: 'Family', members: ['bob'] }, { name: 'Empty', members: [] }], 'list', 'Not in a list');
    expect(sections.map((s) => [s.title, s.contacts.map((c) => c.userId)])).toEqual([
      ['Family', ['bob']],
      ['Work', ['ann', 'bob']],
      ['Not in a list', ['cy']],
    ]);
  });

  it('P1 loads an avatar only through the core’s media route, never from a third party', () => {
    const hash = 'ab'.repeat(32);
    expect(avatarSrc('/media/t/', `http://server/api/v1/blobs/${hash}`)).toBe(`/media/t/${hash}`);
    expect(avatarSrc('/media/t/', 'https://tracker.example/pixel.png')).toBeNull();
    expect(avatarSrc(null, `http://server/api/v1/blobs/${hash}`)).toBeNull();
  });
});
