import { DEFAULT_SERVER_POLICY, type ConnectionState, type ServerPolicy, type Session } from '../../../../shared/domain';
import { AppError, ERRORS, type ErrorShape } from '../../../../shared/errors';
import type { EventSink, ParsedInput } from '../../../../shared/ipc';
import type { LoginResponse, ServerInfo } from '../../../../shared/protocol';
import { openAccount, type Account, type AccountDeps } from '../../account';
import { DatabaseTooNewError } from '../../store/migrations';
import { adoptLegacyAccountDirectory, followMovedEmbeddedServer, normalizeServerUrl, sessionFilePath } from './accountPaths';
import { AuthApi } from './authApi';
import { deleteSessionFile, readSessionFile, writeSessionFile, type StoredSession } from './sessionFile';

export interface SessionManagerDeps extends Omit<AccountDeps, 'onRefused' | 'onConnected' | 'onOwnNickname' | 'emit'> {
  emit: EventSink;
  fetch: typeof fetch;
  /** The embedded server (Electron) or --server (web host): a saved session on its loopback host follows it to a new port. */
  defaultServerUrl?: string | null;
}

/**
 * Who is signed in, and the lifecycle of their Account: restore at start without the
 * network, register / sign in over HTTP, sign out (by the person or because the server
 * refused the session). Session changes are serialised so two sign-ins never race.
 */
export class SessionManager {
  private account: Account | null = null;
  /** What the signed-in account's server allows (refreshed on every reconnect). */
  private policy: ServerPolicy = DEFAULT_SERVER_POLICY;
  private signedOutReason: ErrorShape | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private shutDown = false;

  constructor(private readonly deps: SessionManagerDeps) {}

  current(): Session {
    if (!this.account) return { state: 'signedOut', reason: this.signedOutReason };
    const { userId, nickname, serverUrl } = this.account.session;
    return { state: 'signedIn', userId, nickname, serverUrl, serverPolicy: this.policy };
  }

  /** Signed out, or not yet connected, reads as offline. */
  connectionState(): ConnectionState {
    return this.account?.connectionState() ?? { status: 'offline', retryInMs: null };
  }

  /** The signed-in account, or `unauthenticated` for calls that need one. */
  requireAccount(): Account {
    if (!this.account) throw new AppError('unauthenticated');
    return this.account;
  }

  /** Reopens the saved session's store at once and connects in the background; never waits for the network. */
  restore(): Promise<void> {
    return this.serialise(async () => {
      this.shutDown = false;
      if (this.account) return;
      const saved = readSessionFile(this.sessionPath);
      if (saved.kind === 'invalid') this.deps.logger.warn({ reason: saved.reason }, 'ignoring an unreadable session file');
      if (saved.kind !== 'ok') return;
      try {
        this.activate(this.followEmbeddedServer(saved.session), [saved.session.serverUrl]);
      } catch {
        // activate() logged it and recorded the reason the person will see.
      }
    });
  }

  register(input: ParsedInput<'session:register'>): Promise<Session> {
    return this.serialise(async () => {
      const serverUrl = normalizeServerUrl(input.serverUrl);
      const api = new AuthApi(serverUrl, this.deps.fetch);
      const info = await api.info();
      const login = await api.register({ userId: input.userId, password: input.password, nickname: input.nickname });
      return this.signedIn(serverUrl, login, policyOf(info));
    });
  }

  signIn(input: ParsedInput<'session:signIn'>): Promise<Session> {
    return this.serialise(async () => {
      const serverUrl = normalizeServerUrl(input.serverUrl);
      const api = new AuthApi(serverUrl, this.deps.fetch);
      const info = await api.info();
      const login = await api.login({ userId: input.userId, password: input.password });
      return this.signedIn(serverUrl, login, policyOf(info));
    });
  }

  /** Ends the session; the account's store stays on disk for the next sign-in. `reason` is null when the person chose to. */
  signOut(reason: ErrorShape | null): Promise<Session> {
    return this.serialise(() => this.endSession(reason));
  }

  /**
   * Ends the session only if `account` is still the signed-in one when this queued work
   * runs: a refusal of the old session may arrive while a sign-in is under way, and must
   * not end the new one.
   */
  signOutIfCurrent(account: Account, reason: ErrorShape): Promise<Session> {
    return this.serialise(async () => (this.account === account ? this.endSession(reason) : this.current()));
  }

  /** Core shutdown: closes the account but keeps the session for the next start. */
  stop(): Promise<void> {
    return this.serialise(async () => {
      this.shutDown = true;
      const account = this.account;
      this.account = null;
      await account?.stop();
    });
  }

  private get sessionPath(): string {
    return sessionFilePath(this.deps.dataDir);
  }

  private async endSession(reason: ErrorShape | null): Promise<Session> {
    const account = this.account;
    // Requests arriving from here on answer `unauthenticated`; those in flight are settled by stop().
    this.account = null;
    this.signedOutReason = reason;
    deleteSessionFile(this.sessionPath);
    // Issue 6: leave the call joined on this device while the connection is still there (the store keeps it otherwise).
    await account?.calls.hangUpHere().catch(() => undefined);
    await account?.stop();
    const session = this.current();
    if (!this.shutDown) {
      this.deps.emit('session:changed', session);
      this.deps.emit('connection:changed', { status: 'offline', retryInMs: null });
    }
    return session;
  }

