import { AppError } from '../../../../shared/errors';
import { type DeviceInfo, type KickReason, type Platform } from '../../../../shared/protocol';
import { type Clock } from '../../clock';
import { KICK_MESSAGES } from '../../gateway/kick';
import { type AppSocket } from '../../gateway/types';
import { type Logger } from '../../logger';
import { DEFAULT_MULTI_DEVICE_POLICY, type MultiDevicePolicy, devicesToKick } from './multiDevicePolicy';

interface Device {
  /** The handshake's instanceId, or the socket id when the client sent none. */
  instanceId: string;
  /** Whether the client named itself (only then can a later handshake be recognised as this device). */
  named: boolean;
  platform: Platform;
  connectedSince: number;
  socket: AppSocket;
}


/** How long a pushed-out device's instanceId is refused at the handshake, and how many are remembered. */
const KICKED_TTL_MS = 24 * 3600 * 1000;
const KICKED_MAX = 10_000;

/**
 * A5: the user's connected devices and the multi-device policy. On each new
 * connection the policy decides which older devices go (they get
 * `session:kicked` with code another_device and are disconnected); a user may
 * sign out one of their other devices (signed_out_elsewhere). A device pushed
 * out that comes back with its instanceId is refused `kicked` at the
 * handshake, so even a client that missed the push cannot reconnect and push
 * the newer device out in turn. In memory, per process (see server/README.md).
 */
export class DevicesService {
  private readonly byUser = new Map<string, Map<string, Device>>();
  /** `${userId}\n${instanceId}` → when the refusal lapses (Unix ms); in insertion order, oldest first. */
  private readonly kicked = new Map<string, { code: KickReason; until: number }>();
  readonly policy: MultiDevicePolicy;

  constructor(private readonly deps: { clock: Clock; logger: Logger; policy?: MultiDevicePolicy }) {
    this.policy = deps.policy ?? DEFAULT_MULTI_DEVICE_POLICY;
  }

  /** Why a handshake from this instance must be refused (it was pushed out or signed out), or null. */
  refusal(userId: string, instanceId: string | undefined): KickReason | null {
    if (instanceId === undefined) return null;
    const key = `${userId}\n${instanceId}`;
    const entry = this.kicked.get(key);
    if (!entry) return null;
    if (entry.until > this.deps.clock.now()) return entry.code;
    this.kicked.delete(key);
    return null;
  }

  /**
   * A new socket is connected and in its user's room: it replaces the older
   * socket of the same instance, or it is a new device and the policy pushes
   * out the oldest conflicting ones.
   */
  admit(socket: AppSocket): void {
    const { userId, platform } = socket.data;
    const instanceId = socket.data.instanceId ?? socket.id;
    let devices = this.byUser.get(userId);
    if (!devices) {
      devices = new Map();
      this.byUser.set(userId, devices);
    }
    const previous = devices.get(instanceId);
    if (previous) {
      // The same client reconnecting while its older link has not been noticed dead yet: not another device.
      devices.set(instanceId, { ...previous, platform, socket });
      previous.socket.disconnect(true);
    } else {
      devices.set(instanceId, { instanceId, named: socket.data.instanceId !== undefined, platform, connectedSince: this.deps.clock.now(), socket });
      const existing = [...devices.values()].filter((device) => device.instanceId !== instanceId);
      const out = devicesToKick(
        this.policy,
        existing.map((device) => ({ id: device.instanceId, platform: device.platform, connectedSince: device.connectedSince })),
        platform,
      );
      for (const { id } of out) {
        const device = devices.get(id);
        if (device) this.kick(userId, device, 'another_device', platform);
      }
      if (out.length > 0) this.deps.logger.info({ userId, platform, kicked: out.map((d) => d.platform) }, 'multi-device policy pushed devices out');
    }
    this.announce(userId);
  }

  /** A socket left; its device is gone unless a newer socket of the same instance replaced it. */
  left(socket: AppSocket): void {
    const { userId } = socket.data;
    const devices = this.byUser.get(userId);
    if (!devices) return;
    const instanceId = socket.data.instanceId ?? socket.id;
    if (devices.get(instanceId)?.socket !== socket) return;
    devices.delete(instanceId);
    if (devices.size === 0) this.byUser.delete(userId);
    this.announce(userId);
  }

  /** The user's connected devices, oldest first, `current` for the socket asking. */
  list(userId: string, currentSocketId: string | null): DeviceInfo[] {
    return [...(this.byUser.get(userId)?.values() ?? [])]
      .sort((a, b) => a.connectedSince - b.connectedSince)
      .map((device) => ({
        instanceId: device.instanceId,
        platform: device.platform,
        connectedSince: device.connectedSince,
        current: device.socket.id === currentSocketId,
      }));
  }

  /** A5: signs another device of the user out (it gets `session:kicked` signed_out_elsewhere and may not come back). */
  signOut(userId: string, requester: AppSocket, instanceId: string): void {
    const device = this.byUser.get(userId)?.get(instanceId);
    if (!device) throw new AppError('not_found', 'No such device is signed in.');
    if (device.socket.id === requester.id) throw new AppError('bad_request', 'Sign this device out by signing out.');
    this.kick(userId, device, 'signed_out_elsewhere', requester.data.platform);
    this.announce(userId);
  }

  private kick(userId: string, device: Device, code: KickReason, byPlatform: Platform): void {
    if (device.named) this.remember(`${userId}\n${device.instanceId}`, code);
    this.byUser.get(userId)?.delete(device.instanceId);
    device.socket.emit('session:kicked', { reason: KICK_MESSAGES[code], code, byPlatform });
    device.socket.disconnect(true);
  }

  private remember(key: string, code: KickReason): void {
    this.kicked.delete(key);
    this.kicked.set(key, { code, until: this.deps.clock.now() + KICKED_TTL_MS });
    while (this.kicked.size > KICKED_MAX) {
      const oldest = this.kicked.keys().next();
      if (oldest.done === true) break;
      this.kicked.delete(oldest.value);
    }
  }

  /** Tells each of the user's sockets the device list, marking its own entry. */
  private announce(userId: string): void {
    const devices = this.byUser.get(userId);
    if (!devices) return;
    for (const device of devices.values()) {
      if (device.socket.connected) device.socket.emit('devices:changed', { devices: this.list(userId, device.socket.id) });
    }
  }
}
