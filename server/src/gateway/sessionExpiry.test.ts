import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { SessionExpiry } from './sessionExpiry';
import { type AppSocket } from './types';

function fakeSocket(id: string, expiresAt: number, closed: string[]): AppSocket {
  return { id, data: { userId: id, platform: 'Web', issuedAt: 0, expiresAt }, disconnect: () => closed.push(id) } as unknown as AppSocket;
}

describe('A2 session expiry sweep', () => {
  it('closes sockets in expiry order once their last valid second has passed, and never one that already left', () => {
    let now = 1_000_000;
    const closed: string[] = [];
    const expiry = new SessionExpiry({ now: () => now }, silentLogger());
    const expiries = [1_050, 1_010, 1_030, 1_020, 1_040, 1_010];
    const sockets = expiries.map((at, i) => fakeSocket(`s${i}`, at, closed));
    sockets.forEach((socket) => expiry.track(socket));
    expiry.untrack(sockets[3]!);
    now = 1_010_999;
    expiry.sweep();
    expect(closed).toEqual([]);
    now = 1_011_000;
    expiry.sweep();
    expect(closed.sort()).toEqual(['s1', 's5']);
    now = 1_100_000;
    expiry.sweep();
    expect(closed).toEqual(['s1', 's5', 's2', 's4', 's0']);
  });

  it('keeps memory bounded when many sockets leave before they expire', () => {
    const closed: string[] = [];
    const expiry = new SessionExpiry({ now: () => 0 }, silentLogger());
    for (let i = 0; i < 5000; i += 1) {
      const socket = fakeSocket(`s${i}`, 10_000 + i, closed);
      expiry.track(socket);
      if (i % 10 !== 0) expiry.untrack(socket);
    }
    expect((expiry as unknown as { heap: unknown[] }).heap.length).toBeLessThan(2 * 500 + 1100);
  });
});
