import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { io } from 'socket.io-client';
import { createChatCore, type ChatCore, type ChatSocket } from '../../electron/core';
import { AppError } from '../../shared/errors';
import type { Session } from '../../shared/domain';
import type { EventChannel, EventPayload, RequestChannel, RequestInput, RequestOutput } from '../../shared/ipc';
import { dispatchIpc } from '../../shared/ipc/dispatch';

/**
 * A real client core in this Node process, as a host runs it: its own data folder,
 * events recorded, the API called through the same dispatch path the hosts use.
 *
 *   startTestCore({ serverUrl, dataDir?, ackMs? }) → TestCore
 *   core.call(channel, input)   → the value, or throws AppError (like the renderer sees it)
 *   core.waitFor(predicate)     → polls until predicate returns a truthy value and returns it
 *   core.signUp(userId, pw?)    → registers (and signs in) on serverUrl
 *   core.dropConnection()       → closes the live socket's transport, as a network drop would
 *   core.restart()              → stop + a new createChatCore on the same data folder (a new process)
 */
export interface RecordedEvent<E extends EventChannel = EventChannel> {
  event: E;
  payload: EventPayload<E>;
}

export interface TestCore {
  core: ChatCore;
  dataDir: string;
  serverUrl: string;
  events: RecordedEvent[];
  eventsOf<E extends EventChannel>(event: E): EventPayload<E>[];
  call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  waitFor<T>(predicate: () => T | Promise<T>, timeoutMs?: number, what?: string): Promise<NonNullable<T>>;
  signUp(userId: string, password?: string): Promise<Session>;
  dropConnection(): void;
  restart(): Promise<TestCore>;
  /** Stops the core; the data folder stays (for restart or a new core on it). */
  close(): Promise<void>;
  /** close() and delete the data folder. */
  dispose(): Promise<void>;
}

export interface StartTestCoreOptions {
  serverUrl: string;
  dataDir?: string;
  ackMs?: number;
  name?: string;
}

export async function startTestCore(options: StartTestCoreOptions): Promise<TestCore> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `openchat-core-${options.name ?? 'person'}-`));
  const logger = pino({ level: process.env.CORE_LOG_LEVEL ?? 'silent', base: { person: options.name ?? dataDir } });
  const sockets: ChatSocket[] = [];
  const events: RecordedEvent[] = [];
  const core = createChatCore({
    dataDir,
    defaultServerUrl: options.serverUrl,
    host: 'web',
    appVersion: '0.0.0-test',
    platform: 'Linux',
    logger,
    timeouts: { ackMs: options.ackMs ?? 5_000 },
    connect: (url, connectOptions) => {
      const socket = io(url, connectOptions) as ChatSocket;
      sockets.push(socket);
      return socket;
    },
  });
  core.subscribe((event, payload) => events.push({ event, payload } as RecordedEvent));
  await core.start();

  const testCore: TestCore = {
    core,
    dataDir,
    serverUrl: options.serverUrl,
    events,
    eventsOf: <E extends EventChannel>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    async call(channel, input) {
      const reply = await dispatchIpc(core.api, channel, input, (error) => logger.error({ err: error }, 'unexpected'));
      if (!reply.ok) throw new AppError(reply.error.code, reply.error.message);
      return reply.value as RequestOutput<typeof channel>;
    },
    async waitFor(predicate, timeoutMs = 20_000, what = 'condition') {
      const started = Date.now();
      let lastError: unknown;
      for (;;) {
        try {
          const value = await predicate();
          if (value) return value as NonNullable<Awaited<typeof value>>;
        } catch (error) {
          lastError = error;
        }
        if (Date.now() - started > timeoutMs) {
          throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    signUp: (userId, password = 'correct-horse-battery') =>
      testCore.call('session:register', { serverUrl: options.serverUrl, userId, password, nickname: userId }),
    dropConnection() {
      const live = sockets.filter((s) => s.connected);
      if (live.length === 0) throw new Error('No live connection to drop.');
      // Closing the engine is what a network drop looks like to socket.io: "transport close".
      for (const socket of live) socket.io.engine.close();
    },
    async restart() {
      await testCore.close();
      return startTestCore({ ...options, dataDir });
    },
    close: () => core.stop(),
    async dispose() {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testCore;
}
