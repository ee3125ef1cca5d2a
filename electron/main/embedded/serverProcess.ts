/**
 * Talking to the embedded server's process without Electron: the server, run
 * by `utilityProcess.fork`, posts `{ type: 'listening', url }` on its parent
 * port once it accepts connections. These helpers wait for that (or fail
 * clearly) and stop the process; tests drive them with an EventEmitter.
 * server/src/main.ts defines both messages.
 */

/** The slice of Electron's `UtilityProcess` used here. */
export interface ServerProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
  /** Undefined before the process spawned and after it exited. */
  readonly pid: number | undefined;
}

export class EmbeddedServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedServerError';
  }
}

/** The server's URL if `message` is its listening report on http(s), else null. */
export function parseListeningMessage(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, url } = message as { type?: unknown; url?: unknown };
  if (type !== 'listening' || typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    // Keep the server's own spelling (no trailing slash added), but only once it parsed.
    return url.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** Resolves with the server URL, or rejects if the process exits first or stays silent for `timeoutMs`. */
export function waitForListening(child: ServerProcessLike, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      const url = parseListeningMessage(message);
      if (url === null) return;
      cleanup();
      resolve(url);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new EmbeddedServerError(`The embedded server stopped (exit code ${code}) before it was ready. See the log for its error.`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new EmbeddedServerError(
          `The embedded server did not report that it was listening within ${Math.round(timeoutMs / 1000)} s.`,
        ),
      );
    }, timeoutMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Stops the server gracefully where possible: first the `{ type: 'shutdown' }`
 * message (it closes sockets and its database, and works on Windows, where
 * kill() cannot be caught), then kill() after `graceMs`. Resolves once it has
 * exited, or after `killMs` more so quitting the app never hangs on it.
 */
export function stopServerProcess(
  child: ServerProcessLike,
  timing: { graceMs: number; killMs: number },
): Promise<'exited' | 'killed' | 'timed-out'> {
  if (child.pid === undefined) return Promise.resolve('exited');
  return new Promise((resolve) => {
    let killed = false;
    let timer: ReturnType<typeof setTimeout>;
    const finish = (outcome: 'exited' | 'killed' | 'timed-out') => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(outcome);
    };
    const onExit = () => finish(killed ? 'killed' : 'exited');
    child.on('exit', onExit);
    const forceKill = () => {
      killed = true;
      // kill() is false when the process is already gone.
      if (!child.kill()) return finish('exited');
      timer = setTimeout(() => finish('timed-out'), timing.killMs);
    };
    try {
      child.postMessage({ type: 'shutdown' });
      timer = setTimeout(forceKill, timing.graceMs);
    } catch {
      forceKill();
    }
  });
}
