// Tests electron/launch.mjs (`npm start`). It sits here because the electron
// test project and the main tsconfig (which type-checks launch.mjs) cover this folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, electronBinaryStatus, electronMissingMessage, isBuildStale } from '../launch.mjs';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-launch-'));
  dirs.push(dir);
  return dir;
}
function touch(file: string, seconds: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, 'x');
  utimesSync(file, seconds, seconds);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('electronBinaryStatus', () => {
  it('finds the binary the electron package recorded in path.txt', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinaryStatus(dir, {})).toEqual({ installed: false, binary: join(dir, 'dist', 'electron') });
    touch(join(dir, 'dist', 'electron'), 1);
    expect(electronBinaryStatus(dir, {})).toEqual({ installed: true, binary: join(dir, 'dist', 'electron') });
  });

  it('reports not installed when the package never downloaded its binary', () => {
    expect(electronBinaryStatus(tempDir(), {})).toEqual({ installed: false, binary: null });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dir = tempDir();
    const override = join(dir, 'custom');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    touch(join(override, 'electron'), 1);
    expect(electronBinaryStatus(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({ installed: true, binary: join(override, 'electron') });
  });
});

describe('isBuildStale', () => {
  const inputs = ['src'];

  it('is stale when any output is missing', () => {
    const root = tempDir();
    touch(join(root, 'src', 'a.ts'), 100);
    for (const output of BUILD_OUTPUTS.slice(1)) touch(join(root, output), 200);
    expect(isBuildStale(root, { inputs })).toBe(true);
  });

  it('is fresh when every output is newer than every input, and stale once a source changes', () => {
    const root = tempDir();
    touch(join(root, 'src', 'a.ts'), 100);
    for (const output of BUILD_OUTPUTS) touch(join(root, output), 200);
    expect(isBuildStale(root, { inputs })).toBe(false);
    touch(join(root, 'src', 'deep', 'b.ts'), 300);
    expect(isBuildStale(root, { inputs })).toBe(true);
  });

  it('ignores unit tests, node_modules and dot-folders, which do not change the bundle', () => {
    const root = tempDir();
    touch(join(root, 'src', 'a.ts'), 100);
    for (const output of BUILD_OUTPUTS) touch(join(root, output), 200);
    touch(join(root, 'src', 'a.test.ts'), 300);
    touch(join(root, 'src', 'node_modules', 'x.js'), 300);
    touch(join(root, 'src', '.cache', 'y'), 300);
    expect(isBuildStale(root, { inputs })).toBe(false);
  });
});

describe('npm start without an Electron binary', () => {
  const binary = electronBinaryStatus(join(__dirname, '..', '..', 'node_modules', 'electron'), process.env);

  it('names the way out when Electron cannot be fetched', () => {
    const message = electronMissingMessage('45.4.1');
    expect(message).toContain('45.4.1');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('npx install-electron');
  });

  // Where Electron is installed this would open the app, so it only runs where the binary is absent (as in CI).
  it.skipIf(binary.installed)('tries the download, then exits 1 with the clear message', () => {
    const cache = tempDir();
    const result = spawnSync(process.execPath, [join(__dirname, '..', 'launch.mjs')], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('downloading Electron');
    expect(result.stderr).toContain('could not be downloaded');
    expect(result.stderr).toContain('ELECTRON_MIRROR');
  });
});
