import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * One canonical spelling per server, so `http://host:8080/` and `http://HOST:8080` are the
 * same server: origin plus any path, without a trailing slash.
 */
export function normalizeServerUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function sessionFilePath(dataDir: string): string {
  return join(dataDir, 'session.json');
}

/**
 * `<dataDir>/accounts/<sdkAppId>-<userId>/`: keyed by the server's identity (its SDKAppID,
 * from /api/v1/info and the login reply) rather than its address, so a server that moves
 * (the embedded server on another port, a new host name) keeps the history. The same
 * UserID on two deployments is two people; signing out keeps the folder for the next sign-in.
 */
export function accountDirectory(dataDir: string, sdkAppId: number, userId: string): string {
  return join(dataDir, 'accounts', `${sdkAppId}-${userId}`);
}

export function accountDatabasePath(dataDir: string, sdkAppId: number, userId: string): string {
  return join(accountDirectory(dataDir, sdkAppId, userId), 'chat.sqlite');
}

/** Where earlier versions kept the account: `<first 12 hex of sha256(normalised URL)>-<userId>`. */
export function legacyAccountDirectory(dataDir: string, serverUrl: string, userId: string): string {
  const serverKey = createHash('sha256').update(normalizeServerUrl(serverUrl)).digest('hex').slice(0, 12);
  return join(dataDir, 'accounts', `${serverKey}-${userId}`);
}

export type LegacyAdoption = { kind: 'none' } | { kind: 'moved'; from: string } | { kind: 'failed'; from: string; error: unknown };

/**
 * Moves an account folder kept under one of `serverUrls` the old way to its identity-keyed
 * place, once: only when the new folder does not exist yet (it is never overwritten). Call
 * before the store is opened (the -wal and -shm files move with it).
 */
export function adoptLegacyAccountDirectory(dataDir: string, serverUrls: readonly string[], sdkAppId: number, userId: string): LegacyAdoption {
  const target = accountDirectory(dataDir, sdkAppId, userId);
  if (existsSync(target)) return { kind: 'none' };
  for (const serverUrl of new Set(serverUrls)) {
    const from = legacyAccountDirectory(dataDir, serverUrl, userId);
    if (!existsSync(from)) continue;
    try {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(from, target);
      return { kind: 'moved', from };
    } catch (error) {
      return { kind: 'failed', from, error };
    }
  }
  return { kind: 'none' };
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The embedded server listens on loopback and may come back on another port (the old one
 * was taken). A saved session naming the same loopback host with another port means that
 * server: follow it to `defaultServerUrl`. Any other address is left alone.
 */
export function followMovedEmbeddedServer(sessionUrl: string, defaultServerUrl: string | null): string {
  if (!defaultServerUrl) return sessionUrl;
  let saved: URL;
  let current: URL;
  try {
    saved = new URL(sessionUrl);
    current = new URL(defaultServerUrl);
  } catch {
    return sessionUrl;
  }
  const moved =
    LOOPBACK_HOSTS.has(saved.hostname) &&
    saved.hostname === current.hostname &&
    saved.protocol === current.protocol &&
    saved.port !== current.port &&
    saved.pathname.replace(/\/+$/, '') === current.pathname.replace(/\/+$/, '');
  return moved ? normalizeServerUrl(defaultServerUrl) : sessionUrl;
}
