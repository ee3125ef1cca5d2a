import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { collect, connectTestClient, eventually } from '../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../testing/testServer';
import { type AppSocket, userRoom } from './types';
import { WriteCoalescer } from './writeCoalescer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
});
afterAll(() => server.stop({ removeData: true }));

async function serverSocketOf(userId: string): Promise<AppSocket> {
  const sockets = await server.app.io.in(userRoom(userId)).fetchSockets();
  const id = sockets[0]?.id;
  const socket = id === undefined ? undefined : server.app.io.of('/').sockets.get(id);
  if (!socket) throw new Error(`no socket for ${userId}`);
  return socket;
}

describe('WriteCoalescer', () => {
  it('sends every frame of one turn to a held socket in one write, in order', async () => {
    const client = await connectTestClient(server, 'alice');
    const received = collect(client, 'presence:changed');
    const socket = await serverSocketOf('alice');
    const raw = (socket.conn as unknown as { transport: { socket: { _socket: { _writev: (...args: unknown[]) => unknown; _write: (...args: unknown[]) => unknown } } } }).transport.socket._socket;
    let writes = 0;
    const originalWritev = raw._writev.bind(raw);
    const originalWrite = raw._write.bind(raw);
    raw._writev = (...args) => ((writes += 1), originalWritev(...args));
    raw._write = (...args) => ((writes += 1), originalWrite(...args));

    const coalescer = new WriteCoalescer();
    coalescer.hold(socket);
    for (let i = 0; i < 5; i += 1) socket.emit('presence:changed', { userId: `user${i}`, status: 'online' });
    await eventually(() => received.length === 5);
    expect(received.map((p) => p.userId)).toEqual(['user0', 'user1', 'user2', 'user3', 'user4']);
    expect(writes).toBe(1);
    client.close();
  });

  it('leaves a long-polling socket alone, which still receives everything', async () => {
    const client = ioClient(server.url, {
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
      auth: { protocolVersion: PROTOCOL_VERSION, sdkAppId: server.sdkAppId, userId: 'bob', userSig: mintTestUserSig(server, 'bob'), platform: 'Web' },
    });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const received: string[] = [];
    client.on('presence:changed', (payload: { userId: string }) => received.push(payload.userId));
    const socket = await serverSocketOf('bob');
    const coalescer = new WriteCoalescer();
    coalescer.hold(socket);
    socket.emit('presence:changed', { userId: 'x', status: 'offline' });
    socket.emit('presence:changed', { userId: 'y', status: 'offline' });
    await eventually(() => received.length === 2);
    expect(received).toEqual(['x', 'y']);
    client.close();
  });

  it('a connection whose flush throws does not leave the other held connections muted', async () => {
    const alice = await connectTestClient(server, 'alice');
    const bob = await connectTestClient(server, 'bob');
    const bobReceived = collect(bob, 'presence:changed');
    const aliceSocket = await serverSocketOf('alice');
    const bobSocket = await serverSocketOf('bob');
    const aliceConn = aliceSocket.conn as unknown as { flush: () => void };
    const flush = aliceConn.flush.bind(aliceConn);
    aliceConn.flush = () => {
      aliceConn.flush = flush;
      throw new Error('broken pipe');
    };
    const coalescer = new WriteCoalescer();
    coalescer.hold(aliceSocket);
    coalescer.hold(bobSocket);
    bobSocket.emit('presence:changed', { userId: 'z', status: 'online' });
    await eventually(() => bobReceived.length === 1);
    // Alice's connection is writable again too: later packets still go out.
    const aliceReceived = collect(alice, 'presence:changed');
    aliceSocket.emit('presence:changed', { userId: 'w', status: 'online' });
    await eventually(() => aliceReceived.length >= 1);
    alice.close();
    bob.close();
  });
});
