import { describe, expect, it } from 'vitest';
import { RequestBudget } from './requestBudget';

describe('request budget (token bucket)', () => {
  it('allows a burst, then refills at the sustained rate up to the burst again', () => {
    let now = 0;
    const budget = new RequestBudget(
      { send: { burst: 2, perSecond: 4 }, typing: { burst: 1, perSecond: 1 }, other: { burst: 1, perSecond: 1 } },
      { now: () => now },
    );
    expect([budget.take('message:send'), budget.take('message:send'), budget.take('message:send')]).toEqual([true, true, false]);
    now += 250;
    expect([budget.take('message:send'), budget.take('message:send')]).toEqual([true, false]);
    now += 60_000;
    expect([budget.take('message:send'), budget.take('message:send'), budget.take('message:send')]).toEqual([true, true, false]);
    expect([budget.take('sync:conversations'), budget.take('users:get')]).toEqual([true, false]);
    expect(budget.take('typing:set')).toBe(true);
  });
});
