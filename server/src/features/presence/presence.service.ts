import { type PresenceStatus } from '../../../../shared/domain';
import { type Platform, type PresenceInfo } from '../../../../shared/protocol';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type Logger } from '../../logger';
import { type PresenceRepository } from '../../store/presenceTypes';
import { type PresenceAudience } from './audience';

/**
 * A4: a user is online while at least one of their sockets is connected, on
 * any device (socket.io heartbeats notice a dead link within pingInterval +
 * pingTimeout). Only the first connect and the last disconnect are announced,
 * to everyone in the user's audience (friends; conversation partners) who is
 * online to hear it; when a conversation starts, both people are told each
 * other's status. A custom status text (stored) travels with every
 * announcement, and a change of it is announced to the audience and the
 * user's own devices.
 */
export class PresenceService {
  private readonly sockets = new Map<string, Map<string, Platform>>();

  constructor(
    private readonly deps: {
      audience: PresenceAudience;
      repository: PresenceRepository;
      delivery: Delivery;
      logger: Logger;
      clock: Clock;
    },
  ) {}

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }

  statusOf(userId: string): PresenceStatus {
    return this.isOnline(userId) ? 'online' : 'offline';
  }

  /** The platform of each connected device, in connection order. */
  platformsOf(userId: string): Platform[] {
    return [...(this.sockets.get(userId)?.values() ?? [])];
  }

  socketConnected(userId: string, socketId: string, platform: Platform): void {
    let devices = this.sockets.get(userId);
    const first = !devices;
    if (!devices) {
      devices = new Map();
      this.sockets.set(userId, devices);
    }
    devices.set(socketId, platform);
    if (first) this.announce(userId);
  }

  socketDisconnected(userId: string, socketId: string): void {
    const devices = this.sockets.get(userId);
    if (!devices?.delete(socketId) || devices.size > 0) return;
    this.sockets.delete(userId);
    this.announce(userId);
  }

  /** A4: status and custom text of `userIds` (in the order given), as the viewer's audience rules allow. */
  async get(viewer: string, userIds: readonly string[]): Promise<PresenceInfo[]> {
    const asked = [...new Set(userIds)];
    const visible = new Set(await this.deps.audience.visibleTo(viewer, asked));
    visible.add(viewer);
    const shown = asked.filter((id) => visible.has(id));
    const texts = await this.deps.repository.customStatuses(shown);
    return shown.map((userId) => ({ userId, status: this.statusOf(userId), customStatus: texts.get(userId) ?? '' }));
  }

  /** A4: sets ('' clears) the user's custom status text and announces it. */
  async setCustomStatus(userId: string, text: string): Promise<string> {
    const customStatus = text.trim();
    await this.deps.repository.setCustomStatus(userId, customStatus, this.deps.clock.now());
    this.deps.delivery.toUser(userId, 'presence:changed', { userId, status: this.statusOf(userId), customStatus });
    this.announce(userId);
    return customStatus;
  }

  /**
   * Two people now share a conversation: each online one is told the other's
   * status at once, since presence is only shared within conversations and the
   * first-connect / last-disconnect announcements have already passed.
   */
  introduce(a: string, b: string): void {
    if (!this.isOnline(a) && !this.isOnline(b)) return;
    this.deps.repository
      .customStatuses([a, b])
      .then((texts) => {
        const info = (userId: string): PresenceInfo => ({ userId, status: this.statusOf(userId), customStatus: texts.get(userId) ?? '' });
        if (this.isOnline(a)) this.deps.delivery.toUser(a, 'presence:changed', info(b));
        if (this.isOnline(b)) this.deps.delivery.toUser(b, 'presence:changed', info(a));
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, a, b }, 'presence introduction failed'));
  }

  /** Tells `viewer` (if online) `userId`'s current presence, e.g. once `userId` is in the viewer's friend list. */
  show(viewer: string, userId: string): void {
    if (!this.isOnline(viewer)) return;
    this.deps.repository
      .customStatuses([userId])
      .then((texts) => {
        this.deps.delivery.toUser(viewer, 'presence:changed', { userId, status: this.statusOf(userId), customStatus: texts.get(userId) ?? '' });
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, viewer, userId }, 'presence update failed'));
  }

  /** Tells the user's whole audience (those online) their current status, e.g. after a friendship starts. */
  announce(userId: string): void {
    Promise.all([this.deps.audience.watchersOf(userId), this.deps.repository.customStatuses([userId])])
      .then(([watchers, texts]) => {
        // Read the status now, not at the transition: a quick connect-disconnect
        // then ends with every watcher told the state that actually holds.
        const info: PresenceInfo = { userId, status: this.statusOf(userId), customStatus: texts.get(userId) ?? '' };
        for (const watcher of new Set(watchers)) {
          if (watcher !== userId && this.isOnline(watcher)) this.deps.delivery.toUser(watcher, 'presence:changed', info);
        }
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, userId }, 'presence announcement failed'));
  }
}
