import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ServerPolicy } from '../../../../shared/domain';
import { LoginResponse } from '../../../../shared/protocol';

/**
 * What survives a restart: the sign-in reply plus the server it came from, enough to
 * reopen the account's store and reconnect without a password, and what the server allows
 * (absent in files written by earlier versions: the default holds until the next connect).
 */
export const StoredSession = LoginResponse.extend({ serverUrl: z.string(), serverPolicy: ServerPolicy.optional() });
export type StoredSession = z.infer<typeof StoredSession>;

export type SessionReadResult = { kind: 'none' } | { kind: 'ok'; session: StoredSession } | { kind: 'invalid'; reason: string };

export function readSessionFile(path: string): SessionReadResult {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', reason: (error as Error).message };
  }
  try {
    const parsed = StoredSession.safeParse(JSON.parse(raw));
    return parsed.success ? { kind: 'ok', session: parsed.data } : { kind: 'invalid', reason: 'unexpected shape' };
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
}

/**
 * Writes the session readable by its owner only (it holds a credential), atomically:
 * a crash mid-write leaves the previous file, never half of one.
 */
export function writeSessionFile(path: string, session: StoredSession): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify(session, null, 2), { mode: 0o600 });
  renameSync(temporary, path);
}

export function deleteSessionFile(path: string): void {
  rmSync(path, { force: true });
}
