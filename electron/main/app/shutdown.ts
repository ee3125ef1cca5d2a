import type { MainLogger } from '../platform/log';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Quitting runs each step once, in order (the core before the server it talks
 * to), each bounded by `stepTimeoutMs` and with failures logged, so a stuck
 * or failing step can neither hang the quit nor skip the steps after it.
 * Repeated calls share the first run.
 */
export function createShutdown(
  steps: () => readonly ShutdownStep[],
  options: { log: Pick<MainLogger, 'info' | 'warn' | 'error'>; stepTimeoutMs: number },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => {
    running ??= (async () => {
      for (const step of steps()) {
        const outcome = await withTimeout(Promise.resolve().then(step.run), options.stepTimeoutMs);
        if (outcome.kind === 'failed') options.log.error({ err: outcome.error, step: step.name }, 'a shutdown step failed');
        else if (outcome.kind === 'timed-out') options.log.warn({ step: step.name }, 'a shutdown step timed out');
      }
      options.log.info('shut down');
    })();
    return running;
  };
}

type Outcome = { kind: 'done' } | { kind: 'failed'; error: unknown } | { kind: 'timed-out' };

function withTimeout(work: Promise<void>, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs);
    work.then(
      () => {
        clearTimeout(timer);
        resolve({ kind: 'done' });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'failed', error });
      },
    );
  });
}
