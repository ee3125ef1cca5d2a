import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';
import { fetchMedia, sha256, stageFile } from './mediaFiles';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options);
  cleanups.push(() => started.stop({ removeData: true }));
  return started;
}

async function person(at: TestServer, userId: string): Promise<TestCore> {
  const core = await startTestCore({ serverUrl: at.url, name: userId });
  cleanups.push(() => core.dispose());
  await core.signUp(userId);
  await online(core);
  return core;
}

describe('core against the real server: contacts, profiles, presence, devices', () => {
  it('R2 R4 P3 A4 request, accept with remark and list, live on both sides, profile change and presence, offline after a restart', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');

    // Bob asks for confirmation (the default AllowType): Alice's request waits in his inbox.
    expect(await alice.call('friends:add', { userId: 'bob', wording: 'Hi Bob, it is Alice', remark: 'Bobby' })).toEqual({ outcome: 'requested' });
    const inbox = await bob.waitFor(() => bob.eventsOf('friendRequests:changed').find((e) => e.requests.length === 1), 10_000, 'request pushed');
    expect(inbox).toMatchObject({ unreadCount: 1, requests: [{ userId: 'alice', direction: 'incoming', addWording: 'Hi Bob, it is Alice' }] });
    expect((await alice.call('friendRequests:list', {})).requests).toMatchObject([{ userId: 'bob', direction: 'outgoing' }]);
    await bob.call('friendRequests:markRead', {});
    expect((await bob.call('friendRequests:list', {})).unreadCount).toBe(0);

    await bob.call('friendRequests:accept', { userId: 'alice', remark: 'Ali', list: 'Friends' });
    expect(await bob.call('contacts:list', {})).toMatchObject({
      friends: [{ userId: 'alice', remark: 'Ali', groups: ['Friends'] }],
      lists: [{ name: 'Friends', members: ['alice'] }],
    });
    // Alice learns it live: Bob is her friend now, her outgoing request is gone.
    await alice.waitFor(async () => (await alice.call('contacts:list', {})).friends.some((f) => f.userId === 'bob'), 10_000, 'friend pushed');
    await alice.waitFor(async () => (await alice.call('friendRequests:list', {})).requests.length === 0, 10_000, 'request settled');
    expect(await alice.call('friends:check', { userIds: ['bob'], type: 'CheckResult_Type_Both' })).toEqual({
      results: [{ userId: 'bob', relation: 'CheckResult_Type_BothWay' }],
    });

    // A4: friends see each other's presence by default (no conversation between them), with custom status text.
    await alice.waitFor(async () => (await alice.call('contacts:list', {})).friends[0]?.presence === 'online', 10_000, 'bob online');
    await bob.call('presence:setStatus', { customStatus: 'In a meeting' });
    await alice.waitFor(async () => (await alice.call('contacts:list', {})).friends[0]?.customStatus === 'In a meeting', 10_000, 'custom status');

    // A profile change reaches the friend live.
    await bob.call('profile:update', { nick: 'Robert', selfSignature: 'Builder' });
    await bob.waitFor(async () => {
      const session = await bob.call('session:get', {});
      return session.state === 'signedIn' && session.nickname === 'Robert';
    }, 5_000, 'own session renamed');
    await alice.waitFor(() => alice.eventsOf('profile:changed').find((e) => e.profile.userId === 'bob' && e.profile.nick === 'Robert'), 10_000, 'profile pushed');
    expect((await alice.call('contacts:list', {})).friends[0]?.profile).toMatchObject({ nick: 'Robert', selfSignature: 'Builder', view: 'friend' });
    const card = await alice.call('profiles:card', { userId: 'bob' });
    expect(card).toMatchObject({ profile: { userId: 'bob', nick: 'Robert' }, friend: { userId: 'bob' }, blocked: false, presence: 'online' });

    await bob.close();
    await alice.waitFor(async () => (await alice.call('contacts:list', {})).friends[0]?.presence === 'offline', 15_000, 'bob offline');

    // Restart Alice with the server gone: the contacts screen opens from the store.
    await at.stop();
    const again = await alice.restart();
    cleanups.push(() => again.dispose());
    expect((await again.call('contacts:list', {})).friends).toMatchObject([{ userId: 'bob', profile: { nick: 'Robert' }, presence: null }]);
    expect(await again.call('profiles:card', { userId: 'bob' })).toMatchObject({ profile: { nick: 'Robert' }, friend: { userId: 'bob' } });
  });

  it('R2 AllowAny adds at once, DenyAny refuses; R3 two-way delete reaches the other side; stranger card is limited', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const carol = await person(at, 'carol');
    await carol.call('profile:update', { allowType: 'AllowType_Type_AllowAny', location: 'Paris' });
    const stranger = await alice.call('profiles:card', { userId: 'carol' });
    expect(stranger).toMatchObject({ profile: { view: 'stranger', allowType: 'AllowType_Type_AllowAny' }, friend: null });
    expect(stranger?.profile.location).toBeUndefined();
    expect(await alice.call('friends:add', { userId: 'carol', list: 'Work' })).toEqual({ outcome: 'added' });
    await carol.waitFor(async () => (await carol.call('contacts:list', {})).friends.some((f) => f.userId === 'alice'), 10_000, 'two-way add');
    expect((await alice.call('profiles:card', { userId: 'carol' }))?.profile).toMatchObject({ view: 'friend', location: 'Paris' });

    await carol.call('profile:update', { allowType: 'AllowType_Type_DenyAny' });
    const dave = await person(at, 'dave');
    await expect(dave.call('friends:add', { userId: 'carol' })).rejects.toMatchObject({ code: 'friend_add_denied' });
    await expect(dave.call('friends:add', { userId: 'dave' })).rejects.toMatchObject({ code: 'friend_self' });
    expect((await dave.call('users:search', { query: 'carol' })).results.map((r) => r.profile.userId)).toContain('carol');

    const { results } = await alice.call('friends:delete', { userIds: ['carol'], mode: 'both' });
    expect(results).toEqual([{ userId: 'carol', error: null }]);
    expect((await alice.call('contacts:list', {})).friends).toEqual([]);
    await carol.waitFor(async () => (await carol.call('contacts:list', {})).friends.length === 0, 10_000, 'two-way delete pushed');
  });

  it('R5 a block unfriends both ways; the blocked person\'s message fails with 20007 while the blocker may still write; unblock restores', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    await bob.call('profile:update', { allowType: 'AllowType_Type_AllowAny' });
    await alice.call('friends:add', { userId: 'bob' });
    await bob.waitFor(async () => (await bob.call('contacts:list', {})).friends.length === 1, 10_000, 'friends');

    expect(await alice.call('blocklist:add', { userIds: ['bob'] })).toEqual({ results: [{ userId: 'bob', error: null }] });
    expect((await alice.call('blocklist:list', {})).entries.map((e) => e.userId)).toEqual(['bob']);
    expect((await alice.call('contacts:list', {})).friends).toEqual([]);
    await bob.waitFor(async () => (await bob.call('contacts:list', {})).friends.length === 0, 10_000, 'unfriended both ways');
    await expect(bob.call('friends:add', { userId: 'alice' })).rejects.toMatchObject({ code: 'blocked_by_peer_add' });

    const refused = await bob.call('messages:send', { conversationId: 'c2c_alice', text: 'can you hear me?' });
    const failed = await bob.waitFor(
      async () => (await bob.call('messages:page', { conversationId: 'c2c_alice', limit: 5 })).messages.find((m) => m.id === refused.id && m.status === 'failed'),
      10_000,
      'send refused',
    );
    expect(failed.error).toMatchObject({ code: 'blocked_by_peer' });
    // The blocker may still write to them.
    const allowed = await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'I can still write' });
    await alice.waitFor(
      async () => (await alice.call('messages:page', { conversationId: 'c2c_bob', limit: 5 })).messages.find((m) => m.id === allowed.id)?.status === 'sent',
      10_000,
      'blocker sends',
    );
    expect(await alice.call('blocklist:check', { userIds: ['bob'], type: 'BlackCheckResult_Type_Both' })).toEqual({
      results: [{ userId: 'bob', relation: 'BlackCheckResult_Type_AWithB' }],
    });

    await alice.call('blocklist:remove', { userIds: ['bob'] });
    expect((await alice.call('blocklist:list', {})).entries).toEqual([]);
    const retried = await bob.call('messages:retry', { id: refused.id });
    expect(retried.status).toBe('pending');
    await bob.waitFor(
      async () => (await bob.call('messages:page', { conversationId: 'c2c_alice', limit: 5 })).messages.find((m) => m.id === refused.id)?.status === 'sent',
      10_000,
      'unblocked send',
    );
  });

  it('A5 a second device beyond the policy pushes the first out with a reason; it stops reconnecting; devices are listed and signed out', async () => {
    const at = await server({ multiDevice: { mode: 'single', instancesPerPlatform: 1, webInstances: 1 } });
    const first = await person(at, 'alice');
    const second = await startTestCore({ serverUrl: at.url, name: 'alice-2' });
    cleanups.push(() => second.dispose());
    await second.call('session:signIn', { serverUrl: at.url, userId: 'alice', password: 'correct-horse-battery' });
    await online(second);
    const session = await first.waitFor(() => first.eventsOf('session:changed').find((s) => s.state === 'signedOut'), 10_000, 'kicked');
    expect(session).toEqual({
      state: 'signedOut',
      reason: { code: 'kicked_another_device', message: 'Signed out because this account signed in on another device.' },
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(first.eventsOf('connection:changed').at(-1)).toEqual({ status: 'offline', retryInMs: null });
    expect((await second.call('devices:list', {})).devices).toMatchObject([{ platform: 'Linux', current: true }]);
  });

  it('P1 a cropped avatar is uploaded and becomes the profile image, seen by a friend', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    await bob.call('profile:update', { allowType: 'AllowType_Type_AllowAny' });
    await alice.call('friends:add', { userId: 'bob' });
    const png = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#3a7' } }).png().toBuffer();
    const stageId = await stageFile(alice, png, 'avatar.png', 'image/png');
    const profile = await alice.call('profile:setAvatar', { stageId });
    expect(profile.image).toBe(`${at.url}/api/v1/blobs/${sha256(png)}`);
    expect((await alice.call('profile:get', {})).image).toBe(profile.image);
    await bob.waitFor(async () => (await bob.call('contacts:list', {})).friends[0]?.profile.image === profile.image, 10_000, 'avatar pushed');
    // The uploader's own core serves it. (A friend fetching it needs the server to grant profile images to
    // viewers of the profile: today it answers 403 — reported to the server lane.)
    expect((await fetchMedia(alice, sha256(png))).status).toBe(200);
    await expect(alice.call('profile:setAvatar', { stageId: await stageFile(alice, Buffer.from('not an image'), 'x.txt', 'text/plain') })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('A5 signing out another device from settings', async () => {
    const at = await server();
    const first = await person(at, 'alice');
    const second = await startTestCore({ serverUrl: at.url, name: 'alice-web' });
    cleanups.push(() => second.dispose());
    await second.call('session:signIn', { serverUrl: at.url, userId: 'alice', password: 'correct-horse-battery' });
    await online(second);
    const devices = await first.waitFor(async () => {
      const { devices: list } = await first.call('devices:list', {});
      return list.length === 2 ? list : null;
    }, 10_000, 'two devices');
    const other = devices.find((d) => !d.current);
    expect(other).toBeDefined();
    await first.call('devices:signOut', { instanceId: other?.instanceId ?? '' });
    const session = await second.waitFor(() => second.eventsOf('session:changed').find((s) => s.state === 'signedOut'), 10_000, 'signed out');
    expect(session).toMatchObject({ reason: { code: 'kicked_elsewhere' } });
    await first.waitFor(() => first.eventsOf('devices:changed').find((e) => e.devices.length === 1), 10_000, 'device list pushed');
  });
});
