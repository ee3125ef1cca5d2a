import { type Clock } from '../../clock';

export interface RateLimit {
  /** Failures allowed within one window. */
  maxFailures: number;
  windowMs: number;
}

/**
 * Counts failures per key in fixed windows (login per UserID + IP, handshakes
 * per IP). Only failures count, so a user who signs in correctly is never
 * slowed down; the map is swept so idle keys do not pile up.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  isBlocked(key: string): boolean {
    const window = this.current(key);
    return window !== undefined && window.failures >= this.limit.maxFailures;
  }

  recordFailure(key: string): void {
    const now = this.clock.now();
    this.sweep(now);
    const window = this.current(key);
    if (window) window.failures += 1;
    else this.windows.set(key, { start: now, failures: 1 });
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): { start: number; failures: number } | undefined {
    const window = this.windows.get(key);
    if (window && this.clock.now() - window.start >= this.limit.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.limit.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.start >= this.limit.windowMs) this.windows.delete(key);
  }
}
