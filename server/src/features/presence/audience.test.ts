import { describe, expect, it } from 'vitest';
import { type FriendEdges, friendAudience, unionAudience } from './audience';

/** `owner` → their friend list. */
function edges(lists: Record<string, string[]>): FriendEdges {
  return {
    ownersOf: async (friend, owners) =>
      Object.entries(lists)
        .filter(([owner, friends]) => friends.includes(friend) && (!owners || owners.includes(owner)))
        .map(([owner]) => owner),
    friendsOf: async (owner) => (lists[owner] ?? []).map((friend) => ({ friend })),
  };
}

describe('A4 presence audience', () => {
  it('A4 friends subscribe by default: whoever has me in their list hears my presence; I see those in my list (one-way friends included)', async () => {
    // ann and bob are two-way friends; cat has ann one-way (ann does not have cat).
    const audience = friendAudience(edges({ ann: ['bob'], bob: ['ann'], cat: ['ann'] }));
    expect((await audience.watchersOf('ann')).sort()).toEqual(['bob', 'cat']);
    expect(await audience.watchersOf('cat')).toEqual([]);
    expect(await audience.visibleTo('cat', ['ann', 'bob', 'ghost'])).toEqual(['ann']);
    expect(await audience.visibleTo('ann', ['cat', 'bob'])).toEqual(['bob']);
    expect(await audience.visibleTo('ann', [])).toEqual([]);
  });

  it('A4 the union keeps conversation partners as well as friends, without duplicates', async () => {
    const friends = friendAudience(edges({ ann: ['bob'], bob: ['ann'] }));
    const partners = { watchersOf: async () => ['bob', 'dan'], visibleTo: async (_viewer: string, c: readonly string[]) => c.filter((id) => id === 'dan') };
    const audience = unionAudience(partners, friends);
    expect((await audience.watchersOf('ann')).sort()).toEqual(['bob', 'dan']);
    expect((await audience.visibleTo('ann', ['bob', 'dan', 'eve'])).sort()).toEqual(['bob', 'dan']);
  });
});
