import { type UserProfile } from '../../../../shared/domain';
import { type RegisterRequest } from '../../../../shared/protocol';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type Logger } from '../../logger';
import { type ProfileUpdate, type Store } from '../../store/types';
import { type AuthService } from '../auth/auth.service';
import { AttemptLimiter, type RateLimit } from '../auth/rateLimiter';
import { DEFAULT_SCRYPT, type ScryptParams, hashPassword } from './password';
import { toProfile } from './profile';

export interface AccountsDeps {
  store: Store;
  auth: AuthService;
  clock: Clock;
  /** A1 admin setting: false turns self-registration off. */
  registrationOpen: boolean;
  admins: readonly string[];
  scrypt?: ScryptParams;
  logger: Logger;
  /** Registration attempts per address. */
  registerLimit: RateLimit;
  /** Issue 5: removes a deleted account from its groups and tells their other members. */
  forgetInGroups: (userId: string) => Promise<void>;
}

/** A1 accounts: self-registration, admin import, existence checks and deletion. */
export class AccountsService {
  private readonly registrations: AttemptLimiter;

  constructor(private readonly deps: AccountsDeps) {
    this.registrations = new AttemptLimiter(deps.registerLimit, deps.clock);
  }

  get registrationOpen(): boolean {
    return this.deps.registrationOpen;
  }

  /**
   * App admins are accounts that exist from the start and sign in only with
   * UserSigs minted with the secret key. An account that was self-registered
   * under a UserID before it was made an admin loses its password here, or its
   * registrant could sign in with it and call the admin REST API.
   */
  async ensureAdmins(): Promise<void> {
    const now = this.deps.clock.now();
    const existing = new Map((await this.deps.store.accounts.getMany(this.deps.admins)).map((a) => [a.userId, a]));
    for (const userId of this.deps.admins) {
      const account = existing.get(userId);
      if (!account) await this.deps.store.accounts.create({ userId, createdAt: now });
      else if (account.passwordHash !== null && (await this.deps.store.accounts.clearPassword(userId))) {
        this.deps.logger.warn({ userId }, 'an app admin account had a password (it was self-registered before becoming an admin); the password was removed');
      }
    }
  }

  /**
   * A1 self-registration. Every attempt from an address counts, whatever its
   * outcome: each costs a password hash, and a success an account row.
   */
  async register(request: RegisterRequest, ip: string): Promise<UserProfile> {
    if (!this.deps.registrationOpen) throw new AppError('registration_disabled');
    if (this.registrations.isBlocked(ip)) throw new AppError('rate_limited');
    this.registrations.record(ip);
    // Admin UserIDs are taken even if their account is missing for a moment.
    if (this.deps.admins.includes(request.userId) || (await this.deps.store.accounts.get(request.userId))) {
      throw new AppError('account_exists');
    }
    const passwordHash = await hashPassword(request.password, this.deps.scrypt ?? DEFAULT_SCRYPT);
    const created = await this.deps.store.accounts.create({
      userId: request.userId,
      nickname: request.nickname?.trim() ?? '',
      passwordHash,
      createdAt: this.deps.clock.now(),
    });
    // Two registrations racing for one UserID: the store decides, the loser is told.
    if (!created) throw new AppError('account_exists');
    return toProfile({ userId: request.userId, nickname: request.nickname?.trim() ?? '' });
  }

  /** Profiles of the accounts that exist among `userIds`, in the order asked; unknown ones are left out. */
  async profiles(userIds: readonly string[]): Promise<UserProfile[]> {
    const accounts = await this.deps.store.accounts.getMany([...new Set(userIds)]);
    const byId = new Map(accounts.map((a) => [a.userId, toProfile(a)]));
    return [...new Set(userIds)].flatMap((id) => byId.get(id) ?? []);
  }

  /** The UserIDs among `userIds` that have accounts. */
  async existing(userIds: readonly string[]): Promise<Set<string>> {
    return new Set((await this.deps.store.accounts.getMany(userIds)).map((a) => a.userId));
  }

  async importAccounts(accounts: ReadonlyArray<Omit<ProfileUpdate, 'createdAt'>>): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.accounts.importMany(accounts.map((a) => ({ ...a, createdAt: now })));
  }

  /**
   * Deletes accounts; their UserSigs stop working at once and their devices
   * are disconnected. Returns the UserIDs that existed.
   */
  async deleteAccounts(userIds: readonly string[]): Promise<string[]> {
    const deleted = await this.deps.store.accounts.deleteMany(userIds);
    for (const userId of deleted) await this.deps.auth.revokeAll(userId, 'account_deleted');
    // Issue 4: a deleted account leaves no profile, friend, request or block behind (a later owner of the UserID starts clean).
    for (const userId of deleted) await this.deps.store.relations.purge(userId);
    // Issue 5: nor any group membership, application, mute or permission-group place (groups it owned become ownerless).
    for (const userId of deleted) await this.deps.forgetInGroups(userId);
    return deleted;
  }
}
