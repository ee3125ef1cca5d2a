import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSdkAppId, loadOrCreateIdentity } from './identity';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openchat-identity-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('deployment identity', () => {
  it('generates a Tencent-shaped SDKAppID and a 64-hex key once, owner-only, and keeps them', () => {
    const dir = join(tempDir(), 'nested');
    const first = loadOrCreateIdentity(dir);
    expect(first.created).toBe(true);
    expect(String(first.sdkAppId)).toMatch(/^14\d{8}$/);
    expect(first.secretKey).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(first.path, 'utf8'))).toMatchObject({ sdkAppId: first.sdkAppId, secretKey: first.secretKey });
    const second = loadOrCreateIdentity(dir);
    expect(second).toEqual({ ...first, created: false });
  });

  it('lets flags or environment override the stored values', () => {
    const dir = tempDir();
    const stored = loadOrCreateIdentity(dir);
    const overridden = loadOrCreateIdentity(dir, { sdkAppId: 1400000001, secretKey: 'x'.repeat(32) });
    expect(overridden).toMatchObject({ sdkAppId: 1400000001, secretKey: 'x'.repeat(32), path: stored.path });
  });

  it('SDKAppIDs are always 10 digits starting with 14', () => {
    for (let i = 0; i < 1000; i += 1) expect(String(generateSdkAppId())).toMatch(/^14\d{8}$/);
  });
});
