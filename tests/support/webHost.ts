import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startWebHost, type WebHost } from '../../electron/web-host';

export interface Person {
  name: string;
  /** The URL to open, with this launch's token; changes on every restart. */
  readonly url: string;
  /** The running host, or null while closed. */
  readonly host: WebHost | null;
  /** The person's own folder (local store), kept across restarts. */
  dataDir: string;
  /** Stops the host if running and starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops the host (the person "goes offline"); the data stays for restart(). */
  close(): Promise<void>;
  /** close() and delete the data folder. */
  dispose(): Promise<void>;
}

export interface StartPersonOptions {
  serverUrl: string;
  name: string;
  /** Defaults to out/renderer (run `npm run build` first). */
  rendererDir?: string;
}

/** One person = one web host in this process, with its own temporary data folder. */
export async function startPerson(options: StartPersonOptions): Promise<Person> {
  const dataDir = mkdtempSync(join(tmpdir(), `openchat-${options.name}-`));
  const logger = pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent', base: { person: options.name } });
  let host: WebHost | null = null;
  let port = 0;

  const start = async () => {
    host = await startWebHost({ serverUrl: options.serverUrl, port, dataDir, rendererDir: options.rendererDir, logger });
    port = host.port;
  };
  const close = async () => {
    const running = host;
    host = null;
    await running?.close();
  };

  await start();
  return {
    name: options.name,
    get url() {
      if (!host) throw new Error(`${options.name}'s web host is not running.`);
      return host.url;
    },
    get host() {
      return host;
    },
    dataDir,
    async restart() {
      await close();
      await start();
    },
    close,
    async dispose() {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
