import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { isC2cConversation } from '../../../shared/domain';
import { FakeContacts, profile } from '../testing/fakeContacts';
import { FakeServer } from '../testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

function setup() {
  const server = new FakeServer('me', ['bob', 'carol', 'dave', 'erin']);
  const fake = new FakeContacts(server).install();
  const t = openTestAccount({ server });
  return { t, fake, server };
}

describe('contacts (core)', () => {
  it('R4 P3 syncs the relationship chain on connect and serves it offline after a restart', async () => {
    const { t, fake } = setup();
    fake.friend('bob', ['Work'], 'Bobby');
    fake.friend('carol', ['Work', 'Family']);
    fake.request('dave', 'incoming', 'hi, it is Dave');
    fake.blocked.set('erin', { userId: 'erin', time: 5, profile: profile('erin', 'stranger', 'ERIN') });
    fake.profiles.set('me', { ...profile('me', 'self', 'Me myself'), selfSignature: 'hello' });
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.list().friends).toHaveLength(2));
    const { friends, lists } = t.account.contacts.list();
    expect(friends.map((f) => [f.userId, f.remark, f.groups, f.profile.nick])).toEqual([
      ['bob', 'Bobby', ['Work'], 'BOB'],
      ['carol', '', ['Work', 'Family'], 'CAROL'],
    ]);
    expect(lists).toEqual([
      { name: 'Work', members: ['bob', 'carol'] },
      { name: 'Family', members: ['carol'] },
    ]);
    expect(t.account.contacts.requests()).toMatchObject({ requests: [{ userId: 'dave', direction: 'incoming', addWording: 'hi, it is Dave' }], unreadCount: 1 });
    expect(t.account.contacts.blocklist().entries.map((e) => e.userId)).toEqual(['erin']);
    expect(t.account.contacts.ownProfile()).toMatchObject({ nick: 'Me myself', selfSignature: 'hello', view: 'self' });
    await eventually(() => expect(t.account.contacts.list().friends.map((f) => f.presence)).toEqual(['online', 'online']));
    const changed = t.eventsOf('contacts:changed');
    expect(changed.some((e) => e.lists !== null && e.friends.length === 2)).toBe(true);

    const again = await t.restart();
    // Offline: the fake connection never comes up.
    expect(again.account.contacts.list().friends.map((f) => [f.userId, f.presence])).toEqual([
      ['bob', null],
      ['carol', null],
    ]);
    expect(again.account.contacts.requests().unreadCount).toBe(1);
    expect(again.account.contacts.blocklist().entries).toHaveLength(1);
    await again.close();
  });

  it('R2 add honours AllowType: AllowAny adds at once, NeedConfirm makes a request, DenyAny refuses', async () => {
    const { t, fake } = setup();
    fake.allow.set('bob', 'AllowType_Type_AllowAny');
    fake.allow.set('erin', 'AllowType_Type_DenyAny');
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'friend:list')).toBe(true));
    expect(await t.account.contacts.addFriend({ userId: 'bob', remark: 'B', list: 'Pals', wording: 'hey' })).toEqual({ outcome: 'added' });
    expect(t.account.contacts.list()).toMatchObject({ friends: [{ userId: 'bob', remark: 'B', groups: ['Pals'] }], lists: [{ name: 'Pals', members: ['bob'] }] });
    expect(t.eventsOf('contacts:changed').at(-1)).toMatchObject({ friends: [{ userId: 'bob' }], removed: [], lists: [{ name: 'Pals' }] });
    expect(await t.account.contacts.addFriend({ userId: 'carol', wording: 'please' })).toEqual({ outcome: 'requested' });
    expect(t.account.contacts.requests()).toMatchObject({ requests: [{ userId: 'carol', direction: 'outgoing', addWording: 'please' }], unreadCount: 0 });
    expect(t.eventsOf('friendRequests:changed').at(-1)?.requests).toHaveLength(1);
    expect(fake.requests[0]?.addSource).toBe('AddSource_Type_Search');
    await expect(t.account.contacts.addFriend({ userId: 'erin' })).rejects.toMatchObject({ code: 'friend_add_denied' });
    await expect(t.account.contacts.addFriend({ userId: 'me' })).rejects.toMatchObject({ code: 'friend_self' });
    await t.close();
  });

  it('R2 a pushed incoming request raises the badge; reading the inbox clears it; accept with remark and list', async () => {
    const { t, fake } = setup();
    t.connection.goOnline();
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'friend:list')).toBe(true));
    const request = fake.request('dave', 'incoming', 'Dave here');
    t.connection.push('friendRequest:added', { request });
    expect(t.eventsOf('friendRequests:changed').at(-1)).toMatchObject({ unreadCount: 1, requests: [{ userId: 'dave' }] });
    t.account.contacts.markRequestsRead();
    expect(t.eventsOf('friendRequests:changed').at(-1)?.unreadCount).toBe(0);
    expect(t.account.contacts.requests().unreadCount).toBe(0);
    await t.account.contacts.respond('dave', 'accept', { remark: 'D', list: 'Gym' });
    expect(t.account.contacts.requests().requests).toEqual([]);
    expect(t.account.contacts.list()).toMatchObject({ friends: [{ userId: 'dave', remark: 'D', groups: ['Gym'] }], lists: [{ name: 'Gym', members: ['dave'] }] });
    // Reject.
    t.connection.push('friendRequest:added', { request: fake.request('carol', 'incoming') });
    expect(t.account.contacts.requests().unreadCount).toBe(1);
    await t.account.contacts.respond('carol', 'reject');
    expect(t.account.contacts.requests()).toEqual({ requests: [], unreadCount: 0 });
    await t.close();
  });

  it('R3 R4 delete one-way and two-way, remarks and lists', async () => {
    const { t, fake } = setup();
    fake.friend('bob', ['Work']);
    fake.friend('carol');
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.list().friends).toHaveLength(2));
    const updated = await t.account.contacts.updateFriend({ userId: 'carol', remark: 'Caz', lists: ['Work', 'Family'] });
    expect(updated).toMatchObject({ userId: 'carol', remark: 'Caz', groups: ['Work', 'Family'] });
    expect(t.account.contacts.list().lists).toEqual([
      { name: 'Work', members: ['bob', 'carol'] },
      { name: 'Family', members: ['carol'] },
    ]);
    expect(await t.account.contacts.renameList('Work', 'Office')).toEqual({ name: 'Office', members: ['bob', 'carol'] });
    expect(t.account.contacts.list().friends.map((f) => f.groups)).toEqual([['Office'], ['Office', 'Family']]);
    await t.account.contacts.removeFromList('Office', ['bob']);
    expect(t.account.contacts.list().friends.map((f) => f.groups)).toEqual([[], ['Office', 'Family']]);
    await t.account.contacts.deleteList('Family');
    expect(t.account.contacts.list().lists).toEqual([{ name: 'Office', members: ['carol'] }]);
    expect(await t.account.contacts.createList('Close', ['bob'])).toEqual({ name: 'Close', members: ['bob'] });
    expect(t.account.contacts.list().friends.find((f) => f.userId === 'bob')?.groups).toEqual(['Close']);

    const { results } = await t.account.contacts.deleteFriends(['bob', 'dave'], 'both');
    expect(results.map((r) => [r.userId, r.error?.code ?? null])).toEqual([
      ['bob', null],
      ['dave', 'not_friends'],
    ]);
    expect(t.account.contacts.list().friends.map((f) => f.userId)).toEqual(['carol']);
    expect(t.eventsOf('contacts:changed').at(-1)).toMatchObject({ removed: ['bob'], lists: [{ name: 'Office' }, { name: 'Close', members: [] }] });
    expect(t.connection.sent.find((s) => s.name === 'friend:delete')?.input).toEqual({ userIds: ['bob', 'dave'], deleteType: 'Delete_Type_Both' });
    await t.close();
  });

  it('R5 blocking unfriends and drops requests; unblock; a pushed block from another device too', async () => {
    const { t, fake } = setup();
    fake.friend('bob');
    fake.request('carol', 'incoming');
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.list().friends).toHaveLength(1));
    await eventually(() => expect(t.account.contacts.requests().requests).toHaveLength(1));
    const { results } = await t.account.contacts.block(['bob']);
    expect(results).toEqual([{ userId: 'bob', error: null }]);
    expect(t.account.contacts.list().friends).toEqual([]);
    expect(t.account.contacts.blocklist().entries.map((e) => [e.userId, e.profile.nick])).toEqual([['bob', 'BOB']]);
    expect(t.eventsOf('blocklist:changed').at(-1)?.entries).toHaveLength(1);
    expect(t.eventsOf('contacts:changed').at(-1)?.removed).toEqual(['bob']);
    // Blocked on my other device: pushed.
    t.connection.push('block:added', { entries: [{ userId: 'carol', time: 9, profile: profile('carol', 'stranger', 'CAROL') }] });
    expect(t.account.contacts.blocklist().entries.map((e) => e.userId).sort()).toEqual(['bob', 'carol']);
    expect(t.account.contacts.requests().requests).toEqual([]);
    await t.account.contacts.unblock(['bob']);
    expect(t.account.contacts.blocklist().entries.map((e) => e.userId)).toEqual(['carol']);
    t.connection.push('block:removed', { userIds: ['carol'] });
    expect(t.account.contacts.blocklist().entries).toEqual([]);
    expect((await t.account.contacts.checkBlocked({ userIds: ['bob'], type: 'BlackCheckResult_Type_Single' })).results).toEqual([
      { userId: 'bob', relation: 'BlackCheckResult_Type_NO' },
    ]);
    await t.close();
  });

  it('R6 P3 pushes: friend added/updated/deleted, a friend\'s profile change renames their conversation', async () => {
    const { t, fake } = setup();
    t.connection.goOnline();
    await t.account.conversations.open('bob');
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'friend:list')).toBe(true));
    t.connection.push('friend:added', { friend: fake.friend('bob') });
    expect(t.account.contacts.list().friends.map((f) => f.userId)).toEqual(['bob']);
    const renamed = { ...profile('bob', 'friend', 'Robert'), selfSignature: 'new me' };
    t.connection.push('profile:changed', { profile: renamed });
    expect(t.eventsOf('profile:changed').at(-1)).toEqual({ profile: renamed });
    expect(t.eventsOf('contacts:changed').at(-1)?.friends[0]?.profile.nick).toBe('Robert');
    expect(t.account.conversations.list().filter(isC2cConversation)[0]?.peer.nickname).toBe('Robert');
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations.filter(isC2cConversation)[0]?.peer.nickname).toBe('Robert');
    t.connection.push('friend:updated', { friend: { ...fake.friend('bob'), remark: 'Rob', profile: renamed } });
    expect(t.account.contacts.list().friends[0]?.remark).toBe('Rob');
    t.connection.push('friend:deleted', { userIds: ['bob'] });
    expect(t.account.contacts.list().friends).toEqual([]);
    expect(t.eventsOf('contacts:changed').at(-1)).toMatchObject({ friends: [], removed: ['bob'] });
    await t.close();
  });

  it('R4 my remark names the friend\'s conversation, live as it changes (set by push, by me, cleared by unfriending) and offline after a restart', async () => {
    const { t, fake } = setup();
    t.connection.goOnline();
    await t.account.conversations.open('bob');
    await eventually(() => expect(t.connection.sent.some((s) => s.name === 'friend:list')).toBe(true));
    const peer = () => t.eventsOf('conversations:changed').at(-1)?.conversations.filter(isC2cConversation).find((c) => c.id === 'c2c_bob')?.peer;
    t.connection.push('friend:added', { friend: fake.friend('bob', [], 'Bobby') });
    expect(peer()).toEqual({ userId: 'bob', nickname: 'BOB', remark: 'Bobby' });
    t.connection.push('friend:updated', { friend: fake.friend('bob', [], 'Rob from work') });
    expect(peer()?.remark).toBe('Rob from work');
    expect(t.account.conversations.list().filter(isC2cConversation)[0]?.peer.remark).toBe('Rob from work');
    await t.account.contacts.updateFriend({ userId: 'bob', remark: 'Robert W.' });
    expect(peer()?.remark).toBe('Robert W.');

    const again = await t.restart();
    expect(again.account.conversations.list().filter(isC2cConversation)[0]?.peer).toMatchObject({ nickname: 'BOB', remark: 'Robert W.' });
    again.connection.goOnline();
    await eventually(() => expect(again.connection.sent.some((s) => s.name === 'friend:list')).toBe(true));
    fake.friends.delete('bob');
    again.connection.push('friend:deleted', { userIds: ['bob'] });
    expect(again.eventsOf('conversations:changed').at(-1)?.conversations.filter(isC2cConversation).find((c) => c.id === 'c2c_bob')?.peer.remark).toBe('');
    await again.close();
  });

  it('R4 a change I make while the connect-time fetch is in flight is not undone by its older pages', async () => {
    const { t, fake, server } = setup();
    fake.friend('bob', [], 'Old');
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.list().friends[0]?.remark).toBe('Old'));
    const original = server.handlers['friend:list'];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    server.handlers['friend:list'] = async (input) => {
      // The page as the server had it when asked (the fake hands out live objects).
      const page = structuredClone(await original!(input));
      held = true;
      await gate;
      return page;
    };
    const syncing = t.account.contacts.syncAll();
    await eventually(() => expect(held).toBe(true));
    await t.account.contacts.updateFriend({ userId: 'bob', remark: 'New' });
    release();
    await syncing;
    expect(t.account.contacts.list().friends[0]?.remark).toBe('New');
    await t.close();
  });

  it('P3 profile cards: stranger vs friend, blocked and pending flags, offline from the cache, null for nobody', async () => {
    const { t, fake } = setup();
    fake.friend('bob', [], 'Bobby');
    fake.request('carol', 'outgoing');
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.list().friends).toHaveLength(1));
    await eventually(() => expect(t.account.contacts.requests().requests).toHaveLength(1));
    expect(await t.account.contacts.card('bob')).toMatchObject({ profile: { userId: 'bob' }, friend: { remark: 'Bobby' }, blocked: false, request: null, presence: 'online' });
    expect(await t.account.contacts.card('carol')).toMatchObject({ profile: { view: 'stranger' }, friend: null, request: 'outgoing' });
    expect(await t.account.contacts.card('nobody')).toBeNull();
    expect((await t.account.contacts.search('dave')).results.map((r) => r.profile.userId)).toEqual(['dave']);
    t.connection.goOffline();
    expect(await t.account.contacts.card('bob')).toMatchObject({ profile: { nick: 'BOB' }, presence: null });
    await expect(t.account.contacts.card('zed')).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.contacts.addFriend({ userId: 'dave' })).rejects.toMatchObject({ code: 'offline' });
    await t.close();
  });

  it('P1 own profile: update is stored and announced; a read-only field is refused', async () => {
    const { t } = setup();
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.ownProfile().nick).toBe('ME'));
    const updated = await t.account.contacts.updateProfile({ nick: 'New name', allowType: 'AllowType_Type_AllowAny' });
    expect(updated).toMatchObject({ nick: 'New name', allowType: 'AllowType_Type_AllowAny' });
    expect(t.account.contacts.ownProfile().nick).toBe('New name');
    expect(t.eventsOf('profile:changed').at(-1)?.profile.nick).toBe('New name');
    await expect(t.account.contacts.updateProfile({ adminForbidType: 'AdminForbid_Type_None' })).rejects.toMatchObject({ code: 'profile_read_only' });
    // From another device of mine.
    t.connection.push('profile:changed', { profile: { ...updated, selfSignature: 'set elsewhere' } });
    expect(t.account.contacts.ownProfile().selfSignature).toBe('set elsewhere');
    await t.close();
  });

  it('A4 presence and custom status of friends arrive as contact changes; my own status is kept', async () => {
    const { t, fake, server } = setup();
    fake.friend('bob');
    const answer = server.handlers['presence:get'];
    server.handlers['presence:get'] = (input) => ({
      statuses: input.userIds.map((userId) => ({ userId, status: 'online' as const, customStatus: userId === 'me' ? 'set on my phone' : '' })),
    });
    t.connection.goOnline();
    await eventually(() => expect(t.account.contacts.customStatus()).toBe('set on my phone'));
    expect(t.eventsOf('presence:statusChanged').at(-1)).toEqual({ customStatus: 'set on my phone' });
    server.handlers['presence:get'] = answer;
    await eventually(() => expect(t.account.contacts.list().friends[0]?.presence).toBe('online'));
    t.connection.push('presence:changed', { userId: 'bob', status: 'offline', customStatus: 'on holiday' });
    expect(t.eventsOf('contacts:changed').at(-1)?.friends).toMatchObject([{ userId: 'bob', presence: 'offline', customStatus: 'on holiday' }]);
    expect(await t.account.contacts.setCustomStatus('in a meeting')).toEqual({ customStatus: 'in a meeting' });
    expect(t.account.contacts.customStatus()).toBe('in a meeting');
    t.connection.push('presence:changed', { userId: 'me', status: 'online', customStatus: 'from my phone' });
    expect(t.account.contacts.customStatus()).toBe('from my phone');
    // My other device's screen follows at once (the profile editor shows it).
    expect(t.eventsOf('presence:statusChanged').at(-1)).toEqual({ customStatus: 'from my phone' });
    t.connection.goOffline();
    expect(t.eventsOf('contacts:changed').at(-1)?.friends).toMatchObject([{ userId: 'bob', presence: null, customStatus: '' }]);
    await t.close();
  });

  it('A5 devices: listed online, the last list offline, pushed changes, signing another out', async () => {
    const { t, fake } = setup();
    fake.devices = [
      { instanceId: 'this', platform: 'Linux', connectedSince: 1, current: true },
      { instanceId: 'web1', platform: 'Web', connectedSince: 2, current: false },
    ];
    t.connection.goOnline();
    await eventually(() => expect(t.eventsOf('devices:changed')).toHaveLength(1));
    expect((await t.account.contacts.devices()).devices).toHaveLength(2);
    await t.account.contacts.signOutDevice('web1');
    expect(fake.signedOut).toEqual(['web1']);
    t.connection.push('devices:changed', { devices: [fake.devices[0]!] });
    expect(t.eventsOf('devices:changed').at(-1)?.devices).toHaveLength(1);
    t.connection.goOffline();
    expect((await t.account.contacts.devices()).devices.map((d) => d.instanceId)).toEqual(['this']);
    await t.close();
  });

  it('R5 a message refused with 20007 (blocked by the peer) fails at once with that reason', async () => {
    const { t } = setup();
    t.connection.intercept = (name) => (name === 'message:send' ? Promise.reject(new AppError('blocked_by_peer')) : undefined);
    t.connection.goOnline();
    const sent = t.account.messages.send({ conversationId: 'c2c_bob', text: 'hello?' });
    await eventually(async () => {
      const { messages } = await t.account.messages.page({ conversationId: 'c2c_bob', limit: 10 });
      expect(messages.find((m) => m.id === sent.id)).toMatchObject({
        status: 'failed',
        error: { code: 'blocked_by_peer', message: 'This person has blocked you; your message was not delivered.' },
      });
    });
    expect(t.connection.sent.filter((s) => s.name === 'message:send')).toHaveLength(1);
    await t.close();
  });

  it('a push that lands during the full fetch is not overwritten by the older snapshot', async () => {
    const { t, fake } = setup();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first = true;
    t.connection.intercept = (name) => {
      if (name !== 'friend:list' || !first) return undefined;
      first = false;
      // The snapshot taken before bob was added…
      const snapshot = { friends: [] };
      return gate.then(() => snapshot);
    };
    t.connection.goOnline();
    await eventually(() => expect(first).toBe(false));
    // …while bob's friend:added push arrives first.
    t.connection.push('friend:added', { friend: fake.friend('bob') });
    release();
    await eventually(() => expect(t.connection.sent.filter((s) => s.name === 'friend:list')).toHaveLength(2));
    await eventually(() => expect(t.account.contacts.list().friends.map((f) => f.userId)).toEqual(['bob']));
    await t.close();
  });
});
