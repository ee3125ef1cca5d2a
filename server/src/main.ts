import { mkdirSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type App, createApp } from './app';
import { ConfigError, USAGE, isHelpRequested, parseConfig } from './config';
import { loadOrCreateIdentity } from './identity';
import { createLogger } from './logger';
import { openSqliteStore } from './store/sqlite/sqliteStore';
import { type Store } from './store/types';

/**
 * The server process: `npm run server -- --port <p> --data <dir>`, and the
 * entry Electron's main process starts in a utility process (bundled to
 * CommonJS, hence no top-level await and no paths derived from import.meta).
 * Prints exactly one line "OpenChat server listening on <url>" once
 * listening; under Electron it also posts `{ type: 'listening', url }` to the
 * parent port, and a `{ type: 'shutdown' }` message stops it gracefully.
 */

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utility-process port; absent in plain Node. */
function parentPort(): ParentPort | undefined {
  return (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function run(): Promise<void> {
  const argv = process.argv.slice(2);
  if (isHelpRequested(argv)) {
    console.log(USAGE);
    return;
  }
  const config = parseConfig(argv, process.env);
  const logger = createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const identity = loadOrCreateIdentity(config.dataDir, {
    sdkAppId: config.sdkAppId ?? undefined,
    secretKey: config.secretKey ?? undefined,
  });
  console.log(
    `${identity.created ? 'Generated' : 'Using'} the deployment identity in ${identity.path} (SDKAppID ${identity.sdkAppId}` +
      `${config.sdkAppId !== null || config.secretKey !== null ? ', overridden by flags or environment' : ''}); app admins: ${config.admins.join(', ')}`,
  );

  const store: Store = openSqliteStore({ path: join(config.dataDir, 'server.sqlite'), synchronous: config.sync });
  const app: App = await createApp({
    settings: {
      sdkAppId: identity.sdkAppId,
      secretKey: identity.secretKey,
      admins: config.admins,
      registration: config.registration,
      userSigTtlSeconds: config.userSigTtlSeconds,
      recallWindowSeconds: config.recallWindowSeconds,
      multiDevice: { mode: config.multiDevice, instancesPerPlatform: config.instancesPerPlatform, webInstances: config.webInstances },
      c2cPermission: config.c2cPermission,
      profileFields: config.profileFields,
      friendFields: config.friendFields,
      groups: config.groups,
      groupMessagesPerSecond: config.groupMessagesPerSecond,
      groupTips: config.groupTips,
      groupHistoryBeforeJoin: config.groupHistoryBeforeJoin,
      calls: { ringSeconds: config.callRingSeconds, reconnectGraceSeconds: config.callReconnectGraceSeconds, iceServers: config.iceServers },
      dataDir: config.dataDir,
      publicUrl: config.publicUrl,
    },
    store,
    logger,
  });

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = app.httpServer.address() as AddressInfo;
  const url = urlOf(config.host, port);
  console.log(`OpenChat server listening on ${url}`);
  parentPort()?.postMessage({ type: 'listening', url });

  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    // A stuck close must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  parentPort()?.on('message', (event) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type === 'shutdown') shutdown('parent asked');
  });
  process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection'));
}

run().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
