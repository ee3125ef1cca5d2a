import { describe, expect, it } from 'vitest';
import { GroupId, TopicId, communityOfTopic, splitTopicId } from './groupIds';
import { GroupAt, MAX_AT_USERS, customGroupIdProblem } from './groups';
import { mentionsUser } from './groupMessages';

describe('group and topic IDs (G2, G7, ADR 0004 §1)', () => {
  it('G2 no custom group ID of any type may contain "@TOPIC#" (topic conversations must be unambiguous)', () => {
    expect(customGroupIdProblem('team@TOPIC#_x', 'Public')).toBe('reserved_prefix');
    expect(customGroupIdProblem('a@TOPIC#', 'Work')).toBe('reserved_prefix');
    expect(customGroupIdProblem('@TGS#_fans@TOPIC#_news', 'Community')).toBe('reserved_prefix');
    // Neighbours stay allowed.
    expect(customGroupIdProblem('team @TOPIC x', 'Public')).toBeNull();
    expect(customGroupIdProblem('@TGS#_fans #topic', 'Community')).toBeNull();
  });

  it('GroupId keeps spaces, "#", "@" and refuses "@TOPIC#", 49 B and control characters', () => {
    for (const id of ['a b', '#1', '@x', ' ', 'x'.repeat(48)]) expect(GroupId.safeParse(id).success).toBe(true);
    for (const id of ['', 'x'.repeat(49), 'a@TOPIC#b', 'a\tb', 'é']) expect(GroupId.safeParse(id).success).toBe(false);
  });

  it('G7 TopicId is <community>@TOPIC#_<part>: the first marker ends the community', () => {
    expect(splitTopicId('@TGS#_c@TOPIC#_a@TOPIC#_b')).toEqual({ communityId: '@TGS#_c', part: 'a@TOPIC#_b' });
    expect(communityOfTopic('@TGS#_c@TOPIC#_a')).toBe('@TGS#_c');
    for (const id of ['@TGS#_c@TOPIC#_', 'plain@TOPIC#_a', '@TGS#_c', '@TGS#_c@TOPIC#a']) {
      expect(TopicId.safeParse(id).success).toBe(false);
      expect(communityOfTopic(id)).toBeNull();
    }
  });
});

describe('GroupAt (M8)', () => {
  it('M8 holds @All and at most 100 user IDs, strictly', () => {
    expect(GroupAt.safeParse({ all: true, userIds: [] }).success).toBe(true);
    expect(GroupAt.safeParse({ all: false, userIds: Array.from({ length: MAX_AT_USERS }, (_, i) => `u${i}`) }).success).toBe(true);
    expect(GroupAt.safeParse({ all: false, userIds: Array.from({ length: MAX_AT_USERS + 1 }, (_, i) => `u${i}`) }).success).toBe(false);
    expect(GroupAt.safeParse({ all: false, userIds: ['has space'] }).success).toBe(false);
    expect(GroupAt.safeParse({ all: false, userIds: [], extra: 1 }).success).toBe(false);
  });

  it('M8 a message mentions me by ID or @All, never when I sent it', () => {
    expect(mentionsUser({ all: false, userIds: ['me'] }, 'bob', 'me')).toBe(true);
    expect(mentionsUser({ all: true, userIds: [] }, 'bob', 'me')).toBe(true);
    expect(mentionsUser({ all: true, userIds: ['me'] }, 'me', 'me')).toBe(false);
    expect(mentionsUser({ all: false, userIds: ['ann'] }, 'bob', 'me')).toBe(false);
    expect(mentionsUser(null, 'bob', 'me')).toBe(false);
  });
});