  private async signedIn(serverUrl: string, login: LoginResponse, serverPolicy: ServerPolicy): Promise<Session> {
    const session: StoredSession = { serverUrl, ...login, serverPolicy };
    const previous = this.account;
    this.account = null;
    await previous?.stop();
    writeSessionFile(this.sessionPath, session);
    // The policy was just read: the first connect need not ask again.
    this.activate(session, [], { policyFresh: true });
    return this.current();
  }

  /**
   * On a reconnect the server may have been restarted with other settings: read its info
   * again and, if the policy changed, tell the renderer and keep it in the session file.
   * Best effort: while the server cannot say, the last known policy holds.
   */
  private async refreshPolicy(account: Account): Promise<void> {
    let info: ServerInfo;
    try {
      info = await new AuthApi(account.session.serverUrl, this.deps.fetch).info();
    } catch (error) {
      this.deps.logger.info({ err: error }, 'could not refresh the server policy; keeping the last known one');
      return;
    }
    const policy = policyOf(info);
    if (this.account !== account || samePolicy(policy, this.policy)) return;
    this.policy = policy;
    try {
      writeSessionFile(this.sessionPath, { ...account.session, serverPolicy: policy });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not save the server policy; asking again next connect');
    }
    this.deps.emit('session:changed', this.current());
  }

  /** P1: my nickname changed (profile editor, another device): keep it in the session and tell the renderer. */
  private renamed(account: Account, nickname: string): void {
    if (this.account !== account || account.session.nickname === nickname) return;
    account.session.nickname = nickname;
    try {
      writeSessionFile(this.sessionPath, { ...account.session, serverPolicy: this.policy });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not save the new nickname');
    }
    this.deps.emit('session:changed', this.current());
  }

  /** A session saved against the embedded server's old port (it moved: the port was taken) follows it, for good. */
  private followEmbeddedServer(saved: StoredSession): StoredSession {
    const serverUrl = followMovedEmbeddedServer(saved.serverUrl, this.deps.defaultServerUrl ?? null);
    if (serverUrl === saved.serverUrl) return saved;
    const session = { ...saved, serverUrl };
    this.deps.logger.info({ from: saved.serverUrl, to: serverUrl }, 'the embedded server moved; the session follows it');
    try {
      writeSessionFile(this.sessionPath, session);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not save the new server address; following it again next start');
    }
    return session;
  }

  /**
   * Opens the account and connects. `previousUrls` are addresses the session was saved
   * under: a folder kept the old way (keyed by address) is moved to the identity-keyed one.
   */
  private activate(session: StoredSession, previousUrls: readonly string[], options: { policyFresh?: boolean } = {}): void {
    const adopted = adoptLegacyAccountDirectory(this.deps.dataDir, [...previousUrls, session.serverUrl], session.sdkAppId, session.userId);
    if (adopted.kind === 'moved') this.deps.logger.info({ from: adopted.from }, 'moved the account folder to its identity-keyed place');
    if (adopted.kind === 'failed') this.deps.logger.warn({ err: adopted.error, from: adopted.from }, 'could not move the old account folder');
    let account: Account;
    let skipPolicyRefresh = options.policyFresh === true;
    try {
      account = openAccount(session, {
        ...this.deps,
        onRefused: (refusal) => {
          const reason = refusal.code === 'kicked' ? { code: refusal.code, message: ERRORS.kicked.message } : refusal;
          void this.signOutIfCurrent(account, { code: reason.code, message: reason.message });
        },
        onConnected: () => {
          if (skipPolicyRefresh) skipPolicyRefresh = false;
          else void this.refreshPolicy(account);
        },
        onOwnNickname: (nickname) => void this.serialise(async () => this.renamed(account, nickname)),
      });
    } catch (error) {
      const reason = new AppError(
        'internal',
        error instanceof DatabaseTooNewError ? error.message : 'The local message store could not be opened.',
      );
      this.deps.logger.error({ err: error }, 'could not open the account store');
      this.signedOutReason = reason.toShape();
      this.deps.emit('session:changed', this.current());
      throw reason;
    }
    this.account = account;
    this.policy = session.serverPolicy ?? DEFAULT_SERVER_POLICY;
    this.signedOutReason = null;
    this.deps.emit('session:changed', this.current());
    this.deps.emit('connection:changed', account.connectionState());
    account.start();
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const result = this.chain.then(work, work);
    this.chain = result.catch(() => undefined);
    return result;
  }
}

function policyOf(info: ServerInfo): ServerPolicy {
  return { recallWindowSeconds: info.recallWindowSeconds };
}

function samePolicy(a: ServerPolicy, b: ServerPolicy): boolean {
  return a.recallWindowSeconds === b.recallWindowSeconds;
}
