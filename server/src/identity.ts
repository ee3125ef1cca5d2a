import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The deployment's identity, as Tencent's console gives it: an SDKAppID and
 * the secret key UserSigs are signed with. Generated on first start and kept
 * in `<data>/identity.json` (owner-only), so app backends can keep minting
 * UserSigs across restarts.
 */
export interface Identity {
  sdkAppId: number;
  secretKey: string;
}

export interface LoadedIdentity extends Identity {
  /** Where the generated identity lives. */
  path: string;
  /** True when this call generated the file. */
  created: boolean;
}

const IdentityFile = z.object({
  sdkAppId: z.number().int().positive().max(0xffffffff),
  secretKey: z.string().min(16),
  createdAt: z.string().optional(),
});

export const IDENTITY_FILE = 'identity.json';

/** A 10-digit SDKAppID starting with 14, the shape Tencent's console hands out. */
export function generateSdkAppId(): number {
  return 1_400_000_000 + randomInt(0, 100_000_000);
}

/** 64 hex characters, like a console key; used as text, not decoded. */
export function generateSecretKey(): string {
  return randomBytes(32).toString('hex');
}

export function loadOrCreateIdentity(dataDir: string, overrides: Partial<Identity> = {}): LoadedIdentity {
  const path = join(dataDir, IDENTITY_FILE);
  let stored: Identity;
  let created = false;
  if (existsSync(path)) {
    const parsed = IdentityFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path} is not a valid identity file: ${parsed.error.issues[0]?.message ?? ''}`);
    stored = parsed.data;
  } else {
    mkdirSync(dataDir, { recursive: true });
    stored = { sdkAppId: generateSdkAppId(), secretKey: generateSecretKey() };
    // Written to a temporary name first so a crash never leaves half a key behind.
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ ...stored, createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
    created = true;
  }
  return {
    sdkAppId: overrides.sdkAppId ?? stored.sdkAppId,
    secretKey: overrides.secretKey ?? stored.secretKey,
    path,
    created,
  };
}

/**
 * M7 (beyond the seed): the Ed25519 key that signs combined-forward bundles,
 * generated once and kept in `<data>/relay-signing-key.json` (owner-only).
 * `id` is a short fingerprint of the public key, named in each signed bundle.
 */
export interface RelaySigningKey {
  id: string;
  privateKey: KeyObject;
  /** SPKI DER, base64: what ServerInfo.relaySigningKeys publishes. */
  publicKey: string;
}

export const RELAY_KEY_FILE = 'relay-signing-key.json';

const RelayKeyFile = z.object({ privateKeyPem: z.string().min(1), createdAt: z.string().optional() });

export function relayKeyId(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);
}

export function loadOrCreateRelaySigningKey(dataDir: string): RelaySigningKey {
  const path = join(dataDir, RELAY_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(path)) {
    const parsed = RelayKeyFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path} is not a valid relay signing key file.`);
    privateKey = createPrivateKey(parsed.data.privateKeyPem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} does not hold an Ed25519 key.`);
  } else {
    mkdirSync(dataDir, { recursive: true });
    privateKey = generateKeyPairSync('ed25519').privateKey;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ privateKeyPem: pem, createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { id: relayKeyId(der), privateKey, publicKey: der.toString('base64') };
}
