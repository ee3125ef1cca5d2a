import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KickReason, type Platform, PROTOCOL_VERSION } from '../../../../shared/protocol';
import { type TestSocket, call, collect, eventually, openSocket, request, settle } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { DEFAULT_MULTI_DEVICE_POLICY, type MultiDeviceMode, type MultiDevicePolicy, devicesToKick } from './multiDevicePolicy';

function auth(server: TestServer, userId: string, platform: Platform, instanceId?: string) {
  return {
    protocolVersion: PROTOCOL_VERSION,
    sdkAppId: server.sdkAppId,
    userId,
    userSig: mintTestUserSig(server, userId),
    platform,
    ...(instanceId === undefined ? {} : { instanceId }),
  };
}

interface Device {
  socket: TestSocket;
  kicked: Array<{ reason: string; code?: KickReason; byPlatform?: Platform }>;
  disconnects: string[];
}

async function device(server: TestServer, userId: string, platform: Platform, instanceId?: string): Promise<Device> {
  const socket = await openSocket(server.url, auth(server, userId, platform, instanceId));
  const entry: Device = { socket, kicked: collect(socket, 'session:kicked'), disconnects: [] };
  socket.on('disconnect', (reason) => entry.disconnects.push(reason));
  return entry;
}

/** [mode, devices already online (oldest first), the new login, the indexes of the devices pushed out] */
type PolicyCase = [MultiDeviceMode, Platform[], Platform, number[]];

const CASES: PolicyCase[] = [
  // single: one platform at all.
  ['single', ['Windows'], 'Android', [0]],
  ['single', ['Web'], 'Mac', [0]],
  ['single', ['Android'], 'Android', [0]],
  ['single', ['iPhone'], 'Web', [0]],
  // dual (default): one of Android/iPhone/Windows/Mac/Linux, plus Web.
  ['dual', ['Windows'], 'Android', [0]],
  ['dual', ['Windows'], 'Web', []],
  ['dual', ['Web'], 'Linux', []],
  ['dual', ['Windows', 'Web'], 'Web', [1]],
  ['dual', ['Android', 'Web'], 'Mac', [0]],
  ['dual', ['Linux'], 'Linux', [0]],
  // triple: one mobile, one desktop, plus Web.
  ['triple', ['Android'], 'Windows', []],
  ['triple', ['Android', 'Windows'], 'iPhone', [0]],
  ['triple', ['Android', 'Windows', 'Web'], 'Linux', [1]],
  ['triple', ['Mac'], 'Mac', [0]],
  ['triple', ['iPhone', 'Mac'], 'Web', []],
  // multi: every platform at once, one device each.
  ['multi', ['Android', 'iPhone', 'Windows', 'Mac', 'Linux', 'Web'], 'Unknown', []],
  ['multi', ['Android', 'iPhone'], 'Android', [0]],
  ['multi', ['Web', 'Mac'], 'Web', [0]],
];

describe('A5 multi-device policy (pure)', () => {
  it.each(CASES)('A5 %s: online %j, a login on %s pushes out %j', (mode, online, incoming, expected) => {
    const policy: MultiDevicePolicy = { ...DEFAULT_MULTI_DEVICE_POLICY, mode };
    const existing = online.map((platform, index) => ({ id: String(index), platform, connectedSince: 1000 + index }));
    expect(devicesToKick(policy, existing, incoming).map((d) => Number(d.id))).toEqual(expected);
  });

  it('A5 per-platform instance limits push out only the oldest beyond the limit; Web has its own limit', () => {
    const policy: MultiDevicePolicy = { mode: 'multi', instancesPerPlatform: 2, webInstances: 3 };
    const at = (platforms: Platform[]) => platforms.map((platform, index) => ({ id: String(index), platform, connectedSince: 1000 + index }));
    expect(devicesToKick(policy, at(['Windows', 'Windows']), 'Windows').map((d) => d.id)).toEqual(['0']);
    expect(devicesToKick(policy, at(['Windows', 'Web', 'Web']), 'Web')).toEqual([]);
    expect(devicesToKick(policy, at(['Web', 'Web', 'Web']), 'Web').map((d) => d.id)).toEqual(['0']);
    // The oldest is chosen by connection time, not by list position.
    const shuffled = [
      { id: 'new', platform: 'Windows' as const, connectedSince: 3000 },
      { id: 'old', platform: 'Windows' as const, connectedSince: 1000 },
    ];
    expect(devicesToKick(policy, shuffled, 'Windows').map((d) => d.id)).toEqual(['old']);
    // Dual with two desktops allowed: a phone still pushes out every desktop (one platform per group).
    expect(devicesToKick({ mode: 'dual', instancesPerPlatform: 2, webInstances: 1 }, at(['Mac', 'Mac', 'Web']), 'Android').map((d) => d.id)).toEqual(['0', '1']);
  });
});

