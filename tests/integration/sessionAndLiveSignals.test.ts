import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isC2cConversation } from '../../shared/domain';
import { startTestCore, type TestCore } from '../support/core';
import { mintTestUserSig, startTestServer, type TestServer } from '../support/server';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function twoPeople(server: TestServer) {
  const alice = await startTestCore({ serverUrl: server.url, name: 'alice' });
  const bob = await startTestCore({ serverUrl: server.url, name: 'bob' });
  cleanups.push(() => alice.dispose(), () => bob.dispose());
  await alice.signUp('alice');
  await bob.signUp('bob');
  await online(alice);
  await online(bob);
  return { alice, bob };
}

describe('core against the real server: sessions and live signals', () => {
  let server: TestServer;

  it('A1 refuses a taken UserID and a wrong password with the server codes', async () => {
    server = await startTestServer();
    cleanups.push(() => server.stop({ removeData: true }));
    const { alice } = await twoPeople(server);
    const other = await startTestCore({ serverUrl: server.url, name: 'other' });
    cleanups.push(() => other.dispose());
    await expect(other.signUp('alice')).rejects.toMatchObject({ code: 'account_exists' });
    await expect(other.call('session:signIn', { serverUrl: server.url, userId: 'alice', password: 'not it' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(await alice.call('connection:get', {})).toEqual({ status: 'online', retryInMs: null });
    expect(await alice.call('users:lookup', { userId: 'bob' })).toEqual({ userId: 'bob', nickname: 'bob' });
    expect(await alice.call('users:lookup', { userId: 'nobody' })).toBeNull();
    await expect(alice.call('conversations:open', { peer: 'nobody' })).rejects.toMatchObject({ code: 'user_not_found', message: 'No user with the ID nobody.' });
  });

  it('M9 A4 typing and presence reach the other person', async () => {
    const { alice, bob } = await twoPeople(await freshServer());
    await alice.call('conversations:open', { peer: 'bob' });
    await bob.call('conversations:open', { peer: 'alice' });
    // The server shares presence and typing only within a conversation both people have: exchange a message first.
    await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'hello' });
    await bob.waitFor(async () => (await bob.call('messages:page', { conversationId: 'c2c_alice', limit: 5 })).messages.length === 1, 10_000, 'hello');
    await alice.waitFor(async () => (await alice.call('conversations:list', {})).filter(isC2cConversation)[0]?.presence === 'online', 10_000, 'bob online');
    await alice.call('typing:notify', { conversationId: 'c2c_bob' });
    const typing = await bob.waitFor(() => bob.eventsOf('typing:changed').find((e) => e.typing), 10_000, 'typing');
    expect(typing).toEqual({ conversationId: 'c2c_alice', userId: 'alice', typing: true });
    await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'done typing' });
    await bob.waitFor(() => bob.eventsOf('typing:changed').at(-1)?.typing === false, 10_000, 'typing to end with the message');
    await bob.close();
    await alice.waitFor(async () => (await alice.call('conversations:list', {})).filter(isC2cConversation)[0]?.presence === 'offline', 10_000, 'bob offline');
  });

  it('A2 signs out with the reason when an admin kicks the account', async () => {
    const current = await freshServer();
    const { bob } = await twoPeople(current);
    const admin = mintTestUserSig(current, 'administrator');
    const url = `${current.url}/v4/im_open_login_svc/kick?sdkappid=${current.sdkAppId}&identifier=administrator&usersig=${encodeURIComponent(admin)}&random=1&contenttype=json`;
    const reply = await fetch(url, { method: 'POST', body: JSON.stringify({ UserID: 'bob' }) });
    expect(await reply.json()).toMatchObject({ ActionStatus: 'OK' });
    const session = await bob.waitFor(() => bob.eventsOf('session:changed').find((s) => s.state === 'signedOut'), 10_000, 'sign-out');
    // A5: the kick's code says why (REST kick = an administrator).
    expect(session).toEqual({ state: 'signedOut', reason: { code: 'kicked_by_admin', message: 'An administrator signed this account out.' } });
    expect(await bob.call('session:get', {})).toEqual(session);
    await expect(bob.call('conversations:list', {})).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('A2 signs out at start when the saved UserSig has expired, and keeps the history for the next sign-in', async () => {
    const current = await freshServer();
    const { alice } = await twoPeople(current);
    await alice.call('conversations:open', { peer: 'bob' });
    await alice.call('messages:send', { conversationId: 'c2c_bob', text: 'keep me' });
    await alice.waitFor(async () => (await alice.call('messages:page', { conversationId: 'c2c_bob', limit: 5 })).messages[0]?.status === 'sent');
    await alice.close();
    const file = join(alice.dataDir, 'session.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { userSig: string };
    saved.userSig = mintTestUserSig(current, 'alice', { expireSeconds: 60, now: Date.now() - 3_600_000 });
    writeFileSync(file, JSON.stringify(saved));
    const again = await startTestCore({ serverUrl: current.url, dataDir: alice.dataDir, name: 'alice-again' });
    cleanups.push(() => again.dispose());
    const session = await again.waitFor(() => again.eventsOf('session:changed').find((s) => s.state === 'signedOut'), 10_000, 'sign-out');
    expect(session).toEqual({ state: 'signedOut', reason: { code: 'usersig_expired', message: 'The UserSig has expired.' } });
    await again.call('session:signIn', { serverUrl: current.url, userId: 'alice', password: 'correct-horse-battery' });
    const page = await again.call('messages:page', { conversationId: 'c2c_bob', limit: 5 });
    expect(page.messages.map((m) => m.body)).toEqual([[{ MsgType: 'TIMTextElem', MsgContent: { Text: 'keep me' } }]]);
  });

  async function freshServer(): Promise<TestServer> {
    const fresh = await startTestServer();
    cleanups.push(() => fresh.stop({ removeData: true }));
    return fresh;
  }
});
