import { describe, expect, it } from 'vitest';
import { bannerState } from './bannerState';

describe('bannerState', () => {
  it('stays out of the way while online, except briefly after coming back', () => {
    expect(bannerState(null, false, 0)).toEqual({ kind: 'hidden' });
    expect(bannerState({ status: 'online', retryInMs: null, receivedAt: 0 }, false, 0)).toEqual({ kind: 'hidden' });
    expect(bannerState({ status: 'online', retryInMs: null, receivedAt: 0 }, true, 0)).toEqual({ kind: 'backOnline' });
  });

  it('counts down to the next reconnect attempt from when it was reported', () => {
    const offline = { status: 'offline' as const, retryInMs: 5000, receivedAt: 10_000 };
    expect(bannerState(offline, false, 10_000)).toEqual({ kind: 'reconnecting', seconds: 5 });
    expect(bannerState(offline, false, 11_200)).toEqual({ kind: 'reconnecting', seconds: 4 });
    expect(bannerState(offline, false, 15_000)).toEqual({ kind: 'connecting' });
  });

  it('says offline when no retry is scheduled, connecting while it connects', () => {
    expect(bannerState({ status: 'offline', retryInMs: null, receivedAt: 0 }, false, 0)).toEqual({ kind: 'offline' });
    expect(bannerState({ status: 'connecting', retryInMs: null, receivedAt: 0 }, false, 0)).toEqual({ kind: 'connecting' });
  });
});
