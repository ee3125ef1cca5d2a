import { type Clock } from '../../clock';

export interface RateLimit {
  /** Attempts allowed within one window; the next one is refused until the window ends. */
  max: number;
  windowMs: number;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Counts attempts per key in fixed windows. Callers count an attempt *before*
 * doing the expensive part (a password hash), so concurrent attempts cannot
 * all slip past the check while the first ones are still being verified; an
 * attempt that turns out fine may be refunded. The map is swept so idle keys
 * do not pile up.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  isBlocked(key: string): boolean {
    const window = this.current(key);
    return window !== undefined && window.count >= this.limit.max;
  }

  record(key: string): void {
    const now = this.clock.now();
    this.sweep(now);
    const window = this.current(key);
    if (window) window.count += 1;
    else this.windows.set(key, { start: now, count: 1 });
  }

  /** Takes back one attempt of the current window (it succeeded and should not count). */
  refund(key: string): void {
    const window = this.current(key);
    if (!window) return;
    window.count -= 1;
    if (window.count <= 0) this.windows.delete(key);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string): Window | undefined {
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

/** Several limits that must all allow an attempt; it is counted in each of them, or in none. */
export class AttemptGate {
  constructor(private readonly checks: ReadonlyArray<{ limiter: AttemptLimiter; key: string }>) {}

  /** Counts the attempt everywhere and returns true, or returns false (counting nothing) when any limit is reached. */
  enter(): boolean {
    if (this.checks.some(({ limiter, key }) => limiter.isBlocked(key))) return false;
    for (const { limiter, key } of this.checks) limiter.record(key);
    return true;
  }

  refund(): void {
    for (const { limiter, key } of this.checks) limiter.refund(key);
  }
}
