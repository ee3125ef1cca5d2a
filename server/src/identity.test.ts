import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublicKey, sign, verify } from 'node:crypto';
import { RELAY_KEY_FILE, generateSdkAppId, loadOrCreateIdentity, loadOrCreateRelaySigningKey } from './identity';

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

describe('relay signing key', () => {
  it('M7 generates an Ed25519 key once, owner-only, with a short fingerprint id, and loads the same key again', () => {
    const dir = tempDir();
    const first = loadOrCreateRelaySigningKey(dir);
    expect(first.id).toMatch(/^[0-9a-f]{16}$/);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(statSync(join(dir, RELAY_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateRelaySigningKey(dir);
    expect(again.id).toBe(first.id);
    expect(again.publicKey).toBe(first.publicKey);
    const signature = sign(null, Buffer.from('bundle'), again.privateKey);
    const publicKey = createPublicKey({ key: Buffer.from(first.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from('bundle'), publicKey, signature)).toBe(true);
    expect(readFileSync(join(dir, RELAY_KEY_FILE), 'utf8')).toContain('PRIVATE KEY');
  });
});
