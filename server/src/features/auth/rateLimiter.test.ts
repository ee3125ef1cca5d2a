import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rateLimiter';

describe('A2 failure rate limiting', () => {
  it('A2 blocks a key after the allowed failures within a window and frees it when the window ends', () => {
    let now = 1_000;
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000 }, { now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.isBlocked('alice|1.2.3.4')).toBe(false);
      limiter.recordFailure('alice|1.2.3.4');
    }
    expect(limiter.isBlocked('alice|1.2.3.4')).toBe(true);
    expect(limiter.isBlocked('alice|5.6.7.8')).toBe(false);
    now += 60_000;
    expect(limiter.isBlocked('alice|1.2.3.4')).toBe(false);
  });

  it('reset clears a key after a success', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 60_000 }, { now: () => 0 });
    limiter.recordFailure('k');
    expect(limiter.isBlocked('k')).toBe(true);
    limiter.reset('k');
    expect(limiter.isBlocked('k')).toBe(false);
  });
});
