/**
 * Background work (sends, catch-up, pushes) started by an account. Shutdown flips
 * `closed` first, so work in flight stops touching the store, then waits for it all
 * to settle before the database is closed under it.
 */
export class TaskTracker {
  private readonly running = new Set<Promise<unknown>>();
  private readonly controller = new AbortController();

  get closed(): boolean {
    return this.controller.signal.aborted;
  }

  /** Aborted at shutdown: pass to sleeps so they end at once. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.then(
      () => this.running.delete(work),
      () => this.running.delete(work),
    );
    return work;
  }

  /** From now on `closed` is true and sleeps end; work in flight is expected to wind down. */
  abort(): void {
    this.controller.abort();
  }

  /** Resolves once all tracked work, including work started while waiting, has settled. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** Waits `ms`, or less if `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
