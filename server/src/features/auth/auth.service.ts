import { randomBytes } from 'node:crypto';
import { type KickReason, type LoginRequest, type LoginResponse, HandshakeAuth, PROTOCOL_VERSION } from '../../../../shared/protocol';
import { type UserProfile } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { badRequestFrom } from '../../errors';
import { type Delivery } from '../../gateway/delivery';
import { type SocketData } from '../../gateway/types';
import { type Store } from '../../store/types';
import { toProfile } from '../accounts/profile';
import { DEFAULT_SCRYPT, type ScryptParams, hashPassword, verifyPassword } from '../accounts/password';
import { AttemptGate, AttemptLimiter, type RateLimit } from './rateLimiter';
import { mintUserSig, verifyUserSig } from './userSig';

/** Every limit is per minute-long (or longer) fixed window; see docs/admin.md "Rate limits". */
export interface AuthLimits {
  /** Password logins per UserID + address that did not succeed (counted before the hash, refunded on success). */
  login: RateLimit;
  /** The same, per address over all UserIDs (one address spraying guesses across accounts). */
  loginPerAddress: RateLimit;
  /** The same, per UserID over all addresses (one account guessed from many addresses). */
  loginPerAccount: RateLimit;
  /** Registration attempts per address, successful or not (each costs a password hash and maybe an account). */
  register: RateLimit;
  /** Failed socket handshakes per address. */
  handshake: RateLimit;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
  login: { max: 10, windowMs: 60_000 },
  loginPerAddress: { max: 30, windowMs: 60_000 },
  loginPerAccount: { max: 50, windowMs: 60_000 },
  register: { max: 10, windowMs: 600_000 },
  handshake: { max: 30, windowMs: 60_000 },
};

export interface AuthDeps {
  store: Store;
  delivery: Delivery;
  clock: Clock;
  sdkAppId: number;
  secretKey: string;
  userSigTtlSeconds: number;
  admins: readonly string[];
  /** Defaults for whatever is left out: {@link DEFAULT_AUTH_LIMITS}. */
  limits?: Partial<AuthLimits>;
  /** The cost passwords are hashed with; failed lookups spend the same on a stand-in hash. */
  scrypt?: ScryptParams;
}

/** Failures that say something about the caller's credentials (and so count towards the limit). */
const CREDENTIAL_FAILURES = new Set([
  'usersig_empty',
  'usersig_malformed',
  'usersig_expired',
  'usersig_forged',
  'usersig_wrong_user',
  'usersig_wrong_app',
  'usersig_revoked',
  'account_not_found',
]);

/**
 * A2: password login mints a UserSig; every socket handshake and admin REST
 * call verifies one. Revocation (kick, deletion) is a per-user cutoff: UserSigs
 * issued at or before it are refused, newer ones work.
 */
export class AuthService {
  private readonly loginAttempts: { pair: AttemptLimiter; address: AttemptLimiter; account: AttemptLimiter };
  private readonly handshakeFailures: AttemptLimiter;
  private readonly admins: ReadonlySet<string>;
  private standInHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {
    const limits = { ...DEFAULT_AUTH_LIMITS, ...deps.limits };
    this.loginAttempts = {
      pair: new AttemptLimiter(limits.login, deps.clock),
      address: new AttemptLimiter(limits.loginPerAddress, deps.clock),
      account: new AttemptLimiter(limits.loginPerAccount, deps.clock),
    };
    this.handshakeFailures = new AttemptLimiter(limits.handshake, deps.clock);
    this.admins = new Set(deps.admins);
  }

