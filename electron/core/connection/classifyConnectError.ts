import { ERRORS, isErrorCode, type ErrorCode } from '../../../shared/errors';

/**
 * Handshake refusals that no retry can fix: the credential itself is bad, or the
 * account is gone. The core stops reconnecting and signs the person out.
 */
export const PERMANENT_CONNECT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'usersig_expired',
  'usersig_revoked',
  'usersig_forged',
  'usersig_wrong_user',
  'usersig_wrong_app',
  'usersig_malformed',
  'usersig_empty',
  'account_not_found',
  'unauthenticated',
  'protocol_version',
  'kicked',
]);

export type ConnectFailure =
  | { kind: 'signOut'; code: ErrorCode; message: string }
  | { kind: 'retry'; code: ErrorCode | null; message: string };

/**
 * Reads a socket.io `connect_error`: a middleware refusal carries `err.data = { code, message }`;
 * anything else (refused TCP, timeouts, a restarting server) is a network problem worth retrying.
 */
export function classifyConnectError(error: unknown): ConnectFailure {
  const data = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  if (isErrorCode(code)) {
    const text = typeof message === 'string' && message.length > 0 ? message : ERRORS[code].message;
    if (PERMANENT_CONNECT_ERRORS.has(code)) return { kind: 'signOut', code, message: text };
    return { kind: 'retry', code, message: text };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', code: null, message: reason };
}