describe('A5 multi-device policy over real sockets', () => {
  const servers = new Map<MultiDeviceMode, TestServer>();
  let counter = 0;

  beforeAll(async () => {
    for (const mode of ['single', 'dual', 'triple', 'multi'] as const) {
      servers.set(mode, await startTestServer({ multiDevice: { ...DEFAULT_MULTI_DEVICE_POLICY, mode } }));
    }
  });
  afterAll(async () => {
    for (const server of servers.values()) await server.stop({ removeData: true });
  });

  it.each(CASES)('A5 %s: online %j, a login on %s kicks %j with session:kicked another_device', async (mode, online, incoming, expected) => {
    const server = servers.get(mode)!;
    const userId = `u${++counter}`;
    await server.app.services.accounts.importAccounts([{ userId }]);
    const devices: Device[] = [];
    for (const [index, platform] of online.entries()) devices.push(await device(server, userId, platform, `old-${index}`));
    const newcomer = await device(server, userId, incoming, 'new');
    await eventually(() => expected.every((index) => devices[index]!.disconnects.length === 1));
    await settle();
    devices.forEach((entry, index) => {
      if (expected.includes(index)) {
        expect(entry.kicked).toEqual([
          { reason: 'Signed out because this account signed in on another device.', code: 'another_device', byPlatform: incoming },
        ]);
        expect(entry.disconnects).toEqual(['io server disconnect']);
      } else {
        expect(entry.kicked).toEqual([]);
        expect(entry.socket.connected).toBe(true);
      }
    });
    expect(newcomer.socket.connected).toBe(true);
    const { devices: listed } = await call(newcomer.socket, 'devices:list', {});
    expect(listed.map((d) => d.instanceId).sort()).toEqual(
      [...online.map((_, index) => `old-${index}`).filter((_, index) => !expected.includes(index)), 'new'].sort(),
    );
    for (const entry of [...devices, newcomer]) entry.socket.close();
  });

  it('A5 a pushed-out device cannot reconnect with its instanceId (refused "kicked", so it cannot push the newer one out in turn); a fresh sign-in can', async () => {
    const server = servers.get('dual')!;
    await server.app.services.accounts.importAccounts([{ userId: 'pingpong' }]);
    const laptop = await device(server, 'pingpong', 'Windows', 'laptop');
    const phone = await device(server, 'pingpong', 'Android', 'phone');
    await eventually(() => laptop.disconnects.length === 1);
    expect(laptop.kicked).toEqual([expect.objectContaining({ code: 'another_device', byPlatform: 'Android' })]);
    await expect(openSocket(server.url, auth(server, 'pingpong', 'Windows', 'laptop'))).rejects.toMatchObject({
      data: { code: 'kicked', message: 'Signed out because this account signed in on another device.' },
    });
    await settle();
    expect(phone.socket.connected).toBe(true);
    // Signing in again on the laptop is a new instance: the last login wins, as with Tencent.
    const laptopAgain = await device(server, 'pingpong', 'Windows', 'laptop-2');
    await eventually(() => phone.disconnects.length === 1);
    expect(phone.kicked).toEqual([expect.objectContaining({ code: 'another_device', byPlatform: 'Windows' })]);
    laptopAgain.socket.close();
  });

  it('A5 a reconnect with the same instanceId replaces that device’s older socket without a kick (one device, not two)', async () => {
    const server = servers.get('dual')!;
    await server.app.services.accounts.importAccounts([{ userId: 'flaky' }]);
    const first = await device(server, 'flaky', 'Linux', 'desk');
    const web = await device(server, 'flaky', 'Web', 'tab');
    const second = await device(server, 'flaky', 'Linux', 'desk');
    await eventually(() => first.disconnects.length === 1);
    expect(first.kicked).toEqual([]);
    const { devices } = await call(second.socket, 'devices:list', {});
    expect(devices.map((d) => [d.instanceId, d.platform, d.current])).toEqual([
      ['desk', 'Linux', true],
      ['tab', 'Web', false],
    ]);
    expect(web.kicked).toEqual([]);
    second.socket.close();
    web.socket.close();
  });

  it('A5 a client without an instanceId counts each connection as a device (its socket id names it)', async () => {
    const server = servers.get('multi')!;
    await server.app.services.accounts.importAccounts([{ userId: 'anon' }]);
    const a = await device(server, 'anon', 'Mac');
    const b = await device(server, 'anon', 'Mac');
    await eventually(() => a.disconnects.length === 1);
    expect(a.kicked).toEqual([expect.objectContaining({ code: 'another_device' })]);
    expect((await call(b.socket, 'devices:list', {})).devices).toEqual([
      { instanceId: b.socket.id, platform: 'Mac', connectedSince: expect.any(Number), current: true },
    ]);
    b.socket.close();
  });
});

