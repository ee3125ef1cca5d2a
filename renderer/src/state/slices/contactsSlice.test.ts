import { describe, expect, it } from 'vitest';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { contact, friendRequest, profile } from '../../testing/fixtures';
import { createChatStore } from '../store';

function storeWith(api: FakeChatApi) {
  return createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
}

function signedIn(api: FakeChatApi) {
  return api
    .ok('conversations:list', [])
    .ok('contacts:list', { friends: [contact('bob')], lists: [{ name: 'Work', members: ['bob'] }] })
    .ok('friendRequests:list', { requests: [friendRequest('carol', 'incoming')], unreadCount: 1 })
    .ok('blocklist:list', { entries: [] })
    .ok('profile:get', profile('alice', { view: 'self' }))
    .ok('presence:getStatus', { customStatus: 'At lunch' });
}

const session = { state: 'signedIn', userId: 'alice', nickname: 'Alice', serverUrl: 'http://s', serverPolicy: { recallWindowSeconds: 120 } } as const;

describe('contacts slice', () => {
  it('R2 R4 A4 signing in loads friends, lists, the inbox with its badge, the blocklist, my profile and status', async () => {
    const api = signedIn(new FakeChatApi());
    const store = storeWith(api);
    store.getState().sessionChanged(session);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const s = store.getState();
    expect(s.contacts.map((c) => c.userId)).toEqual(['bob']);
    expect(s.friendLists).toEqual([{ name: 'Work', members: ['bob'] }]);
    expect(s.friendRequestsUnread).toBe(1);
    expect(s.myProfile?.userId).toBe('alice');
    expect(s.myCustomStatus).toBe('At lunch');
  });

  it('A4 R6 a pushed change updates the list and the open card; a removal leaves the card a stranger', async () => {
    const api = signedIn(new FakeChatApi()).respond('profiles:card', ({ userId }) => ({
      ok: true,
      value: { profile: profile(userId), friend: contact(userId), blocked: false, request: null, presence: 'online', customStatus: '' },
    }));
    const store = storeWith(api);
    store.getState().sessionChanged(session);
    store.getState().contactsPaneChosen({ kind: 'person', userId: 'bob' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().contactsChanged({ friends: [contact('bob', { presence: 'offline', customStatus: 'Away' })], removed: [], lists: null });
    expect(store.getState().contacts[0]?.presence).toBe('offline');
    expect(store.getState().cards.bob?.card?.presence).toBe('offline');
    expect(store.getState().cards.bob?.card?.customStatus).toBe('Away');
    store.getState().contactsChanged({ friends: [], removed: ['bob'], lists: [] });
    expect(store.getState().contacts).toEqual([]);
    expect(store.getState().cards.bob?.card?.friend).toBeNull();
  });

  it('R2 opening the inbox clears the badge; requests arriving while it is open are seen at once', async () => {
    const api = signedIn(new FakeChatApi()).ok('friendRequests:markRead', {});
    const store = storeWith(api);
    store.getState().sessionChanged(session);
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().contactsPaneChosen({ kind: 'requests' });
    expect(store.getState().friendRequestsUnread).toBe(0);
    store.getState().friendRequestsChanged({ requests: [friendRequest('carol', 'incoming'), friendRequest('dave', 'incoming')], unreadCount: 1 });
    expect(store.getState().friendRequestsUnread).toBe(0);
    expect(api.callsTo('friendRequests:markRead').length).toBe(2);
    store.getState().sectionChosen('chats');
    store.getState().friendRequestsChanged({ requests: [], unreadCount: 2 });
    expect(store.getState().friendRequestsUnread).toBe(2);
  });

  it('R2 adding a friend says whether they were added or asked; a refusal comes back with its code', async () => {
    const api = new FakeChatApi().respond('friends:add', ({ userId }) =>
      userId === 'dora' ? { ok: false, error: { code: 'friend_add_denied', message: 'no' } } : { ok: true, value: { outcome: userId === 'bob' ? 'added' : 'requested' } },
    );
    const store = storeWith(api);
    expect(await store.getState().friendAddRequested({ userId: 'bob', wording: 'Hi', remark: '', list: 'Work' })).toEqual({ ok: true, outcome: 'added' });
    expect(api.callsTo('friends:add')[0]).toEqual({ userId: 'bob', wording: 'Hi', list: 'Work' });
    expect(await store.getState().friendAddRequested({ userId: 'carol' })).toEqual({ ok: true, outcome: 'requested' });
    expect(await store.getState().friendAddRequested({ userId: 'dora' })).toEqual({ ok: false, error: { code: 'friend_add_denied', message: 'no' } });
  });

  it('R3 R5 a per-person refusal inside a batch answer is the outcome; blocking twice is not an error', async () => {
    const api = new FakeChatApi()
      .ok('friends:delete', { results: [{ userId: 'bob', error: { code: 'not_friends', message: 'x' } }] })
      .ok('blocklist:add', { results: [{ userId: 'bob', error: { code: 'already_blocked', message: 'x' } }] })
      .ok('profiles:card', null);
    const store = storeWith(api);
    expect(await store.getState().friendDeleteRequested('bob', 'both')).toEqual({ ok: false, error: { code: 'not_friends', message: 'x' } });
    expect(await store.getState().blockRequested('bob')).toEqual({ ok: true });
  });

  it('P1 a cropped avatar is staged in chunks, then set as my photo', async () => {
    const api = new FakeChatApi()
      .ok('files:stageBegin', { stageId: 's9' })
      .respond('files:stageChunk', (input) => ({ ok: true, value: { received: input.offset } }))
      .ok('profile:setAvatar', profile('alice', { view: 'self', image: 'http://s/api/v1/blobs/' + 'a'.repeat(64) }));
    const store = storeWith(api);
    expect(await store.getState().avatarSubmitted(new Blob([new Uint8Array(10)], { type: 'image/jpeg' }))).toEqual({ ok: true });
    expect(api.callsTo('files:stageBegin')).toEqual([{ name: 'avatar.jpg', size: 10, mime: 'image/jpeg' }]);
    expect(api.callsTo('profile:setAvatar')).toEqual([{ stageId: 's9' }]);
    expect(store.getState().myProfile?.image).toContain('blobs');
  });

  it('A5 signing another device out removes it from the list', async () => {
    const api = new FakeChatApi()
      .ok('devices:list', {
        devices: [
          { instanceId: 'me', platform: 'Web', connectedSince: 1, current: true },
          { instanceId: 'old', platform: 'Windows', connectedSince: 0, current: false },
        ],
      })
      .ok('devices:signOut', {});
    const store = storeWith(api);
    await store.getState().devicesRequested();
    expect(await store.getState().deviceSignOutRequested('old')).toEqual({ ok: true });
    expect(store.getState().devices.map((d) => d.instanceId)).toEqual(['me']);
  });

  it('R1 a search lists each person once and never me; their cards are ready to open', async () => {
    const card = (userId: string) => ({ profile: profile(userId), friend: null, blocked: false, request: null, presence: null, customStatus: '' });
    const api = signedIn(new FakeChatApi()).ok('users:search', { results: [card('bob'), card('alice'), card('bob'), card('bobo')] });
    const store = storeWith(api);
    store.getState().sessionChanged(session);
    const outcome = await store.getState().usersSearched('bo');
    expect(outcome.ok && outcome.results.map((c) => c.profile.userId)).toEqual(['bob', 'bobo']);
    expect(store.getState().cards.bobo?.status).toBe('ready');
  });

  it('A4 my status set on another device replaces the one shown, even if the sign-in read answers later', async () => {
    const api = signedIn(new FakeChatApi());
    const store = storeWith(api);
    store.getState().sessionChanged(session);
    store.getState().myStatusChanged('From my phone');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().myCustomStatus).toBe('From my phone');
  });
});
