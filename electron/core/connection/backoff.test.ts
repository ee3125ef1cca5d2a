import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from 500 ms up to a 10 s ceiling without jitter at the midpoint', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('spreads delays by ±50 % and never exceeds the ceiling', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 1 });
    expect(low.next()).toBe(250);
    expect(high.next()).toBe(750);
    for (let i = 0; i < 10; i += 1) expect(high.next()).toBeLessThanOrEqual(10_000);
  });
});
