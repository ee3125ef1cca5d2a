import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel } from '../../../../shared/ipc';
import { PROTOCOL_VERSION } from '../../../../shared/protocol';
import { silentLogger } from '../../logger';
import { FakeConnection } from '../../testing/fakeConnection';
import { FakeServer } from '../../testing/fakeServer';
import { ensureConversation } from '../../store/tables/conversations';
import { insertMessage } from '../../store/tables/messages';
import { openStore } from '../../store/openStore';
import { testMessage } from '../../store/testing';
import { accountDatabasePath, legacyAccountDirectory, sessionFilePath } from './accountPaths';
import { SessionManager } from './sessionManager';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const SERVER = 'http://chat.example:8080';

/** The /api/v1 endpoints as the server answers them. */
function fakeHttp(options: { protocolVersion?: number; down?: boolean; loginGate?: Promise<void>; recallWindowSeconds?: number } = {}) {
  const calls: string[] = [];
  const passwords = new Map<string, string>();
  const fetchFn = (async (url: URL | string, init?: RequestInit) => {
    const path = new URL(url).pathname;
    calls.push(`${init?.method ?? 'GET'} ${path}`);
    if (options.down) throw new TypeError('fetch failed');
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const body = init?.body ? (JSON.parse(String(init.body)) as { userId: string; password: string; nickname?: string }) : null;
    const login = (userId: string, nickname: string) =>
      json(200, { userId, nickname, sdkAppId: 1400000001, userSig: `sig-of-${userId}`, expiresAt: 4_000_000_000 });
    if (path === '/api/v1/info')
      return json(200, { name: 'OpenChat', sdkAppId: 1400000001, protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION, registrationOpen: true, recallWindowSeconds: options.recallWindowSeconds ?? 120, relaySigningKeys: [] });
    if (path === '/api/v1/register' && body) {
      if (passwords.has(body.userId)) return json(409, { error: { code: 'account_exists', message: 'That UserID is already taken.' } });
      passwords.set(body.userId, body.password);
      return login(body.userId, body.nickname ?? body.userId);
    }
    if (path === '/api/v1/login' && body) {
      await options.loginGate;
      if (passwords.get(body.userId) !== body.password) return json(401, { error: { code: 'invalid_credentials', message: 'Wrong UserID or password.' } });
      return login(body.userId, body.userId);
    }
    return json(404, {});
  }) as typeof fetch;
  return { fetchFn, calls, options };
}

function setup(options: { dataDir?: string; http?: ReturnType<typeof fakeHttp>; defaultServerUrl?: string } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'core-session-'));
  if (!options.dataDir) dirs.push(dataDir);
  const http = options.http ?? fakeHttp();
  const events: Array<{ event: EventChannel; payload: unknown }> = [];
  const connections: FakeConnection[] = [];
  const connectedTo: string[] = [];
  const manager = new SessionManager({
    dataDir,
    defaultServerUrl: options.defaultServerUrl ?? null,
    platform: 'Linux',
    logger: silentLogger,
    now: Date.now,
    ackTimeoutMs: 1_000,
    typingShowMs: 6_000,
    fetch: http.fetchFn,
    emit: (event, payload) => events.push({ event, payload }),
    createConnection: (connectionOptions) => {
      connectedTo.push(connectionOptions.url);
      const connection = new FakeConnection(new FakeServer('alice', ['bob']));
      connections.push(connection);
      return connection;
    },
  });
  return { manager, dataDir, http, events, connections, connectedTo };
}

