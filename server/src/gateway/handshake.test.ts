import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { io } from 'socket.io-client';
import { type TestSocket, collect, connectTestClient, eventually, openSocket, settle } from '../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../testing/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
});
afterAll(() => server.stop({ removeData: true }));

function auth(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    protocolVersion: PROTOCOL_VERSION,
    sdkAppId: server.sdkAppId,
    userId: 'alice',
    userSig: mintTestUserSig(server, 'alice'),
    platform: 'Windows',
    ...overrides,
  };
}

/** The connect_error's `data`, or null if the connection was accepted. */
async function refusal(handshake: unknown): Promise<unknown> {
  try {
    const socket = await openSocket(server.url, handshake as Record<string, unknown>);
    socket.close();
    return null;
  } catch (error) {
    return (error as { data?: unknown }).data;
  }
}

describe('A2 socket handshake', () => {
  it('A2 accepts a valid UserSig', async () => {
    const socket = await openSocket(server.url, auth());
    expect(socket.connected).toBe(true);
    socket.close();
  });

  const cases: Array<[string, () => Record<string, unknown>, string]> = [
    ['another protocol version', () => auth({ protocolVersion: PROTOCOL_VERSION + 1 }), 'protocol_version'],
    ['no protocol version at all', () => ({ userId: 'alice' }), 'protocol_version'],
    ['an empty UserSig', () => auth({ userSig: '' }), 'usersig_empty'],
    ['a missing UserSig', () => auth({ userSig: undefined }), 'usersig_empty'],
    ['a malformed UserSig', () => auth({ userSig: 'eJyrVkrOzy1Izc3PS8tMzUvJV7JSMjQwMjEyNzQzVaoFAHpECfc_' }), 'usersig_malformed'],
    ['an expired UserSig', () => auth({ userSig: mintTestUserSig(server, 'alice', { expireSeconds: 60, now: Date.now() - 3_600_000 }) }), 'usersig_expired'],
    ['a UserSig signed with another key', () => auth({ userSig: mintTestUserSig(server, 'alice', { secretKey: 'not-the-servers-key' }) }), 'usersig_forged'],
    ['a UserSig issued to someone else', () => auth({ userSig: mintTestUserSig(server, 'bob') }), 'usersig_wrong_user'],
    ['a UserSig for another SDKAppID', () => auth({ userSig: mintTestUserSig(server, 'alice', { sdkAppId: 1400000001 }) }), 'usersig_wrong_app'],
    ['a UserSig with a userbuf (a TRTC PrivateMapKey signed with the same key)', () => auth({ userSig: mintTestUserSig(server, 'alice', { userbuf: Buffer.from([1, 2, 3]) }) }), 'usersig_malformed'],
    ['a handshake naming another SDKAppID', () => auth({ sdkAppId: 1400000001 }), 'usersig_wrong_app'],
    ['a valid UserSig for an account that does not exist', () => auth({ userId: 'ghost', userSig: mintTestUserSig(server, 'ghost') }), 'account_not_found'],
    ['an unknown platform', () => auth({ platform: 'Amiga' }), 'bad_request'],
    ['an invalid UserID', () => auth({ userId: 'not valid' }), 'bad_request'],
  ];
  it.each(cases)('A2 refuses %s with connect_error data.code %s', async (_name, make, code) => {
    const data = await refusal(make());
    expect(data).toMatchObject({ code });
    expect(typeof (data as { message: unknown }).message).toBe('string');
  });
});

describe('A2 revocation', () => {
  it('S1 kick pushes session:kicked, disconnects every device, and refuses earlier UserSigs; a newer one works', async () => {
    const oldSig = mintTestUserSig(server, 'bob');
    const phone = await connectTestClient(server, 'bob', { userSig: oldSig });
    const desktop = await connectTestClient(server, 'bob', { userSig: oldSig });
    const kicked: unknown[] = [];
    const reasons: string[] = [];
    for (const socket of [phone, desktop]) {
      socket.on('session:kicked', (payload) => kicked.push(payload));
      socket.on('disconnect', (reason) => reasons.push(reason));
    }
    await server.app.services.auth.kick('bob');
    await eventually(() => reasons.length === 2);
    // A5: the code says why, machine-readably.
    expect(kicked).toEqual([
      { reason: 'Signed out by an administrator.', code: 'admin_kick' },
      { reason: 'Signed out by an administrator.', code: 'admin_kick' },
    ]);
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await refusal(auth({ userId: 'bob', userSig: oldSig }))).toMatchObject({ code: 'usersig_revoked' });
    const fresh = mintTestUserSig(server, 'bob', { now: Date.now() + 1000 });
    expect(await refusal(auth({ userId: 'bob', userSig: fresh }))).toBeNull();
    // What the server itself issues right after a kick works at once, even within the same second.
    const issued = await server.app.services.auth.issueUserSig('bob');
    expect(await refusal(auth({ userId: 'bob', userSig: issued.userSig }))).toBeNull();
  });
});

