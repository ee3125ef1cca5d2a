import { type GroupMsgPriority } from '../../../../shared/domain';

/** M15: messages per second a group accepts at Normal priority (Tencent's documented 40). */
export const DEFAULT_GROUP_MESSAGES_PER_SECOND = 40;

/**
 * M15 frequency control per group (ADR 0004 §3): 1-second buckets with limit L; Low is admitted while the
 * bucket holds < L/2, Normal while < L, High while < 1.5 L, so a flood of normal traffic never blocks a
 * High message and Low goes first. In-process (one node), like the member cache.
 */
export class GroupRateLimiter {
  private readonly buckets = new Map<string, { second: number; count: number }>();

  constructor(private readonly perSecond = DEFAULT_GROUP_MESSAGES_PER_SECOND) {}

  /** Counts the message and returns true when admitted; false refuses it (nothing counted). */
  admit(groupId: string, priority: GroupMsgPriority, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    let bucket = this.buckets.get(groupId);
    if (!bucket || bucket.second !== second) {
      // Old buckets are dropped as the map grows, so idle groups cost nothing for long.
      if (this.buckets.size > 10_000) this.prune(second);
      bucket = { second, count: 0 };
      this.buckets.set(groupId, bucket);
    }
    const ceiling = priority === 'Low' ? this.perSecond / 2 : priority === 'Normal' ? this.perSecond : this.perSecond * 1.5;
    if (bucket.count >= ceiling) return false;
    bucket.count += 1;
    return true;
  }

  private prune(second: number): void {
    for (const [groupId, bucket] of this.buckets) if (bucket.second !== second) this.buckets.delete(groupId);
  }
}
