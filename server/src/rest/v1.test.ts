import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse, PROTOCOL_VERSION, ServerInfo } from '../../../shared/protocol';
import { DEFAULT_SCRYPT } from '../features/accounts/password';
import { verifyUserSig } from '../features/auth/userSig';
import { connectTestClient } from '../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../testing/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ authLimits: { login: { max: 3, windowMs: 60_000 } } });
});
afterAll(() => server.stop({ removeData: true }));

async function post(path: string, body: unknown, raw = false, target: Pick<TestServer, 'url'> = server): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('A1 /api/v1', () => {
  it('GET /api/v1/info describes the server', async () => {
    const response = await fetch(`${server.url}/api/v1/info`);
    const info = ServerInfo.parse(await response.json());
    expect(info).toEqual({
      name: 'OpenChat',
      sdkAppId: server.sdkAppId,
      protocolVersion: PROTOCOL_VERSION,
      registrationOpen: true,
      recallWindowSeconds: 120,
      // M7: filled by the relay feature's signing keys.
      relaySigningKeys: expect.any(Array),
    });
  });

  it('GET /healthz answers ok', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('A1 register stores a scrypt hash and signs in with a UserSig that opens a socket', async () => {
    const { status, body } = await post('/api/v1/register', { userId: 'alice', password: 'alice-password', nickname: ' Alice ' });
    expect(status).toBe(201);
    const login = LoginResponse.parse(body);
    expect(login).toMatchObject({ userId: 'alice', nickname: 'Alice', sdkAppId: server.sdkAppId });
    const verdict = verifyUserSig({ sdkAppId: server.sdkAppId, secretKey: server.secretKey, userId: 'alice', userSig: login.userSig, now: Date.now() });
    expect(verdict).toMatchObject({ ok: true });
    expect(login.expiresAt).toBe((verdict as { expiresAt: number }).expiresAt * 1000);
    const stored = await server.store.accounts.get('alice');
    expect(stored?.passwordHash).toMatch(/^scrypt\$10\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain('alice-password');
    const socket = await connectTestClient(server, 'alice', { userSig: login.userSig });
    socket.close();
  });

  it('A1 login returns a fresh UserSig; wrong passwords and unknown users get invalid_credentials', async () => {
    await registerUser(server, 'bob', 'bob-password');
    const ok = await post('/api/v1/login', { userId: 'bob', password: 'bob-password' });
    expect(ok.status).toBe(200);
    expect(LoginResponse.parse(ok.body).userId).toBe('bob');
    expect(await post('/api/v1/login', { userId: 'bob', password: 'nope-nope' })).toEqual({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: expect.any(String) } },
    });
    expect((await post('/api/v1/login', { userId: 'nobody', password: 'whatever' })).body).toMatchObject({ error: { code: 'invalid_credentials' } });
  });

  it('A2 login attempts are rate-limited per UserID and address, even with the right password afterwards', async () => {
    await registerUser(server, 'carol', 'carol-password');
    for (let i = 0; i < 3; i += 1) expect((await post('/api/v1/login', { userId: 'carol', password: 'wrong-guess' })).status).toBe(401);
    expect(await post('/api/v1/login', { userId: 'carol', password: 'carol-password' })).toEqual({
      status: 429,
      body: { error: { code: 'rate_limited', message: expect.any(String) } },
    });
    // Another user from the same address is unaffected.
    expect((await post('/api/v1/login', { userId: 'bob', password: 'bob-password' })).status).toBe(200);
  });

  it.each([
    ['a taken UserID', { userId: 'alice', password: 'another-password' }, 409, 'account_exists'],
    ['an app admin UserID', { userId: 'administrator', password: 'another-password' }, 409, 'account_exists'],
    ['a short password', { userId: 'dora', password: 'short' }, 400, 'bad_request'],
    ['an invalid UserID', { userId: 'dora the explorer', password: 'long-enough' }, 400, 'bad_request'],
    ['a missing password', { userId: 'dora' }, 400, 'bad_request'],
  ])('A1 register refuses %s and stores nothing', async (_name, body, status, code) => {
    const before = (await server.store.accounts.getMany(['dora'])).length;
    const reply = await post('/api/v1/register', body);
    expect(reply).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect((await server.store.accounts.getMany(['dora'])).length).toBe(before);
  });

  it('refuses a body that is not JSON, an unknown path and a wrong method', async () => {
    expect(await post('/api/v1/login', '{"userId":', true)).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect((await fetch(`${server.url}/api/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/login`)).status).toBe(405);
  });
});