describe('A5 devices: list and remote sign-out', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ multiDevice: { mode: 'multi', instancesPerPlatform: 3, webInstances: 3 } });
    await server.app.services.accounts.importAccounts([{ userId: 'dana' }, { userId: 'other' }]);
  });
  afterAll(() => server.stop({ removeData: true }));

  it('A5 devices:list shows every connected device oldest first with platform, connected-since and this-device; devices:changed follows connects and leaves', async () => {
    const before = Date.now();
    const desk = await device(server, 'dana', 'Windows', 'desk');
    const changes = collect(desk.socket, 'devices:changed');
    const phone = await device(server, 'dana', 'iPhone', 'phone');
    const tab = await device(server, 'dana', 'Web', 'tab');
    const { devices } = await call(phone.socket, 'devices:list', {});
    expect(devices).toEqual([
      { instanceId: 'desk', platform: 'Windows', connectedSince: expect.any(Number), current: false },
      { instanceId: 'phone', platform: 'iPhone', connectedSince: expect.any(Number), current: true },
      { instanceId: 'tab', platform: 'Web', connectedSince: expect.any(Number), current: false },
    ]);
    expect(devices[0]!.connectedSince).toBeGreaterThanOrEqual(before);
    expect(devices[0]!.connectedSince).toBeLessThanOrEqual(devices[2]!.connectedSince);
    await eventually(() => changes.length === 2);
    expect(changes[1]!.devices.map((d) => [d.instanceId, d.current])).toEqual([
      ['desk', true],
      ['phone', false],
      ['tab', false],
    ]);
    tab.socket.close();
    await eventually(() => changes.length === 3);
    expect(changes[2]!.devices.map((d) => d.instanceId)).toEqual(['desk', 'phone']);
    // Another user's devices are never shown.
    const other = await device(server, 'other', 'Web', 'x');
    expect((await call(other.socket, 'devices:list', {})).devices.map((d) => d.instanceId)).toEqual(['x']);
    for (const entry of [desk, phone, other]) entry.socket.close();
  });

  it('A5 devices:signOut pushes session:kicked signed_out_elsewhere to that device only, disconnects it and refuses its return; own or unknown devices are refused', async () => {
    const desk = await device(server, 'dana', 'Mac', 'desk-2');
    const phone = await device(server, 'dana', 'Android', 'phone-2');
    const changes = collect(desk.socket, 'devices:changed');
    expect(await call(desk.socket, 'devices:signOut', { instanceId: 'phone-2' })).toEqual({});
    await eventually(() => phone.disconnects.length === 1);
    expect(phone.kicked).toEqual([
      { reason: 'This device was signed out from another of your devices.', code: 'signed_out_elsewhere', byPlatform: 'Mac' },
    ]);
    expect(desk.kicked).toEqual([]);
    expect(desk.socket.connected).toBe(true);
    await eventually(() => changes.some((c) => c.devices.length === 1));
    expect((await call(desk.socket, 'devices:list', {})).devices.map((d) => d.instanceId)).toEqual(['desk-2']);
    await expect(openSocket(server.url, auth(server, 'dana', 'Android', 'phone-2'))).rejects.toMatchObject({
      data: { code: 'kicked', message: 'This device was signed out from another of your devices.' },
    });
    expect(await request(desk.socket, 'devices:signOut', { instanceId: 'desk-2' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(desk.socket, 'devices:signOut', { instanceId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Another user's device cannot be named.
    const stranger = await device(server, 'other', 'Web', 'y');
    expect(await request(stranger.socket, 'devices:signOut', { instanceId: 'desk-2' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(desk.socket.connected).toBe(true);
    desk.socket.close();
    stranger.socket.close();
  });

  it('A5 S1 REST kick still ends every device with admin_kick and invalidates the UserSigs (no instance can come back with them)', async () => {
    const sig = mintTestUserSig(server, 'dana');
    const a = await openSocket(server.url, { ...auth(server, 'dana', 'Linux', 'k1'), userSig: sig });
    const b = await openSocket(server.url, { ...auth(server, 'dana', 'Web', 'k2'), userSig: sig });
    const kickedA = collect(a, 'session:kicked');
    const kickedB = collect(b, 'session:kicked');
    await server.app.services.auth.kick('dana');
    await eventually(() => a.disconnected && b.disconnected);
    expect(kickedA).toEqual([{ reason: 'Signed out by an administrator.', code: 'admin_kick' }]);
    expect(kickedB).toEqual([{ reason: 'Signed out by an administrator.', code: 'admin_kick' }]);
    await expect(openSocket(server.url, { ...auth(server, 'dana', 'Linux', 'k3'), userSig: sig })).rejects.toMatchObject({
      data: { code: 'usersig_revoked' },
    });
  });

  it('A5 a malformed instanceId is refused at the handshake', async () => {
    await expect(openSocket(server.url, auth(server, 'other', 'Web', 'has spaces'))).rejects.toMatchObject({ data: { code: 'bad_request' } });
  });
});
