export interface BackoffOptions {
  minMs?: number;
  maxMs?: number;
  /** 0.5 spreads each delay over ±50 %, so clients cut off together do not return together. */
  jitter?: number;
  random?: () => number;
}

/** Exponential reconnect delays with jitter, the same curve socket.io's Manager uses (500 ms doubling to 10 s). */
export class Backoff {
  private attempts = 0;
  private readonly minMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.minMs = options.minMs ?? 500;
    this.maxMs = options.maxMs ?? 10_000;
    this.jitter = options.jitter ?? 0.5;
    this.random = options.random ?? Math.random;
  }

  next(): number {
    const base = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.attempts, 30));
    this.attempts += 1;
    const spread = base * this.jitter * (2 * this.random() - 1);
    return Math.round(Math.min(this.maxMs, Math.max(0, base + spread)));
  }

  reset(): void {
    this.attempts = 0;
  }
}
