import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * One canonical spelling per server, so `http://host:8080/` and `http://HOST:8080` are the
 * same account folder: origin plus any path, without a trailing slash.
 */
export function normalizeServerUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function sessionFilePath(dataDir: string): string {
  return join(dataDir, 'session.json');
}

/**
 * `<dataDir>/accounts/<first 12 hex of sha256(serverUrl)>-<userId>/chat.sqlite`: the same
 * UserID on two servers is two people, and signing out keeps the history for the next sign-in.
 */
export function accountDatabasePath(dataDir: string, serverUrl: string, userId: string): string {
  const serverKey = createHash('sha256').update(normalizeServerUrl(serverUrl)).digest('hex').slice(0, 12);
  return join(dataDir, 'accounts', `${serverKey}-${userId}`, 'chat.sqlite');
}
