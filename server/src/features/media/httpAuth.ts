import { type IncomingMessage } from 'node:http';
import { UserId } from '../../../../shared/domain';
import { AUTH_HEADERS } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { clientAddress } from '../../rest/http';
import { type AuthService } from '../auth/auth.service';
import { AttemptLimiter } from '../auth/rateLimiter';

/** Failures that say something about the caller's credentials (counted towards the per-address limit). */
const CREDENTIAL_FAILURES = new Set(['unauthenticated', 'usersig_empty', 'usersig_malformed', 'usersig_expired', 'usersig_forged',
  'usersig_wrong_user', 'usersig_wrong_app', 'usersig_revoked', 'account_not_found']);

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Uploads and downloads authenticate like the socket handshake: a UserID and
 * its UserSig (AUTH_HEADERS), verified and checked against revocation, with
 * the same error codes; failed attempts are limited per address as there.
 */
export class HttpAuthenticator {
  private readonly failures: AttemptLimiter;

  constructor(
    private readonly auth: AuthService,
    clock: Clock,
    limit = { max: 30, windowMs: 60_000 },
  ) {
    this.failures = new AttemptLimiter(limit, clock);
  }

  async authenticate(request: IncomingMessage): Promise<string> {
    const address = clientAddress(request);
    if (this.failures.isBlocked(address)) throw new AppError('rate_limited');
    try {
      const userSig = header(request, AUTH_HEADERS.userSig);
      if (userSig === undefined || userSig === '') throw new AppError('usersig_empty');
      const userId = UserId.safeParse(header(request, AUTH_HEADERS.userId));
      if (!userId.success) throw new AppError('unauthenticated', `Send your UserID in ${AUTH_HEADERS.userId}.`);
      await this.auth.authenticate(userId.data, userSig);
      return userId.data;
    } catch (error) {
      if (error instanceof AppError && CREDENTIAL_FAILURES.has(error.code)) this.failures.record(address);
      throw error;
    }
  }
}
