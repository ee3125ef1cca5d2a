import type { ConnectionState } from '../../../../shared/domain';

export type Banner =
  | { kind: 'hidden' }
  | { kind: 'offline' }
  | { kind: 'reconnecting'; seconds: number }
  | { kind: 'connecting' }
  | { kind: 'backOnline' };

/**
 * What the banner says. `retryInMs` counts from when the core reported it,
 * so the countdown is computed against that moment, not restarted on render.
 */
export function bannerState(connection: (ConnectionState & { receivedAt: number }) | null, backOnline: boolean, now: number): Banner {
  if (!connection) return { kind: 'hidden' };
  if (connection.status === 'online') return backOnline ? { kind: 'backOnline' } : { kind: 'hidden' };
  if (connection.status === 'connecting') return { kind: 'connecting' };
  if (connection.retryInMs === null) return { kind: 'offline' };
  const remainingMs = connection.receivedAt + connection.retryInMs - now;
  if (remainingMs <= 0) return { kind: 'connecting' };
  return { kind: 'reconnecting', seconds: Math.ceil(remainingMs / 1000) };
}
