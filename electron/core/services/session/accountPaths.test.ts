import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  accountDatabasePath,
  accountDirectory,
  adoptLegacyAccountDirectory,
  followMovedEmbeddedServer,
  legacyAccountDirectory,
} from './accountPaths';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'core-paths-'));
  dirs.push(dir);
  return dir;
}

function fillLegacy(dir: string, url: string, userId: string, marker: string): string {
  const legacy = legacyAccountDirectory(dir, url, userId);
  mkdirSync(legacy, { recursive: true });
  for (const file of ['chat.sqlite', 'chat.sqlite-wal']) writeFileSync(join(legacy, file), marker);
  return legacy;
}

describe('account paths', () => {
  it('A5 keys the account folder by server identity and UserID, not the address', () => {
    const dir = dataDir();
    expect(accountDatabasePath(dir, 1400000001, 'alice')).toBe(join(dir, 'accounts', '1400000001-alice', 'chat.sqlite'));
    expect(legacyAccountDirectory(dir, 'http://127.0.0.1:4000/', 'alice')).toBe(legacyAccountDirectory(dir, 'http://127.0.0.1:4000', 'alice'));
    expect(legacyAccountDirectory(dir, 'http://127.0.0.1:4000', 'alice')).toMatch(/accounts\/[0-9a-f]{12}-alice$/);
  });

  it('A5 moves a folder kept the old way once, with its WAL, and never over an existing one', () => {
    const dir = dataDir();
    const legacy = fillLegacy(dir, 'http://127.0.0.1:4000', 'alice', 'old history');
    expect(adoptLegacyAccountDirectory(dir, ['http://127.0.0.1:5000', 'http://127.0.0.1:4000'], 1400000001, 'alice')).toEqual({
      kind: 'moved',
      from: legacy,
    });
    const target = accountDirectory(dir, 1400000001, 'alice');
    expect(readFileSync(join(target, 'chat.sqlite'), 'utf8')).toBe('old history');
    expect(readFileSync(join(target, 'chat.sqlite-wal'), 'utf8')).toBe('old history');
    expect(existsSync(legacy)).toBe(false);
    // Another legacy folder for the same identity does not replace the one already adopted.
    fillLegacy(dir, 'http://127.0.0.1:4000', 'alice', 'stale copy');
    expect(adoptLegacyAccountDirectory(dir, ['http://127.0.0.1:4000'], 1400000001, 'alice')).toEqual({ kind: 'none' });
    expect(readFileSync(join(target, 'chat.sqlite'), 'utf8')).toBe('old history');
    expect(adoptLegacyAccountDirectory(dir, ['http://elsewhere:1'], 1400000002, 'alice')).toEqual({ kind: 'none' });
  });

  it('A5 follows the embedded server to its new port on the same loopback host, and nothing else', () => {
    const current = 'http://127.0.0.1:5000';
    expect(followMovedEmbeddedServer('http://127.0.0.1:4000', current)).toBe(current);
    expect(followMovedEmbeddedServer('http://127.0.0.1:5000', current)).toBe('http://127.0.0.1:5000');
    expect(followMovedEmbeddedServer('http://localhost:4000', 'http://localhost:5000/')).toBe('http://localhost:5000');
    expect(followMovedEmbeddedServer('http://[::1]:4000', 'http://[::1]:5000')).toBe('http://[::1]:5000');
    for (const saved of ['http://chat.example:4000', 'http://localhost:4000', 'https://127.0.0.1:4000', 'http://127.0.0.1:4000/im']) {
      expect(followMovedEmbeddedServer(saved, current)).toBe(saved);
    }
    expect(followMovedEmbeddedServer('http://10.0.0.2:4000', 'http://10.0.0.2:5000')).toBe('http://10.0.0.2:4000');
    expect(followMovedEmbeddedServer('http://127.0.0.1:4000', null)).toBe('http://127.0.0.1:4000');
  });
});
