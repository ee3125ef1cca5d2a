import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { utilityProcess } from 'electron';
import type { MainLogger } from '../platform/log';
import { createLineSplitter } from './lineSplitter';
import { embeddedServerArgs, parseRememberedPort, portsToTry, serializeRememberedPort } from './rememberedPort';
import { EmbeddedServerError, stopServerProcess, waitForListening } from './serverProcess';
import { superviseServer, type ServerRun } from './supervisor';

export interface EmbeddedServerOptions {
  /** out/main/server.cjs, bundled from server/src/main.ts. */
  entry: string;
  /** The server's own data folder, inside the user-data folder. */
  dataDir: string;
  /** Where the last port is remembered. */
  portFile: string;
  log: MainLogger;
  startTimeoutMs?: number;
  /** It crashed and could not be restarted (after several tries with back-off): tell the user. */
  onGaveUp?: (reason: string) => void;
}

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * D2: with no server configured, the bundled server runs in an Electron
 * utility process (a Node child that shares Electron's runtime, so the same
 * better-sqlite3 binary loads) and the app signs in against it. If it crashes it
 * is restarted on the same port with back-off (supervisor.ts).
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  if (!existsSync(options.entry)) {
    throw new EmbeddedServerError(`The embedded server is missing (${options.entry}). Run "npm run build" first.`);
  }
  await mkdir(options.dataDir, { recursive: true });
  const remembered = parseRememberedPort(await readFile(options.portFile, 'utf8').catch(() => null));
  let lastError: unknown = null;
  for (const port of portsToTry(remembered)) {
    try {
      const run = await startOnPort(options, port);
      await rememberPort(options, run.url);
      const samePort = Number(new URL(run.url).port);
      return superviseServer(run, {
        restart: () => startOnPort(options, samePort),
        log: options.log,
        onGaveUp: (reason) => options.onGaveUp?.(reason),
      });
    } catch (error) {
      lastError = error;
      options.log.warn({ err: error, port }, 'the embedded server did not start on this port');
    }
  }
  throw lastError instanceof Error ? lastError : new EmbeddedServerError('The embedded server did not start.');
}

async function startOnPort(options: EmbeddedServerOptions, port: number): Promise<ServerRun> {
  const child = utilityProcess.fork(options.entry, embeddedServerArgs(port, options.dataDir), {
    serviceName: 'OpenChat embedded server',
    stdio: 'pipe',
  });
  const stdout = createLineSplitter((line) => options.log.info({ source: 'server' }, line));
  const stderr = createLineSplitter((line) => options.log.warn({ source: 'server' }, line));
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stdout?.on('end', () => stdout.flush());
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stderr?.on('end', () => stderr.flush());
  let url: string;
  try {
    url = await waitForListening(child, options.startTimeoutMs ?? 20_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  let stopping = false;
  const exitListeners: Array<(code: number | null) => void> = [];
  child.on('exit', (code) => {
    if (!stopping) exitListeners.forEach((listener) => listener(code));
  });
  options.log.info({ url }, 'the embedded server is listening');
  return {
    url,
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    async stop() {
      stopping = true;
      const outcome = await stopServerProcess(child, { graceMs: 3_000, killMs: 2_000 });
      if (outcome === 'killed') options.log.warn('the embedded server did not stop within 3 s and was killed');
      if (outcome === 'timed-out') options.log.warn('the embedded server did not exit even after being killed');
    },
  };
}

async function rememberPort(options: EmbeddedServerOptions, url: string): Promise<void> {
  const text = serializeRememberedPort(url);
  if (!text) return;
  try {
    await mkdir(dirname(options.portFile), { recursive: true });
    await writeFile(options.portFile, text);
  } catch (error) {
    options.log.warn({ err: error }, 'could not remember the embedded server port');
  }
}
