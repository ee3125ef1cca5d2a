/**
 * Talking to the embedded server's process without Electron: the server, run
 * by `utilityProcess.fork`, posts `{ type: 'listening', url }` on its parent
 * port once it accepts connections. These helpers wait for that (or fail
 * clearly) and stop the process; tests drive them with an EventEmitter.
 */

/** The slice of Electron's `UtilityProcess` used here. */
export interface ServerProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
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
 * Asks the process to stop (SIGTERM on POSIX, so the server can close its
 * database) and resolves once it has exited, or after `timeoutMs` so quitting
 * the app can never hang on it.
 */
export function stopServerProcess(child: ServerProcessLike, timeoutMs: number): Promise<'exited' | 'timed-out'> {
  return new Promise((resolve) => {
    const onExit = () => {
      clearTimeout(timer);
      resolve('exited');
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve('timed-out');
    }, timeoutMs);
    child.on('exit', onExit);
    if (!child.kill()) {
      // kill() is false when the process is already gone: nothing to wait for.
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve('exited');
    }
  });
}
