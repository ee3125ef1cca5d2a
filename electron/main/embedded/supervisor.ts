/**
 * Keeps the embedded server running: when its process exits unexpectedly it is started
 * again on the same port (the saved session names that address), after a back-off; if it
 * keeps failing the user is told. No Electron here: embeddedServer.ts supplies the process.
 */

export interface RestartPolicyOptions {
  /** First wait before a restart; doubles per consecutive failure. */
  minMs: number;
  maxMs: number;
  /** Consecutive failures (crashes or failed starts) before giving up. */
  maxFailures: number;
  /** A server that stayed up this long is healthy again: its next crash starts the count afresh. */
  stableMs: number;
}

export const RESTART_POLICY: RestartPolicyOptions = { minMs: 500, maxMs: 30_000, maxFailures: 5, stableMs: 60_000 };

export type RestartDecision = { kind: 'restart'; delayMs: number } | { kind: 'giveUp' };

/** Counts consecutive failures and decides what follows each one. */
export class RestartPolicy {
  private failures = 0;

  constructor(private readonly options: RestartPolicyOptions = RESTART_POLICY) {}

  /** The server exited on its own after running for `upForMs` (a start that failed is 0). */
  failed(upForMs: number): RestartDecision {
    if (upForMs >= this.options.stableMs) this.failures = 0;
    this.failures += 1;
    if (this.failures > this.options.maxFailures) return { kind: 'giveUp' };
    const delayMs = Math.min(this.options.maxMs, this.options.minMs * 2 ** (this.failures - 1));
    return { kind: 'restart', delayMs };
  }
}

/** One run of the server process. */
export interface ServerRun {
  url: string;
  /** Called once if the process exits without being asked to. */
  onUnexpectedExit(listener: (code: number | null) => void): void;
  stop(): Promise<void>;
}

export interface SupervisorOptions {
  /** Starts the server again on the same port. */
  restart: () => Promise<ServerRun>;
  policy?: RestartPolicy;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void; error(details: object, message: string): void };
  /** The server is down for good; tell the user. */
  onGaveUp: (reason: string) => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => () => void;
}

export interface SupervisedServer {
  readonly url: string;
  stop(): Promise<void>;
}

function defaultTimer(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
}

export function superviseServer(first: ServerRun, options: SupervisorOptions): SupervisedServer {
  const policy = options.policy ?? new RestartPolicy();
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? defaultTimer;
  let current: ServerRun | null = null;
  let cancelTimer: (() => void) | null = null;
  let stopped = false;

  const watch = (run: ServerRun) => {
    current = run;
    const startedAt = now();
    run.onUnexpectedExit((code) => {
      if (stopped || current !== run) return;
      current = null;
      options.log.error({ code }, 'the embedded server exited unexpectedly');
      failed(now() - startedAt, `it exited with code ${code ?? 'unknown'}`);
    });
  };

  const failed = (upForMs: number, reason: string) => {
    const decision = policy.failed(upForMs);
    if (decision.kind === 'giveUp') {
      options.log.error({ reason }, 'the embedded server keeps failing; not restarting it');
      options.onGaveUp(reason);
      return;
    }
    options.log.warn({ retryInMs: decision.delayMs }, 'restarting the embedded server');
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      void attempt();
    }, decision.delayMs);
  };

  const attempt = async () => {
    if (stopped) return;
    try {
      const run = await options.restart();
      if (stopped) {
        await run.stop();
        return;
      }
      options.log.info({ url: run.url }, 'the embedded server is back');
      watch(run);
    } catch (error) {
      if (stopped) return;
      failed(0, error instanceof Error ? error.message : String(error));
    }
  };

  watch(first);
  return {
    url: first.url,
    async stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      const run = current;
      current = null;
      await run?.stop();
    },
  };
}
