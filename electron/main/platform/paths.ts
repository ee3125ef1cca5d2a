import { join } from 'node:path';
import { REMEMBERED_PORT_FILE } from '../embedded/rememberedPort';

export interface AppPaths {
  /** out/renderer: the only folder `app://` serves. */
  rendererRoot: string;
  /** out/preload/index.cjs: one CommonJS file, as a sandboxed preload must be. */
  preloadPath: string;
  /** out/main/server.cjs: the bundled server for the embedded default (D2). */
  serverEntry: string;
  /** The core's data folder (its SQLite store): the user-data folder itself. */
  coreDataDir: string;
  /** The embedded server's data folder, apart from the core's. */
  serverDataDir: string;
  embeddedPortFile: string;
  logFile: string;
}

/**
 * All paths from two roots: the folder holding the built main bundle
 * (`__dirname` of out/main/index.cjs, inside app.asar when packaged) and
 * Electron's per-user folders.
 */
export function appPaths(roots: { mainDir: string; userData: string; logsDir: string }): AppPaths {
  const outDir = join(roots.mainDir, '..');
  return {
    rendererRoot: join(outDir, 'renderer'),
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    serverEntry: join(roots.mainDir, 'server.cjs'),
    coreDataDir: roots.userData,
    serverDataDir: join(roots.userData, 'server'),
    embeddedPortFile: join(roots.userData, REMEMBERED_PORT_FILE),
    logFile: join(roots.logsDir, 'main.log'),
  };
}
