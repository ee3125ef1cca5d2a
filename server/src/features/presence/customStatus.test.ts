import { type AddressInfo, type Server, Socket, createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { PROTOCOL_VERSION } from '../../../../shared/protocol';
import { DEFAULT_HEARTBEAT } from '../../app';
import { type TestSocket, call, collect, connectTestClient, eventually, openSocket, request, settle } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';

describe('A4 custom status', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const connect = async (userId: string): Promise<TestSocket> => {
    const socket = await connectTestClient(server, userId);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await server.app.services.accounts.importAccounts(['sam', 'pal', 'outsider'].map((userId) => ({ userId })));
    const sam = await connectTestClient(server, 'sam');
    await call(sam, 'message:send', { clientMsgId: 'custom-status-setup', to: 'pal', body: textBody('hi') });
    sam.close();
    await eventually(() => !server.app.services.presence.isOnline('sam'));
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(() => server.stop({ removeData: true }));

  it('A4 setting a custom status pushes it with presence to subscribers and the user’s other devices, never to strangers; presence:get returns it', async () => {
    const pal = await connect('pal');
    const outsider = await connect('outsider');
    const samPhone = await connect('sam');
    const samDesk = await connect('sam');
    const palSees = collect(pal, 'presence:changed');
    const deskSees = collect(samDesk, 'presence:changed');
    const outsiderSees = collect(outsider, 'presence:changed');

    expect(await call(samPhone, 'presence:setCustomStatus', { customStatus: '  In a meeting 🗓️  ' })).toEqual({ customStatus: 'In a meeting 🗓️' });
    await eventually(() => palSees.length === 1 && deskSees.length === 1);
    expect(palSees).toEqual([{ userId: 'sam', status: 'online', customStatus: 'In a meeting 🗓️' }]);
    expect(deskSees).toEqual([{ userId: 'sam', status: 'online', customStatus: 'In a meeting 🗓️' }]);
    expect(await call(pal, 'presence:get', { userIds: ['sam'] })).toEqual({
      statuses: [{ userId: 'sam', status: 'online', customStatus: 'In a meeting 🗓️' }],
    });
    expect(await call(outsider, 'presence:get', { userIds: ['sam'] })).toEqual({ statuses: [] });
    await settle();
    expect(outsiderSees).toEqual([]);

    // It is stored: it still travels with the offline announcement and is there when sam comes back.
    samPhone.close();
    samDesk.close();
    await eventually(() => palSees.length === 2);
    expect(palSees[1]).toEqual({ userId: 'sam', status: 'offline', customStatus: 'In a meeting 🗓️' });
    const samAgain = await connect('sam');
    await eventually(() => palSees.length === 3);
    expect(palSees[2]).toEqual({ userId: 'sam', status: 'online', customStatus: 'In a meeting 🗓️' });

    // Cleared on request.
    expect(await call(samAgain, 'presence:setCustomStatus', { customStatus: '' })).toEqual({ customStatus: '' });
    await eventually(() => palSees.length === 4);
    expect(palSees[3]).toEqual({ userId: 'sam', status: 'online', customStatus: '' });
    expect((await call(samAgain, 'presence:get', { userIds: ['sam'] })).statuses).toEqual([{ userId: 'sam', status: 'online', customStatus: '' }]);
  });

  it('A4 a custom status is at most 100 characters (counted as characters, not UTF-16 units) on one line', async () => {
    const sam = await connect('sam');
    const hundredEmoji = '😀'.repeat(100);
    expect(await call(sam, 'presence:setCustomStatus', { customStatus: hundredEmoji })).toEqual({ customStatus: hundredEmoji });
    expect(await request(sam, 'presence:setCustomStatus', { customStatus: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(sam, 'presence:setCustomStatus', { customStatus: 'two\nlines' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(sam, 'presence:setCustomStatus', { customStatus: 'x', userId: 'pal' } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect((await call(sam, 'presence:get', { userIds: ['sam'] })).statuses[0]?.customStatus).toBe(hundredEmoji);
    await call(sam, 'presence:setCustomStatus', { customStatus: '' });
  });

  it('A4 a deleted account’s custom status goes with it (a later owner of the UserID starts without one)', async () => {
    await server.app.services.accounts.importAccounts([{ userId: 'temp' }]);
    const temp = await connectTestClient(server, 'temp');
    await call(temp, 'presence:setCustomStatus', { customStatus: 'here' });
    temp.close();
    await server.app.services.accounts.deleteAccounts(['temp']);
    await server.app.services.accounts.importAccounts([{ userId: 'temp' }]);
    expect(await server.store.presence.customStatuses(['temp'])).toEqual(new Map());
  });
});

/**
 * A TCP relay that can go silent: after `blackhole()` nothing passes in either
 * direction and neither side is closed, like a pulled cable or a sleeping
 * laptop's Wi-Fi. Only heartbeats can notice.
 */
async function silentRelay(targetPort: number): Promise<{ url: string; blackhole(): void; close(): Promise<void> }> {
  const pairs: Array<[Socket, Socket]> = [];
  const relay: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    blackhole() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
        // Swallow whatever either side still writes (the client's own close frames included): nothing crosses.
        client.removeAllListeners('data');
        upstream.removeAllListeners('data');
      }
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

describe('A4 heartbeats', () => {
  it('A4 production heartbeats notice a dead link within 60 s (pingInterval + pingTimeout)', () => {
    expect(DEFAULT_HEARTBEAT.pingIntervalMs + DEFAULT_HEARTBEAT.pingTimeoutMs).toBeLessThanOrEqual(60_000);
  });

  it('A4 a link that dies without a close is noticed by heartbeats: the watcher sees offline within pingInterval + pingTimeout', async () => {
    const heartbeat = { pingIntervalMs: 300, pingTimeoutMs: 300 };
    const server = await startTestServer({ heartbeat });
    const relay = await silentRelay(server.port);
    try {
      await server.app.services.accounts.importAccounts([{ userId: 'ghost' }, { userId: 'watcher' }]);
      const ghostFirst = await connectTestClient(server, 'ghost');
      await call(ghostFirst, 'message:send', { clientMsgId: 'heartbeat-1', to: 'watcher', body: textBody('hi') });
      ghostFirst.close();
      const watcher = await connectTestClient(server, 'watcher');
      const seen = collect(watcher, 'presence:changed');
      const ghost = await openSocket(relay.url, {
        protocolVersion: PROTOCOL_VERSION,
        sdkAppId: server.sdkAppId,
        userId: 'ghost',
        userSig: mintTestUserSig(server, 'ghost'),
        platform: 'Web',
      });
      await eventually(() => seen.some((p) => p.userId === 'ghost' && p.status === 'online'));
      // Several heartbeats pass while the link is healthy: still online.
      await settle(1000);
      expect(server.app.services.presence.isOnline('ghost')).toBe(true);

      relay.blackhole();
      const died = Date.now();
      await eventually(() => seen.some((p) => p.userId === 'ghost' && p.status === 'offline'), 5000);
      const noticedAfter = Date.now() - died;
      // Not before a heartbeat went unanswered (no close reached the server), and within interval + timeout (plus slack).
      expect(noticedAfter).toBeGreaterThanOrEqual(heartbeat.pingTimeoutMs - 50);
      expect(noticedAfter).toBeLessThanOrEqual(heartbeat.pingIntervalMs + heartbeat.pingTimeoutMs + 500);
      expect(seen.at(-1)).toEqual({ userId: 'ghost', status: 'offline', customStatus: '' });
      ghost.close();
      watcher.close();
    } finally {
      await relay.close();
      await server.stop({ removeData: true });
    }
  });
});