describe('A2 revocation within one second', () => {
  it('S1 a second kick in the same second revokes the UserSig the server issued after the first one (dated a second ahead)', async () => {
    let now = Math.floor(Date.now() / 1000) * 1000 + 200;
    const clocked = await startTestServer({ clock: { now: () => now } });
    try {
      await clocked.app.services.accounts.importAccounts([{ userId: 'bob' }]);
      const { auth } = clocked.app.services;
      await auth.kick('bob');
      const afterFirstKick = await auth.issueUserSig('bob');
      const socket = await connectTestClient(clocked, 'bob', { userSig: afterFirstKick.userSig });
      const reasons: string[] = [];
      socket.on('disconnect', (reason) => reasons.push(reason));
      now += 500; // still the same second
      await auth.kick('bob');
      await eventually(() => reasons.length === 1);
      const bobAuth = { protocolVersion: PROTOCOL_VERSION, sdkAppId: clocked.sdkAppId, userId: 'bob', userSig: afterFirstKick.userSig, platform: 'Web' };
      await expect(openSocket(clocked.url, bobAuth)).rejects.toMatchObject({ data: { code: 'usersig_revoked' } });
      // Signing in again still works at once.
      const fresh = await auth.issueUserSig('bob');
      (await connectTestClient(clocked, 'bob', { userSig: fresh.userSig })).close();
    } finally {
      await clocked.stop({ removeData: true });
    }
  });

  it('A2 a UserSig dated more than five minutes in the future is refused; a few minutes of clock skew are tolerated', async () => {
    expect(await refusal(auth({ userSig: mintTestUserSig(server, 'alice', { now: Date.now() + 10 * 60_000 }) }))).toMatchObject({
      code: 'usersig_malformed',
      message: expect.stringContaining('in the future'),
    });
    expect(await refusal(auth({ userSig: mintTestUserSig(server, 'alice', { now: Date.now() + 4 * 60_000 }) }))).toBeNull();
  });
});

describe('A2 sessions end with their UserSig', () => {
  it('A2 a connected socket is closed once its UserSig expires (no push), and the UserSig is then refused', async () => {
    let now = Date.now();
    const clocked = await startTestServer({ clock: { now: () => now } });
    try {
      await clocked.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
      const short = await connectTestClient(clocked, 'alice', { userSig: mintTestUserSig(clocked, 'alice', { now, expireSeconds: 60 }) });
      const long = await connectTestClient(clocked, 'bob', { userSig: mintTestUserSig(clocked, 'bob', { now, expireSeconds: 3600 }) });
      const kicked = collect(short, 'session:kicked');
      const reasons: string[] = [];
      short.on('disconnect', (reason) => reasons.push(reason));
      now += 60_000; // valid through this second still
      await settle(1200);
      expect(short.connected).toBe(true);
      now += 1000;
      await eventually(() => reasons.length === 1, 3000);
      expect(reasons).toEqual(['io server disconnect']);
      expect(kicked).toEqual([]);
      expect(long.connected).toBe(true);
      const again = { protocolVersion: PROTOCOL_VERSION, sdkAppId: clocked.sdkAppId, userId: 'alice', userSig: mintTestUserSig(clocked, 'alice', { now: now - 61_000, expireSeconds: 60 }), platform: 'Web' };
      await expect(openSocket(clocked.url, again)).rejects.toMatchObject({ data: { code: 'usersig_expired' } });
      long.close();
    } finally {
      await clocked.stop({ removeData: true });
    }
  });

  it('A2 S1 a kick that lands while a handshake is between its check and joining the room still ends that session', async () => {
    const { auth: service } = server.app.services;
    await server.app.services.accounts.importAccounts([{ userId: 'racer' }]);
    const original = service.authenticateHandshake.bind(service);
    const spy = vi.spyOn(service, 'authenticateHandshake').mockImplementationOnce(async (handshake, address) => {
      const data = await original(handshake, address);
      await service.kick('racer');
      return data;
    });
    try {
      const userSig = mintTestUserSig(server, 'racer');
      // Listeners go on before connecting: the push can arrive in the same read as the connect.
      const socket: TestSocket = io(server.url, { auth: auth({ userId: 'racer', userSig }), transports: ['websocket'], reconnection: false, forceNew: true });
      const kicked = collect(socket, 'session:kicked');
      const reasons: string[] = [];
      socket.on('disconnect', (reason) => reasons.push(reason));
      await eventually(() => reasons.length === 1, 3000);
      expect(reasons).toEqual(['io server disconnect']);
      expect(kicked).toEqual([{ reason: expect.any(String), code: 'usersig_revoked' }]);
      expect(await refusal(auth({ userId: 'racer', userSig }))).toMatchObject({ code: 'usersig_revoked' });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('A2 handshake rate limit', () => {
  it('A2 refuses an address with rate_limited after too many failed handshakes, even with a valid UserSig', async () => {
    const limited = await startTestServer({
      authLimits: { handshake: { max: 3, windowMs: 60_000 } },
    });
    try {
      await limited.app.services.accounts.importAccounts([{ userId: 'alice' }]);
      const bad = { protocolVersion: PROTOCOL_VERSION, sdkAppId: limited.sdkAppId, userId: 'alice', userSig: 'garbage', platform: 'Web' };
      for (let i = 0; i < 3; i += 1) {
        await expect(openSocket(limited.url, bad)).rejects.toMatchObject({ data: { code: 'usersig_malformed' } });
      }
      await expect(openSocket(limited.url, { ...bad, userSig: mintTestUserSig(limited, 'alice') })).rejects.toMatchObject({
        data: { code: 'rate_limited' },
      });
    } finally {
      await limited.stop({ removeData: true });
    }
  });
});