describe('SessionManager', () => {
  it('A1 registers, stores the session owner-only, opens the account store and connects', async () => {
    const { manager, dataDir, events, http } = setup();
    const session = await manager.register({ serverUrl: `${SERVER}/`, userId: 'alice', password: 'long enough', nickname: 'Alice' });
    expect(session).toEqual({ state: 'signedIn', userId: 'alice', nickname: 'Alice', serverUrl: SERVER, serverPolicy: { recallWindowSeconds: 120 } });
    expect(http.calls).toEqual(['GET /api/v1/info', 'POST /api/v1/register']);
    const file = sessionFilePath(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      serverUrl: SERVER,
      userId: 'alice',
      nickname: 'Alice',
      sdkAppId: 1400000001,
      userSig: 'sig-of-alice',
      expiresAt: 4_000_000_000,
      serverPolicy: { recallWindowSeconds: 120 },
    });
    expect(existsSync(accountDatabasePath(dataDir, 1400000001, 'alice'))).toBe(true);
    expect(accountDatabasePath(dataDir, 1400000001, 'alice')).toMatch(/accounts\/1400000001-alice\/chat\.sqlite$/);
    expect(events.find((e) => e.event === 'session:changed')?.payload).toEqual(session);
    expect(manager.current()).toEqual(session);
    await manager.stop();
  });

  it('A2 maps server refusals and network failures to typed errors', async () => {
    const { manager } = setup();
    await expect(manager.signIn({ serverUrl: SERVER, userId: 'alice', password: 'nope' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      message: 'Wrong UserID or password.',
    });
    const down = setup({ http: fakeHttp({ down: true }) });
    await expect(down.manager.signIn({ serverUrl: SERVER, userId: 'alice', password: 'x' })).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringContaining('Cannot reach the server at http://chat.example:8080'),
    });
    const future = setup({ http: fakeHttp({ protocolVersion: PROTOCOL_VERSION + 1 }) });
    await expect(future.manager.signIn({ serverUrl: SERVER, userId: 'alice', password: 'x' })).rejects.toMatchObject({ code: 'protocol_version' });
    expect(manager.current()).toEqual({ state: 'signedOut', reason: null });
  });

  it('M4 restores a saved session at start without touching the network, history included', async () => {
    const first = setup();
    await first.manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    first.manager.requireAccount().messages.send({ conversationId: 'c2c_bob', text: 'written offline' });
    await first.manager.stop();
    const again = setup({ dataDir: first.dataDir, http: fakeHttp({ down: true }) });
    await again.manager.restore();
    expect(again.http.calls).toEqual([]);
    expect(again.manager.current()).toMatchObject({ state: 'signedIn', userId: 'alice' });
    const account = again.manager.requireAccount();
    expect(account.conversations.list().map((c) => c.lastMessage?.body)).toEqual([[{ MsgType: 'TIMTextElem', MsgContent: { Text: 'written offline' } }]]);
    const { messages } = await account.messages.page({ conversationId: 'c2c_bob', limit: 10 });
    expect(messages.map((m) => m.status)).toEqual(['pending']);
    await again.manager.stop();
  });

  it('A2 signs out with the reason when the server refuses the session, keeping the history', async () => {
    const { manager, dataDir, events, connections } = setup();
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    connections[0]?.refuse('usersig_expired', 'The UserSig has expired.');
    await new Promise((r) => setTimeout(r, 20));
    const signedOut = { state: 'signedOut', reason: { code: 'usersig_expired', message: 'The UserSig has expired.' } };
    expect(manager.current()).toEqual(signedOut);
    expect(events.filter((e) => e.event === 'session:changed').at(-1)?.payload).toEqual(signedOut);
    expect(existsSync(sessionFilePath(dataDir))).toBe(false);
    expect(existsSync(accountDatabasePath(dataDir, 1400000001, 'alice'))).toBe(true);
    expect(() => manager.requireAccount()).toThrow(expect.objectContaining({ code: 'unauthenticated' }));
  });

  it('A2 gives the kick code when signed out by the server', async () => {
    const { manager, connections } = setup();
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    connections[0]?.refuse('kicked', 'admin');
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.current()).toEqual({ state: 'signedOut', reason: { code: 'kicked', message: expect.stringContaining('Signed out') } });
  });

  it('A2 a refusal of the old session that lands during a sign-in does not sign out the new one', async () => {
    let openGate = () => {};
    const loginGate = new Promise<void>((resolve) => (openGate = resolve));
    const { manager, dataDir, connections } = setup({ http: fakeHttp({ loginGate }) });
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    const signingIn = manager.signIn({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    await new Promise((r) => setTimeout(r, 10));
    // The old session's connection is refused while the new sign-in waits for the server.
    connections[0]?.refuse('usersig_expired', 'The UserSig has expired.');
    openGate();
    expect(await signingIn).toMatchObject({ state: 'signedIn', userId: 'alice' });
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.current()).toMatchObject({ state: 'signedIn', userId: 'alice' });
    expect(existsSync(sessionFilePath(dataDir))).toBe(true);
    expect(() => manager.requireAccount()).not.toThrow();
    await manager.stop();
  });

  it('signs out on request and finds the same history on the next sign-in', async () => {
    const { manager, dataDir } = setup();
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    manager.requireAccount().messages.send({ conversationId: 'c2c_bob', text: 'kept' });
    expect(await manager.signOut(null)).toEqual({ state: 'signedOut', reason: null });
    expect(existsSync(sessionFilePath(dataDir))).toBe(false);
    await manager.signIn({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    expect(manager.requireAccount().conversations.list()).toHaveLength(1);
    await manager.stop();
    await manager.stop();
  });

  it('A5 follows the embedded server to its new port at start and keeps the history kept under the old address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'core-session-'));
    dirs.push(dataDir);
    const oldUrl = 'http://127.0.0.1:4000';
    const saved = { serverUrl: oldUrl, userId: 'alice', nickname: 'Alice', sdkAppId: 1400000001, userSig: 'sig', expiresAt: 4_000_000_000 };
    writeFileSync(sessionFilePath(dataDir), JSON.stringify(saved));
    // The account's store as an earlier version kept it: in a folder named after the address.
    const legacy = legacyAccountDirectory(dataDir, oldUrl, 'alice');
    const store = openStore(join(legacy, 'chat.sqlite'));
    ensureConversation(store, 'c2c_bob', 'bob', 1);
    insertMessage(store, testMessage({ conversationId: 'c2c_bob', seq: 1, text: 'kept' }));
    store.close();

    const { manager, connectedTo } = setup({ dataDir, defaultServerUrl: 'http://127.0.0.1:5000/' });
    await manager.restore();
    expect(manager.current()).toMatchObject({ state: 'signedIn', userId: 'alice', serverUrl: 'http://127.0.0.1:5000' });
    expect(connectedTo).toEqual(['http://127.0.0.1:5000']);
    expect(JSON.parse(readFileSync(sessionFilePath(dataDir), 'utf8'))).toEqual({ ...saved, serverUrl: 'http://127.0.0.1:5000' });
    expect(existsSync(legacy)).toBe(false);
    const { messages } = await manager.requireAccount().messages.page({ conversationId: 'c2c_bob', limit: 5 });
    expect(messages.map((m) => m.body)).toEqual([[{ MsgType: 'TIMTextElem', MsgContent: { Text: 'kept' } }]]);
    await manager.stop();
  });

  it('A5 finds the same history when signing in to the same server at another address', async () => {
    const { manager } = setup();
    await manager.register({ serverUrl: 'http://127.0.0.1:4000', userId: 'alice', password: 'long enough' });
    manager.requireAccount().messages.send({ conversationId: 'c2c_bob', text: 'kept' });
    await manager.signOut(null);
    await manager.signIn({ serverUrl: 'http://127.0.0.1:5000', userId: 'alice', password: 'long enough' });
    expect(manager.requireAccount().conversations.list()).toHaveLength(1);
    await manager.stop();
  });

  it('M5 the session carries the server’s recall window from sign-in, without asking again on the first connect', async () => {
    const { manager, http, connections, dataDir } = setup({ http: fakeHttp({ recallWindowSeconds: 7 }) });
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    expect(manager.current()).toMatchObject({ state: 'signedIn', serverPolicy: { recallWindowSeconds: 7 } });
    expect(JSON.parse(readFileSync(sessionFilePath(dataDir), 'utf8'))).toMatchObject({ serverPolicy: { recallWindowSeconds: 7 } });
    connections[0]?.goOnline();
    await new Promise((r) => setTimeout(r, 20));
    expect(http.calls).toEqual(['GET /api/v1/info', 'POST /api/v1/register']);
    await manager.stop();
  });

  it('M5 a session file without a policy still loads (two minutes), and a reconnect learns the server’s window', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'core-session-'));
    dirs.push(dataDir);
    const saved = { serverUrl: SERVER, userId: 'alice', nickname: 'Alice', sdkAppId: 1400000001, userSig: 'sig', expiresAt: 4_000_000_000 };
    writeFileSync(sessionFilePath(dataDir), JSON.stringify(saved));
    const { manager, http, events, connections } = setup({ dataDir, http: fakeHttp({ recallWindowSeconds: 30 }) });
    await manager.restore();
    expect(manager.current()).toMatchObject({ state: 'signedIn', userId: 'alice', serverPolicy: { recallWindowSeconds: 120 } });
    expect(http.calls).toEqual([]);
    connections[0]?.goOnline();
    await vi.waitFor(() => expect(manager.current()).toMatchObject({ serverPolicy: { recallWindowSeconds: 30 } }));
    expect(http.calls).toEqual(['GET /api/v1/info']);
    expect(events.filter((e) => e.event === 'session:changed').at(-1)?.payload).toMatchObject({ state: 'signedIn', serverPolicy: { recallWindowSeconds: 30 } });
    expect(JSON.parse(readFileSync(sessionFilePath(dataDir), 'utf8'))).toEqual({ ...saved, serverPolicy: { recallWindowSeconds: 30 } });
    // The server restarts with another window: the next reconnect brings it.
    http.options.recallWindowSeconds = 600;
    connections[0]?.goOffline();
    connections[0]?.goOnline();
    await vi.waitFor(() => expect(manager.current()).toMatchObject({ serverPolicy: { recallWindowSeconds: 600 } }));
    // Unchanged on the next reconnect: nothing new to announce.
    const announced = events.filter((e) => e.event === 'session:changed').length;
    connections[0]?.goOffline();
    connections[0]?.goOnline();
    await vi.waitFor(() => expect(http.calls).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e.event === 'session:changed')).toHaveLength(announced);
    await manager.stop();
  });

  it('M5 a reconnect that cannot read the server’s info keeps the last known window', async () => {
    const { manager, http, connections } = setup({ http: fakeHttp({ recallWindowSeconds: 45 }) });
    await manager.register({ serverUrl: SERVER, userId: 'alice', password: 'long enough' });
    connections[0]?.goOnline();
    http.options.down = true;
    connections[0]?.goOffline();
    connections[0]?.goOnline();
    await vi.waitFor(() => expect(http.calls).toHaveLength(3));
    await new Promise((r) => setTimeout(r, 20));
    expect(manager.current()).toMatchObject({ state: 'signedIn', serverPolicy: { recallWindowSeconds: 45 } });
    await manager.stop();
  });

  it('ignores an unreadable session file', async () => {
    const { manager, dataDir } = setup();
    writeFileSync(sessionFilePath(dataDir), '{ not json');
    await manager.restore();
    expect(manager.current()).toEqual({ state: 'signedOut', reason: null });
  });
});
