import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths } from './paths';

describe('appPaths', () => {
  it('finds the bundles beside out/main and keeps core and server data apart', () => {
    const paths = appPaths({ mainDir: join('/app', 'out', 'main'), userData: join('/home', 'a', '.config', 'OpenChat'), logsDir: '/logs' });
    expect(paths).toEqual({
      rendererRoot: join('/app', 'out', 'renderer'),
      preloadPath: join('/app', 'out', 'preload', 'index.cjs'),
      serverEntry: join('/app', 'out', 'main', 'server.cjs'),
      coreDataDir: join('/home', 'a', '.config', 'OpenChat'),
      serverDataDir: join('/home', 'a', '.config', 'OpenChat', 'server'),
      embeddedPortFile: join('/home', 'a', '.config', 'OpenChat', 'embedded-server.json'),
      logFile: join('/logs', 'main.log'),
    });
  });

  it('matches the outputs electron.vite.config.ts and package.json declare', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { main: string };
    const paths = appPaths({ mainDir: join('/r', 'out', 'main'), userData: '/u', logsDir: '/l' });
    expect(join('/r', pkg.main)).toBe(join('/r', 'out', 'main', 'index.cjs'));
    expect(paths.serverEntry).toBe(join('/r', 'out', 'main', 'server.cjs'));
  });
});
