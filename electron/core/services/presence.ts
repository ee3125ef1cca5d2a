import type { PresenceStatus } from '../../../shared/domain';
import type { Connection } from '../connection/connection';

const PRESENCE_BATCH = 500;

/**
 * A4: what this device knows of other people's presence and custom status text. Only
 * meaningful while connected: on a drop everything becomes unknown (null) until the next
 * catch-up.
 */
export class PresenceBook {
  private readonly statuses = new Map<string, PresenceStatus>();
  private readonly customStatuses = new Map<string, string>();
  private readonly listeners = new Set<(userIds: readonly string[]) => void>();

  constructor(private readonly connection: Connection) {}

  /** Called with the people whose presence or custom status changed (after a push, a refresh or a drop). */
  onChange(listener: (userIds: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(userIds: readonly string[]): void {
    if (userIds.length > 0) for (const listener of this.listeners) listener(userIds);
  }

  get(userId: string): PresenceStatus | null {
    return this.statuses.get(userId) ?? null;
  }

  /** The person's custom status text ('' when none or unknown). */
  customStatus(userId: string): string {
    return this.customStatuses.get(userId) ?? '';
  }

  /** Asks the server for the current status of `userIds`; returns those whose status or text changed. */
  async refresh(userIds: readonly string[]): Promise<string[]> {
    const changed: string[] = [];
    for (let i = 0; i < userIds.length; i += PRESENCE_BATCH) {
      const batch = userIds.slice(i, i + PRESENCE_BATCH);
      const { statuses } = await this.connection.request('presence:get', { userIds: batch });
      const batchChanged = statuses.filter(({ userId, status, customStatus }) => this.apply(userId, status, customStatus)).map((s) => s.userId);
      this.changed(batchChanged);
      changed.push(...batchChanged);
    }
    return changed;
  }

  /** Returns true if the status (or the custom status text, when given) changed. */
  set(userId: string, status: PresenceStatus, customStatus?: string): boolean {
    const changed = this.apply(userId, status, customStatus);
    if (changed) this.changed([userId]);
    return changed;
  }

  private apply(userId: string, status: PresenceStatus, customStatus?: string): boolean {
    let changed = false;
    if (this.statuses.get(userId) !== status) {
      this.statuses.set(userId, status);
      changed = true;
    }
    if (customStatus !== undefined && this.customStatus(userId) !== customStatus) {
      if (customStatus === '') this.customStatuses.delete(userId);
      else this.customStatuses.set(userId, customStatus);
      changed = true;
    }
    return changed;
  }

  /** Forgets everything (connection lost); returns who had a known status. */
  clear(): string[] {
    const known = [...this.statuses.keys()];
    this.statuses.clear();
    this.customStatuses.clear();
    this.changed(known);
    return known;
  }
}
