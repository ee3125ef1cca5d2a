import { z } from 'zod';
import { AppError, isErrorCode } from '../../../../shared/errors';
import {
  HTTP_PATHS,
  LoginResponse,
  PROTOCOL_VERSION,
  ServerInfo,
  type LoginRequest,
  type RegisterRequest,
} from '../../../../shared/protocol';

const HTTP_TIMEOUT_MS = 15_000;

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** A1/A2 over the server's /api/v1 HTTP endpoints: server facts, self-registration, password login. */
export class AuthApi {
  constructor(
    private readonly serverUrl: string,
    private readonly fetchFn: typeof fetch,
  ) {}

  /** Also checks that the server speaks our protocol version before anyone signs in. */
  async info(): Promise<ServerInfo> {
    const info = await this.call(HTTP_PATHS.info, { method: 'GET' }, ServerInfo);
    if (info.protocolVersion !== PROTOCOL_VERSION) {
      throw new AppError('protocol_version', `The server speaks protocol version ${info.protocolVersion}; this app speaks ${PROTOCOL_VERSION}.`);
    }
    return info;
  }

  /** Creates the account; the server signs the new account in as a login would (else we log in). */
  async register(input: RegisterRequest): Promise<LoginResponse> {
    const reply = await this.call(HTTP_PATHS.register, { method: 'POST', body: JSON.stringify(input) }, z.unknown());
    const signedIn = LoginResponse.safeParse(reply);
    if (signedIn.success) return signedIn.data;
    return this.login({ userId: input.userId, password: input.password });
  }

  login(input: LoginRequest): Promise<LoginResponse> {
    return this.call(HTTP_PATHS.login, { method: 'POST', body: JSON.stringify(input) }, LoginResponse);
  }

  private async call<T>(path: string, init: { method: string; body?: string }, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(new URL(path, this.serverUrl), {
        ...init,
        headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
    } catch {
      throw new AppError('offline', `Cannot reach the server at ${this.serverUrl}. Check the address and your connection.`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const error = ErrorBody.safeParse(body);
      if (error.success && isErrorCode(error.data.error.code)) throw new AppError(error.data.error.code, error.data.error.message);
      throw new AppError('internal', `The server at ${this.serverUrl} answered ${response.status}; is it an OpenChat server?`);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError('internal', `The server at ${this.serverUrl} sent a reply this app does not understand.`);
    return parsed.data;
  }
}
