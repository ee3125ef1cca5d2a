import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/domain';
import { PROTOCOL_VERSION, type HandshakeAuth } from '../../../shared/protocol';
import { silentLogger } from '../logger';
import { Backoff } from './backoff';
import { createConnection, kickedErrorCode, type Connection, type ConnectionRefusal } from './connection';

/** A bare socket.io server standing in for ours: enough to drive the client state machine. */
interface FakeServer {
  url: string;
  io: Server;
  handshakes: HandshakeAuth[];
  sockets: ServerSocket[];
  stop(): Promise<void>;
}

async function startFakeServer(
  port = 0,
  middleware: (auth: HandshakeAuth) => { code: string; message: string } | null = () => null,
): Promise<FakeServer> {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const handshakes: HandshakeAuth[] = [];
  const sockets: ServerSocket[] = [];
  io.use((socket, next) => {
    const auth = socket.handshake.auth as HandshakeAuth;
    handshakes.push(auth);
    const refusal = middleware(auth);
    if (!refusal) return next();
    next(Object.assign(new Error(refusal.message), { data: refusal }));
  });
  io.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('conversation:markRead', (input: { readSeq: number }, ack: (reply: unknown) => void) =>
      ack({ ok: true, data: { readSeq: input.readSeq } }),
    );
    socket.on('typing:set', () => {
      /* never acks: exercises the timeout */
    });
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const actualPort = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    io,
    handshakes,
    sockets,
    stop: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let sigCounter = 0;
function open(url: string, extra: { ackTimeoutMs?: number } = {}) {
  const states: ConnectionState[] = [];
  const refusals: ConnectionRefusal[] = [];
  const connection: Connection = createConnection({
    url,
    auth: () => ({ protocolVersion: PROTOCOL_VERSION, sdkAppId: 1400000001, userId: 'alice', userSig: `sig-${++sigCounter}`, platform: 'Linux' }),
    logger: silentLogger,
    ackTimeoutMs: extra.ackTimeoutMs ?? 2_000,
    backoff: new Backoff({ minMs: 50, maxMs: 200, jitter: 0 }),
  });
  connection.on('state', (s) => states.push(s));
  connection.on('refused', (r) => refusals.push(r));
  cleanups.push(() => connection.close());
  connection.open();
  return { connection, states, refusals };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('connection', () => {
  it('connects with the handshake auth and answers requests through the ack envelope', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.stop());
    const { connection, states } = open(server.url);
    await until(() => connection.isOnline());
    expect(states.map((s) => s.status)).toEqual(['connecting', 'online']);
    expect(server.handshakes[0]).toMatchObject({ userId: 'alice', protocolVersion: PROTOCOL_VERSION, platform: 'Linux' });
    await expect(connection.request('conversation:markRead', { conversationId: 'c2c_bob', readSeq: 3 })).resolves.toEqual({ readSeq: 3 });
  });

  it('fails requests with offline while disconnected and timeout when the server never answers', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.stop());
    const { connection } = open(server.url, { ackTimeoutMs: 100 });
    await expect(connection.request('typing:set', { conversationId: 'c2c_bob' })).rejects.toMatchObject({ code: 'offline' });
    await until(() => connection.isOnline());
    await expect(connection.request('typing:set', { conversationId: 'c2c_bob' })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reconnects with backoff after the server restarts, sending fresh auth each attempt', async () => {
    let server = await startFakeServer();
    const port = Number(new URL(server.url).port);
    const { connection, states } = open(server.url);
    await until(() => connection.isOnline());
    await server.stop();
    await until(() => states.some((s) => s.status === 'offline' && s.retryInMs !== null));
    server = await startFakeServer(port);
    cleanups.push(() => server.stop());
    await until(() => connection.isOnline());
    expect(server.handshakes.at(-1)?.userSig).not.toBe('sig-0');
    const sigs = new Set(server.handshakes.map((h) => h.userSig));
    expect(sigs.size).toBe(server.handshakes.length);
  });

  it('A2 stops reconnecting and reports a refusal when the UserSig has expired', async () => {
    const server = await startFakeServer(0, () => ({ code: 'usersig_expired', message: 'The UserSig has expired.' }));
    cleanups.push(() => server.stop());
    const { connection, refusals, states } = open(server.url);
    await until(() => refusals.length === 1);
    expect(refusals[0]).toEqual({ code: 'usersig_expired', message: 'The UserSig has expired.' });
    await new Promise((r) => setTimeout(r, 300));
    expect(server.handshakes).toHaveLength(1);
    expect(states.at(-1)).toEqual({ status: 'offline', retryInMs: null });
    expect(connection.isOnline()).toBe(false);
  });

  it('keeps retrying after a transient refusal', async () => {
    let refuse = true;
    const server = await startFakeServer(0, () => (refuse ? { code: 'rate_limited', message: 'slow down' } : null));
    cleanups.push(() => server.stop());
    const { connection } = open(server.url);
    await until(() => server.handshakes.length >= 2);
    refuse = false;
    await until(() => connection.isOnline());
  });

  it('treats a session:kicked push as a refusal', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.stop());
    const { connection, refusals } = open(server.url);
    await until(() => connection.isOnline());
    server.sockets[0]?.emit('session:kicked', { reason: 'admin' });
    await until(() => refusals.length === 1);
    expect(refusals[0]?.code).toBe('kicked');
    await until(() => !connection.isOnline());
  });

  it('A5 a kick with a reason signs out with that reason and stops reconnecting', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.stop());
    const { connection, refusals } = open(server.url);
    await until(() => connection.isOnline());
    server.sockets[0]?.emit('session:kicked', { reason: 'Signed in on another device.', code: 'another_device', byPlatform: 'Web' });
    await until(() => refusals.length === 1);
    expect(refusals[0]).toEqual({ code: 'kicked_another_device', message: 'Signed out because this account signed in on another device.' });
    await until(() => !connection.isOnline());
    const handshakes = server.handshakes.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(server.handshakes.length).toBe(handshakes);
    expect(connection.state).toEqual({ status: 'offline', retryInMs: null });
  });

  it('A5 maps every kick reason to the code the person is shown', () => {
    expect(kickedErrorCode('another_device')).toBe('kicked_another_device');
    expect(kickedErrorCode('signed_out_elsewhere')).toBe('kicked_elsewhere');
    expect(kickedErrorCode('admin_kick')).toBe('kicked_by_admin');
    expect(kickedErrorCode('usersig_revoked')).toBe('usersig_revoked');
    expect(kickedErrorCode('account_deleted')).toBe('account_not_found');
    expect(kickedErrorCode(undefined)).toBe('kicked');
  });

  it('drops invalid pushes and delivers valid ones parsed', async () => {
    const server = await startFakeServer();
    cleanups.push(() => server.stop());
    const { connection } = open(server.url);
    const received: unknown[] = [];
    connection.onPush('presence:changed', (p) => received.push(p));
    await until(() => connection.isOnline());
    server.sockets[0]?.emit('presence:changed', { userId: 'bob', status: 'dancing' });
    server.sockets[0]?.emit('presence:changed', { userId: 'bob', status: 'online', extra: 1 });
    await until(() => received.length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual([{ userId: 'bob', status: 'online' }]);
  });
});
