import { type PresenceStatus } from '../../../../shared/domain';
import { type Platform } from '../../../../shared/protocol';
import { type Delivery } from '../../gateway/delivery';
import { type Logger } from '../../logger';
import { type ConversationsRepository } from '../../store/types';

/**
 * A4: a user is online while at least one of their sockets is connected
 * (socket.io heartbeats notice a dead link within pingInterval + pingTimeout).
 * Only the first connect and the last disconnect are announced, to everyone
 * who shares a conversation with the user and is online to hear it; when a
 * conversation starts, both people are told each other's status.
 */
export class PresenceService {
  private readonly sockets = new Map<string, Map<string, Platform>>();

  constructor(
    private readonly deps: { conversations: ConversationsRepository; delivery: Delivery; logger: Logger },
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

  /**
   * Two people now share a conversation: each online one is told the other's
   * status at once, since presence is only shared within conversations and the
   * first-connect / last-disconnect announcements have already passed.
   */
  introduce(a: string, b: string): void {
    if (this.isOnline(a)) this.deps.delivery.toUser(a, 'presence:changed', { userId: b, status: this.statusOf(b) });
    if (this.isOnline(b)) this.deps.delivery.toUser(b, 'presence:changed', { userId: a, status: this.statusOf(a) });
  }

  private announce(userId: string): void {
    this.deps.conversations
      .peersOf(userId)
      .then((peers) => {
        // Read the status now, not at the transition: a quick connect-disconnect
        // then ends with every peer told the state that actually holds.
        const status = this.statusOf(userId);
        for (const peer of peers) {
          if (this.isOnline(peer)) this.deps.delivery.toUser(peer, 'presence:changed', { userId, status });
        }
      })
      .catch((error: unknown) => this.deps.logger.error({ err: error, userId }, 'presence announcement failed'));
  }
}