  get sdkAppId(): number {
    return this.deps.sdkAppId;
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  /**
   * A1/A2 password login. The attempt is counted against every limit before
   * the slow hash, so concurrent guesses cannot all get through while the
   * first ones are being verified; a success takes its attempt back.
   */
  async login(request: LoginRequest, ip: string): Promise<LoginResponse> {
    const { pair, address, account: perAccount } = this.loginAttempts;
    const pairKey = `${request.userId}|${ip}`;
    const gate = new AttemptGate([
      { limiter: pair, key: pairKey },
      { limiter: address, key: ip },
      { limiter: perAccount, key: request.userId },
    ]);
    if (!gate.enter()) throw new AppError('rate_limited');
    const account = await this.deps.store.accounts.get(request.userId);
    // Admins sign with the secret key only: a password must never yield an admin UserSig.
    const passwordHash = account && !this.isAdmin(account.userId) ? account.passwordHash : null;
    // Without a usable hash the same work is spent on a stand-in, so timing does not tell which UserIDs exist.
    const valid = await verifyPassword(request.password, passwordHash ?? (await this.standIn()));
    if (!account || !passwordHash || !valid) throw new AppError('invalid_credentials');
    gate.refund();
    pair.reset(pairKey);
    return this.signedIn(toProfile(account));
  }

  private standIn(): Promise<string> {
    this.standInHash ??= hashPassword(randomBytes(16).toString('base64'), this.deps.scrypt ?? DEFAULT_SCRYPT);
    return this.standInHash;
  }

  /** The reply to a successful login (or registration): a fresh UserSig for the socket handshake. Never for an admin. */
  async signedIn(profile: UserProfile): Promise<LoginResponse> {
    if (this.isAdmin(profile.userId)) throw new AppError('invalid_credentials');
    const issued = await this.issueUserSig(profile.userId);
    return { ...profile, sdkAppId: this.deps.sdkAppId, userSig: issued.userSig, expiresAt: issued.expiresAt };
  }

  /**
   * Mints a UserSig for the user. Its issue time is kept after any revocation
   * cutoff, so signing in right after a kick works even within the same second.
   */
  async issueUserSig(userId: string, expireSeconds = this.deps.userSigTtlSeconds): Promise<{ userSig: string; expiresAt: number }> {
    const revokedThrough = await this.deps.store.accounts.revokedThrough(userId);
    const now = Math.max(this.deps.clock.now(), revokedThrough === null ? 0 : (revokedThrough + 1) * 1000);
    const userSig = mintUserSig({ sdkAppId: this.deps.sdkAppId, secretKey: this.deps.secretKey, userId, expireSeconds, now });
    return { userSig, expiresAt: (Math.floor(now / 1000) + expireSeconds) * 1000 };
  }

  /** Verifies a UserSig for `userId`, then that the account exists and the UserSig was not revoked. */
  async authenticate(userId: string, userSig: string): Promise<{ issuedAt: number; expiresAt: number }> {
    const verdict = verifyUserSig({
      sdkAppId: this.deps.sdkAppId,
      secretKey: this.deps.secretKey,
      userId,
      userSig,
      now: this.deps.clock.now(),
    });
    if (!verdict.ok) throw new AppError(verdict.code, verdict.message);
    const ended = await this.sessionEnded(userId, verdict.issuedAt);
    if (ended) throw new AppError(ended);
    return { issuedAt: verdict.issuedAt, expiresAt: verdict.expiresAt };
  }

  /**
   * Whether a UserSig issued at `issuedAt` (Unix seconds) no longer opens a
   * session: the account is gone, or a kick or deletion revoked it. Checked at
   * the handshake and again once the socket is in its user's room, so a kick
   * racing a handshake cannot leave that socket connected.
   */
  async sessionEnded(userId: string, issuedAt: number): Promise<'account_not_found' | 'usersig_revoked' | null> {
    if (!(await this.deps.store.accounts.get(userId))) return 'account_not_found';
    const revokedThrough = await this.deps.store.accounts.revokedThrough(userId);
    return revokedThrough !== null && issuedAt <= revokedThrough ? 'usersig_revoked' : null;
  }

  /** The socket.io handshake: protocol version, then the UserSig. Failed attempts are limited per IP. */
  async authenticateHandshake(auth: unknown, ip: string): Promise<SocketData> {
    if (this.handshakeFailures.isBlocked(ip)) throw new AppError('rate_limited');
    try {
      const fields = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>) : {};
      if (fields.protocolVersion !== PROTOCOL_VERSION) {
        throw new AppError(
          'protocol_version',
          `This server speaks protocol version ${PROTOCOL_VERSION}; the client sent ${JSON.stringify(fields.protocolVersion ?? null)}.`,
        );
      }
      if (fields.userSig === undefined || fields.userSig === '') throw new AppError('usersig_empty');
      const parsed = HandshakeAuth.safeParse(auth);
      if (!parsed.success) throw badRequestFrom(parsed.error);
      if (parsed.data.sdkAppId !== this.deps.sdkAppId) throw new AppError('usersig_wrong_app', 'This server has another SDKAppID.');
      const { issuedAt, expiresAt } = await this.authenticate(parsed.data.userId, parsed.data.userSig);
      const data: SocketData = { userId: parsed.data.userId, platform: parsed.data.platform, issuedAt, expiresAt };
      if (parsed.data.instanceId !== undefined) data.instanceId = parsed.data.instanceId;
      return data;
    } catch (error) {
      if (error instanceof AppError && CREDENTIAL_FAILURES.has(error.code)) this.handshakeFailures.record(ip);
      throw error;
    }
  }

  /**
   * Invalidates every UserSig issued so far, including those this server dated
   * a second ahead after an earlier revocation in the same second, and ends the
   * user's sessions, telling their devices why (A5: `session:kicked` with the code).
   */
  async revokeAll(userId: string, code: KickReason): Promise<void> {
    await this.deps.store.accounts.revokeCredentials(userId, Math.floor(this.deps.clock.now() / 1000));
    this.deps.delivery.endSessions(userId, code);
  }

  /** S1 `kick`: the account must exist. */
  async kick(userId: string): Promise<void> {
    if (!(await this.deps.store.accounts.get(userId))) throw new AppError('account_not_found');
    await this.revokeAll(userId, 'admin_kick');
  }
}
