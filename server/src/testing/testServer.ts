import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoginResponse, HTTP_PATHS } from '../../../shared/protocol';
import { type App, type AppSettings, type Heartbeat, createApp } from '../app';
import { type Clock } from '../clock';
import { DEFAULT_ADMIN, DEFAULT_USERSIG_TTL_SECONDS } from '../config';
import { type ScryptParams } from '../features/accounts/password';
import { type AuthLimits } from '../features/auth/auth.service';
import { DEFAULT_GROUP_SETTINGS, type GroupSettings } from '../features/groups/groupSettings';
import { type MultiDevicePolicy } from '../features/devices/multiDevicePolicy';
import { type CallSettings } from '../features/calls/calls.service';
import { type RequestLimits } from '../gateway/requestBudget';
import { mintUserSig } from '../features/auth/userSig';
import { loadOrCreateIdentity } from '../identity';
import { type Logger, silentLogger } from '../logger';
import { openSqliteStore } from '../store/sqlite/sqliteStore';

export interface TestServerOptions {
  /** Issue 4: one-to-one permission ('any' by default), custom profile and friend fields (none by default). */
  relations?: Pick<AppSettings, 'c2cPermission' | 'profileFields' | 'friendFields'>;
  /** Issue 5: group quotas and custom fields (the defaults unless given). */
  groups?: Partial<GroupSettings>;
  /** Reuse a data folder (e.g. to restart a stopped server); a fresh temp folder by default. */
  dataDir?: string;
  /** Listen on this port (e.g. the one a stopped server had); 0 (a free port) by default. */
  port?: number;
  /** A1 self-registration; on by default. */
  registration?: boolean;
  /** Extra app admins besides `administrator`. */
  admins?: string[];
  clock?: Clock;
  /** Limits to change; the rest keep their production defaults. */
  authLimits?: Partial<AuthLimits>;
  /** Silent by default; pass one to assert on what the server logs. */
  logger?: Logger;
  /** Password hashing cost; {@link TEST_SCRYPT} by default (production uses N = 2^15). */
  scrypt?: ScryptParams;
  /** Per-connection request budgets; the production defaults unless given. */
  requestLimits?: RequestLimits;
  /** M5: the recall window; the production default (120 s) unless given. */
  recallWindowSeconds?: number;
  /**
   * A5: the multi-device policy. Tests open several sockets per user freely, so the default here is
   * {@link PERMISSIVE_MULTI_DEVICE} (multi platform, 100 per platform); production defaults to dual.
   */
  multiDevice?: MultiDevicePolicy;
  /** A4: socket.io heartbeats; production's (20 s + 20 s) unless given. */
  heartbeat?: Heartbeat;
  /** M15: a group's Normal-priority messages per second (production's 40 unless given). */
  groupMessagesPerSecond?: number;
  /** Group message flags (--group-tips, --group-history-before-join); off unless given. */
  groupMessages?: Pick<AppSettings, 'groupTips' | 'groupHistoryBeforeJoin'>;
  /** Issue 6: ring time and reconnect grace in seconds (fractions allowed here, e.g. 1), ICE servers. */
  calls?: Partial<CallSettings>;
}

/** A5: no device pushes another out (every platform at once, 100 devices each). */
export const PERMISSIVE_MULTI_DEVICE: MultiDevicePolicy = { mode: 'multi', instancesPerPlatform: 100, webInstances: 100 };

/**
 * N = 2^10 instead of 2^15: a registration costs about 1 ms and 1 MB instead of
 * 100 ms and 32 MB, which matters with every test registering its people on a
 * small machine. The format and the code path are the production ones.
 */
export const TEST_SCRYPT: ScryptParams = { log2N: 10, r: 8, p: 1 };

export interface TestServer {
  /** `http://127.0.0.1:<port>`: socket.io, /api/v1 and /v4 all live here. */
  url: string;
  port: number;
  dataDir: string;
  sdkAppId: number;
  secretKey: string;
  app: App;
  store: ReturnType<typeof openSqliteStore>;
  /** Stops the server and closes its database; the data folder is kept unless `removeData`. */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

/** A real server on 127.0.0.1 (port 0 unless given), with a silent logger and its own SQLite file. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'openchat-server-'));
  const identity = loadOrCreateIdentity(dataDir);
  const store = openSqliteStore({ path: join(dataDir, 'server.sqlite') });
  const app = await createApp({
    settings: {
      sdkAppId: identity.sdkAppId,
      secretKey: identity.secretKey,
      admins: [DEFAULT_ADMIN, ...(options.admins ?? [])],
      registration: options.registration ?? true,
      userSigTtlSeconds: DEFAULT_USERSIG_TTL_SECONDS,
      recallWindowSeconds: options.recallWindowSeconds,
      multiDevice: options.multiDevice ?? PERMISSIVE_MULTI_DEVICE,
      dataDir,
      ...options.relations,
      groups: { ...DEFAULT_GROUP_SETTINGS, ...options.groups },
      groupMessagesPerSecond: options.groupMessagesPerSecond,
      ...options.groupMessages,
      calls: options.calls,
    },
    store,
    logger: options.logger ?? silentLogger(),
    clock: options.clock,
    authLimits: options.authLimits,
    scrypt: options.scrypt ?? TEST_SCRYPT,
    requestLimits: options.requestLimits,
    heartbeat: options.heartbeat,
  });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = app.httpServer.address() as AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    sdkAppId: identity.sdkAppId,
    secretKey: identity.secretKey,
    app,
    store,
    stop(stopOptions) {
      stopped ??= (async () => {
        await app.close();
        await store.close();
        if (stopOptions?.removeData) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

export interface MintOptions {
  /** Seconds; 180 days by default. */
  expireSeconds?: number;
  /** Issue time in Unix milliseconds; now by default. */
  now?: number;
  /** Sign with another key (to forge). */
  secretKey?: string;
  /** Claim another SDKAppID. */
  sdkAppId?: number;
  /** Sign with a user buffer, as a TRTC PrivateMapKey is (login refuses those). */
  userbuf?: Buffer;
}

/**
 * A UserSig for `userId`, minted the way an app backend would with the
 * server's secret key. After a kick in the same second, pass a later `now`.
 */
export function mintTestUserSig(server: Pick<TestServer, 'sdkAppId' | 'secretKey'>, userId: string, options: MintOptions = {}): string {
  return mintUserSig({
    sdkAppId: options.sdkAppId ?? server.sdkAppId,
    secretKey: options.secretKey ?? server.secretKey,
    userId,
    expireSeconds: options.expireSeconds ?? DEFAULT_USERSIG_TTL_SECONDS,
    now: options.now ?? Date.now(),
    userbuf: options.userbuf,
  });
}

/** Registers through POST /api/v1/register (which also signs in) and returns the login reply plus the password. */
export async function registerUser(
  server: Pick<TestServer, 'url'>,
  userId: string,
  password = 'correct-horse-battery',
  nickname?: string,
): Promise<LoginResponse & { password: string }> {
  const response = await fetch(`${server.url}${HTTP_PATHS.register}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password, ...(nickname === undefined ? {} : { nickname }) }),
  });
  const body = (await response.json()) as LoginResponse | { error: { code: string; message: string } };
  if (!response.ok || 'error' in body) {
    throw new Error(`Registering ${userId} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return { ...body, password };
}
