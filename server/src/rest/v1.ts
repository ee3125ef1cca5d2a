import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type z } from 'zod';
import { type ServerInfo, HTTP_PATHS, LoginRequest, PROTOCOL_VERSION, RegisterRequest } from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import { badRequestFrom, toHttpError } from '../errors';
import { type AccountsService } from '../features/accounts/accounts.service';
import { type AuthService } from '../features/auth/auth.service';
import { type Logger } from '../logger';
import { BodyTooLargeError, clientAddress, readBody, sendJson } from './http';

export interface V1Deps {
  accounts: AccountsService;
  auth: AuthService;
  log: Logger;
  /** M5, published in /api/v1/info. */
  recallWindowSeconds: number;
  /** M7: the public keys that sign combined-forward bundles (the relay feature provides them). */
  relaySigningKeys?: () => ServerInfo['relaySigningKeys'];
}

const MAX_BODY = 16 * 1024;

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(request, MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError('bad_request', error.message);
    throw error;
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'The body must be JSON.');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequestFrom(parsed.error);
  return parsed.data;
}

/**
 * The bundled server's own sign-up and sign-in (A1/A2): JSON in, JSON out,
 * failures as a 4xx with `{ error: { code, message } }`. Returns false when
 * the path is not one of these.
 */
export async function handleV1(request: IncomingMessage, response: ServerResponse, path: string, deps: V1Deps): Promise<boolean> {
  const route = `${request.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case `GET ${HTTP_PATHS.info}`: {
        const info: ServerInfo = {
          name: 'OpenChat',
          sdkAppId: deps.auth.sdkAppId,
          protocolVersion: PROTOCOL_VERSION,
          registrationOpen: deps.accounts.registrationOpen,
          recallWindowSeconds: deps.recallWindowSeconds,
          relaySigningKeys: deps.relaySigningKeys?.() ?? [],
        };
        sendJson(response, 200, info);
        return true;
      }
      case `POST ${HTTP_PATHS.register}`: {
        const input = parse(RegisterRequest, await jsonBody(request));
        const profile = await deps.accounts.register(input, clientAddress(request));
        // Registering signs in too: the reply is the same as a login's.
        sendJson(response, 201, await deps.auth.signedIn(profile));
        return true;
      }
      case `POST ${HTTP_PATHS.login}`: {
        const input = parse(LoginRequest, await jsonBody(request));
        sendJson(response, 200, await deps.auth.login(input, clientAddress(request)));
        return true;
      }
      default:
        if (Object.values(HTTP_PATHS).includes(path as never) && path !== HTTP_PATHS.health) {
          sendJson(response, 405, { error: { code: 'bad_request', message: `${request.method ?? ''} is not allowed here.` } });
          return true;
        }
        return false;
    }
  } catch (error) {
    const { status, body } = toHttpError(error, deps.log, { route });
    sendJson(response, status, body);
    return true;
  }
}
