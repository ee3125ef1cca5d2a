import { describe, expect, it } from 'vitest';
import { AttemptGate, AttemptLimiter } from './rateLimiter';

describe('A2 attempt rate limiting', () => {
  it('A2 blocks a key after the allowed attempts within a window and frees it when the window ends', () => {
    let now = 1_000;
    const limiter = new AttemptLimiter({ max: 3, windowMs: 60_000 }, { now: () => now });
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.isBlocked('alice|1.2.3.4')).toBe(false);
      limiter.record('alice|1.2.3.4');
    }
    expect(limiter.isBlocked('alice|1.2.3.4')).toBe(true);
    expect(limiter.isBlocked('alice|5.6.7.8')).toBe(false);
    now += 60_000;
    expect(limiter.isBlocked('alice|1.2.3.4')).toBe(false);
  });

  it('reset clears a key; refund takes back one attempt', () => {
    const limiter = new AttemptLimiter({ max: 2, windowMs: 60_000 }, { now: () => 0 });
    limiter.record('k');
    limiter.record('k');
    expect(limiter.isBlocked('k')).toBe(true);
    limiter.refund('k');
    expect(limiter.isBlocked('k')).toBe(false);
    limiter.record('k');
    limiter.reset('k');
    expect(limiter.isBlocked('k')).toBe(false);
  });

  it('A2 a gate counts an attempt in every limit or, when one is reached, in none', () => {
    const perPair = new AttemptLimiter({ max: 10, windowMs: 60_000 }, { now: () => 0 });
    const perAddress = new AttemptLimiter({ max: 2, windowMs: 60_000 }, { now: () => 0 });
    const gate = (user: string) =>
      new AttemptGate([
        { limiter: perPair, key: `${user}|1.2.3.4` },
        { limiter: perAddress, key: '1.2.3.4' },
      ]);
    expect(gate('alice').enter()).toBe(true);
    expect(gate('bob').enter()).toBe(true);
    expect(gate('carol').enter()).toBe(false);
    // The refused attempt was not counted for carol.
    perAddress.reset('1.2.3.4');
    for (let i = 0; i < 2; i += 1) expect(gate('carol').enter()).toBe(true);
    expect(perPair.isBlocked('carol|1.2.3.4')).toBe(false);
  });
});
