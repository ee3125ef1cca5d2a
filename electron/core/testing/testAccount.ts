import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventChannel, EventPayload } from '../../../shared/ipc';
import { openAccount, type Account, type AccountDeps } from '../account';
import type { ConnectionRefusal } from '../connection/connection';
import { silentLogger } from '../logger';
import { openStore } from '../store/openStore';
import type { WritableDB } from '../store/database';
import { accountDatabasePath } from '../services/session/accountPaths';
import type { StoredSession } from '../services/session/sessionFile';
import { FakeConnection } from './fakeConnection';
import { FakeServer } from './fakeServer';

export interface RecordedEvent {
  event: EventChannel;
  payload: unknown;
}

export interface TestAccount {
  account: Account;
  server: FakeServer;
  connection: FakeConnection;
  events: RecordedEvent[];
  refusals: ConnectionRefusal[];
  dataDir: string;
  /** Stops this account and opens a new one on the same data folder and server (a restart). */
  restart(): Promise<TestAccount>;
  close(): Promise<void>;
  eventsOf<E extends EventChannel>(event: E): EventPayload<E>[];
  /** The account's store, for assertions on tables the API does not show (the outbox). */
  db(): WritableDB;
}

const dirs: string[] = [];

/** Removes every data folder made by openTestAccount; call from afterEach. */
export function removeTestDirs(): void {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

export function openTestAccount(
  options: { server?: FakeServer; dataDir?: string; now?: () => number; typingShowMs?: number; retry?: AccountDeps['retry'] } = {},
): TestAccount {
  const server = options.server ?? new FakeServer('me', ['bob', 'carol']);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'core-account-'));
  if (!options.dataDir) dirs.push(dataDir);
  const connection = new FakeConnection(server);
  const events: RecordedEvent[] = [];
  const refusals: ConnectionRefusal[] = [];
  const session: StoredSession = {
    serverUrl: 'http://127.0.0.1:9',
    userId: server.me,
    nickname: server.me,
    sdkAppId: 1400000001,
    userSig: 'sig',
    expiresAt: 4_000_000_000,
  };
  const account = openAccount(session, {
    dataDir,
    platform: 'Linux',
    logger: silentLogger,
    now: options.now ?? Date.now,
    ackTimeoutMs: 1_000,
    typingShowMs: options.typingShowMs ?? 6_000,
    emit: (event, payload) => events.push({ event, payload }),
    onRefused: (refusal) => refusals.push(refusal),
    createConnection: () => connection,
    retry: options.retry,
  });
  account.start();
  let reader: WritableDB | undefined;
  const stop = async () => {
    reader?.close();
    reader = undefined;
    await account.stop();
  };
  const self: TestAccount = {
    account,
    server,
    connection,
    events,
    refusals,
    dataDir,
    async restart() {
      await stop();
      return openTestAccount({ ...options, server, dataDir });
    },
    close: stop,
    eventsOf: <E extends EventChannel>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    db() {
      // A second connection to the same file: WAL lets it read what the account committed.
      reader ??= openStore(accountDatabasePath(dataDir, session.sdkAppId, session.userId));
      return reader;
    },
  };

  return self;
}

/** Polls until `check` passes (for background work driven by promises and timers). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}
