import { readFile } from 'node:fs/promises';
import { parseMainArgs } from '../config/mainArgs';
import { chooseServer } from '../config/serverChoice';
import { startEmbeddedServer, type EmbeddedServer } from '../embedded/embeddedServer';
import type { MainLogger } from '../platform/log';
import type { AppPaths } from '../platform/paths';
import { loadManagedConfig, managedConfigPaths } from '../policy/managedConfig';

export interface ServerSetup {
  /** What the sign-in form offers; null when the embedded server failed and nothing is configured. */
  defaultServerUrl: string | null;
  embedded: EmbeddedServer | null;
  /** A message for the user when the embedded server could not start. */
  problem: string | null;
}

/** Managed config → `--server` → OPENCHAT_SERVER_URL → embedded server (D2). */
export async function setUpServer(options: {
  paths: AppPaths;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  resourcesPath: string | null;
  log: MainLogger;
  /** The embedded server crashed and could not be restarted. */
  onEmbeddedServerLost?: (reason: string) => void;
}): Promise<ServerSetup> {
  const { log } = options;
  const managed = await loadManagedConfig(
    managedConfigPaths({ platform: process.platform, env: options.env, resourcesPath: options.resourcesPath }),
    (path) => readFile(path, 'utf8').catch(() => null),
  );
  if (managed.kind === 'invalid') log.error({ path: managed.path, problem: managed.problem }, 'ignoring an invalid managed config');
  if (managed.kind === 'loaded') {
    log.info({ path: managed.path, config: managed.config }, 'managed config loaded (only serverUrl is enforced so far)');
    if (managed.ignoredKeys.length > 0) log.warn({ keys: managed.ignoredKeys }, 'unknown keys in the managed config');
  }
  const args = parseMainArgs(options.argv, options.env);
  for (const problem of args.problems) log.warn(problem);

  const choice = chooseServer(managed.kind === 'loaded' ? managed.config : null, args);
  if (choice.kind === 'configured') {
    log.info({ url: choice.url, source: choice.source }, 'using a configured server');
    return { defaultServerUrl: choice.url, embedded: null, problem: null };
  }
  try {
    const embedded = await startEmbeddedServer({
      entry: options.paths.serverEntry,
      dataDir: options.paths.serverDataDir,
      portFile: options.paths.embeddedPortFile,
      log,
      onGaveUp: options.onEmbeddedServerLost,
    });
    return { defaultServerUrl: embedded.url, embedded, problem: null };
  } catch (error) {
    log.error({ err: error }, 'the embedded server could not start');
    const detail = error instanceof Error ? error.message : String(error);
    return { defaultServerUrl: null, embedded: null, problem: detail };
  }
}