describe('A1 registration turned off', () => {
  it('A1 refuses self-registration with registration_disabled and says so in /info', async () => {
    const closed = await startTestServer({ registration: false });
    try {
      const response = await fetch(`${closed.url}/api/v1/register`, {
        method: 'POST',
        body: JSON.stringify({ userId: 'eve', password: 'eve-password' }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'registration_disabled' } });
      expect(await closed.store.accounts.get('eve')).toBeNull();
      expect(await (await fetch(`${closed.url}/api/v1/info`)).json()).toMatchObject({ registrationOpen: false });
    } finally {
      await closed.stop({ removeData: true });
    }
  });
});

describe('A1 A2 app admins never sign in with a password', () => {
  it('A2 an account registered before its UserID became an admin loses its password and cannot obtain a UserSig over /api/v1', async () => {
    const first = await startTestServer();
    const dataDir = first.dataDir;
    await registerUser(first, 'ops', 'attacker-password');
    await first.stop();
    const second = await startTestServer({ dataDir, admins: ['ops'] });
    try {
      expect((await second.store.accounts.get('ops'))?.passwordHash).toBeNull();
      const login = await fetch(`${second.url}/api/v1/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'ops', password: 'attacker-password' }),
      });
      expect(login.status).toBe(401);
      expect(await login.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
      const register = await fetch(`${second.url}/api/v1/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'ops', password: 'another-password' }),
      });
      expect(register.status).toBe(409);
    } finally {
      await second.stop({ removeData: true });
    }
  });

  it('A2 a password login as an admin is refused even when the admin account has a password hash', async () => {
    await server.store.db.raw.prepare("UPDATE accounts SET password_hash = (SELECT password_hash FROM accounts WHERE user_id = 'bob') WHERE user_id = 'administrator'").run();
    expect(await post('/api/v1/login', { userId: 'administrator', password: 'bob-password' })).toEqual({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: expect.any(String) } },
    });
  });
});

describe('A1 A2 login and registration limits', () => {
  it('A2 concurrent wrong guesses are counted before the password hash: only the allowed ten get an answer, the rest rate_limited', async () => {
    // The production hash cost, so every guess is still being hashed when the next ones arrive.
    const slow = await startTestServer({ scrypt: DEFAULT_SCRYPT });
    try {
      await registerUser(slow, 'dave', 'dave-password');
      const replies = await Promise.all(
        Array.from({ length: 30 }, () => post('/api/v1/login', { userId: 'dave', password: 'wrong-guess' }, false, slow)),
      );
      const statuses = replies.map((reply) => reply.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(20);
      expect(replies.find((reply) => reply.status === 429)?.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    } finally {
      await slow.stop({ removeData: true });
    }
  });

  it('A2 one address guessing across many accounts is limited, even for a right password afterwards', async () => {
    const limited = await startTestServer({ authLimits: { loginPerAddress: { max: 4, windowMs: 60_000 } } });
    try {
      for (const userId of ['u1', 'u2', 'u3', 'u4', 'u5']) await registerUser(limited, userId, `${userId}-password`);
      for (const userId of ['u1', 'u2', 'u3', 'u4']) {
        expect((await post('/api/v1/login', { userId, password: 'wrong-guess' }, false, limited)).status).toBe(401);
      }
      expect(await post('/api/v1/login', { userId: 'u5', password: 'u5-password' }, false, limited)).toEqual({
        status: 429,
        body: { error: { code: 'rate_limited', message: expect.any(String) } },
      });
    } finally {
      await limited.stop({ removeData: true });
    }
  });

  it('A2 one account guessed from many addresses is limited', async () => {
    const limited = await startTestServer({ authLimits: { loginPerAccount: { max: 2, windowMs: 60_000 } } });
    try {
      await registerUser(limited, 'erin', 'erin-password');
      const { auth } = limited.app.services;
      await expect(auth.login({ userId: 'erin', password: 'wrong-guess' }, '10.0.0.1')).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(auth.login({ userId: 'erin', password: 'wrong-guess' }, '10.0.0.2')).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(auth.login({ userId: 'erin', password: 'erin-password' }, '10.0.0.3')).rejects.toMatchObject({ code: 'rate_limited' });
    } finally {
      await limited.stop({ removeData: true });
    }
  });

  it('A1 registration is throttled per address, counting every attempt, and a refused one stores nothing', async () => {
    const limited = await startTestServer({ authLimits: { register: { max: 3, windowMs: 600_000 } } });
    try {
      await registerUser(limited, 'r1');
      await registerUser(limited, 'r2');
      expect((await post('/api/v1/register', { userId: 'r1', password: 'some-password' }, false, limited)).status).toBe(409);
      expect(await post('/api/v1/register', { userId: 'r3', password: 'some-password' }, false, limited)).toEqual({
        status: 429,
        body: { error: { code: 'rate_limited', message: expect.any(String) } },
      });
      expect(await limited.store.accounts.get('r3')).toBeNull();
    } finally {
      await limited.stop({ removeData: true });
    }
  });
});
