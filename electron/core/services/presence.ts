import type { PresenceStatus } from '../../../shared/domain';
import type { Connection } from '../connection/connection';

const PRESENCE_BATCH = 500;

/**
 * A4: what this device knows of other people's presence. Only meaningful while
 * connected: on a drop everything becomes unknown (null) until the next catch-up.
 */
export class PresenceBook {
  private readonly statuses = new Map<string, PresenceStatus>();

  constructor(private readonly connection: Connection) {}

  get(userId: string): PresenceStatus | null {
    return this.statuses.get(userId) ?? null;
  }

  /** Asks the server for the current status of `userIds`; returns those whose status changed. */
  async refresh(userIds: readonly string[]): Promise<string[]> {
    const changed: string[] = [];
    for (let i = 0; i < userIds.length; i += PRESENCE_BATCH) {
      const batch = userIds.slice(i, i + PRESENCE_BATCH);
      const { statuses } = await this.connection.request('presence:get', { userIds: batch });
      for (const { userId, status } of statuses) if (this.set(userId, status)) changed.push(userId);
    }
    return changed;
  }

  /** Returns true if the status changed. */
  set(userId: string, status: PresenceStatus): boolean {
    if (this.statuses.get(userId) === status) return false;
    this.statuses.set(userId, status);
    return true;
  }

  /** Forgets everything (connection lost); returns who had a known status. */
  clear(): string[] {
    const known = [...this.statuses.keys()];
    this.statuses.clear();
    return known;
  }
}
