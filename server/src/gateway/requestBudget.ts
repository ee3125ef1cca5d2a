import { type RequestName } from '../../../shared/protocol';
import { type Clock } from '../clock';

export interface TokenBucketLimit {
  /** Requests that may arrive at once after a quiet spell. */
  burst: number;
  /** Sustained requests per second. */
  perSecond: number;
}

/** Per connection. Sends and typing have their own budgets; every other request shares one. */
export interface RequestLimits {
  send: TokenBucketLimit;
  typing: TokenBucketLimit;
  other: TokenBucketLimit;
}

/**
 * Generous for people and their clients (a reconnect's catch-up, an outbox of
 * hundreds of messages flushed one by one, typing renewed every 3 s), but a
 * flooding connection is held to a rate the server can afford for everyone.
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  send: { burst: 200, perSecond: 50 },
  typing: { burst: 10, perSecond: 2 },
  other: { burst: 300, perSecond: 100 },
};

type Kind = keyof RequestLimits;

export function kindOf(name: RequestName): Kind {
  return name === 'message:send' ? 'send' : name === 'typing:set' ? 'typing' : 'other';
}

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly limit: TokenBucketLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) * this.limit.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The token buckets of one connection, created on its first request of each kind. */
export class RequestBudget {
  private readonly buckets: Partial<Record<Kind, Bucket>> = {};

  constructor(
    private readonly limits: RequestLimits,
    private readonly clock: Clock,
  ) {}

  /** Spends one request of this kind; false when the connection is over its budget. */
  take(name: RequestName): boolean {
    const kind = kindOf(name);
    const now = this.clock.now();
    const bucket = (this.buckets[kind] ??= new Bucket(this.limits[kind], now));
    return bucket.take(now);
  }
}
