import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type TencentEnvelope, TencentError, tencentOk, toTencentFailure } from '../../errors';
import { type AuthService } from '../../features/auth/auth.service';
import { type Logger } from '../../logger';
import { BodyTooLargeError, readBody, sendJson } from '../http';
import { type HistoryService } from '../../features/history/history.service';
import { PARSE_FAILURE_INFO, type V4Command } from './command';
import { HISTORY_DOWNLOAD_PREFIX, serveHistoryDownload } from './history';

const MAX_BODY = 1024 * 1024;

export interface V4Deps {
  auth: AuthService;
  commands: Record<string, V4Command>;
  log: Logger;
  /** Serves the signed links get_history hands out (they carry no UserSig). */
  history?: HistoryService;
}

/**
 * S1: `POST /v4/<service>/<command>?sdkappid&identifier&usersig&random&contenttype=json`
 * as Tencent answers it: always HTTP 200, `{ ActionStatus, ErrorInfo, ErrorCode, … }`.
 * Query keys are matched case-insensitively (old Tencent examples write `sdkAppid`).
 */
export async function handleV4(request: IncomingMessage, response: ServerResponse, url: URL, deps: V4Deps): Promise<void> {
  if (deps.history && url.pathname.startsWith(HISTORY_DOWNLOAD_PREFIX)) {
    serveHistoryDownload(request, response, url, deps.history);
    return;
  }
  const commandName = url.pathname.slice('/v4/'.length);
  let reply: TencentEnvelope;
  try {
    reply = tencentOk(await runCommand(request, url, commandName, deps));
  } catch (error) {
    const command = Object.hasOwn(deps.commands, commandName) ? deps.commands[commandName] : undefined;
    reply = toTencentFailure(error, deps.log, { command: commandName }, command?.internalCode);
  }
  sendJson(response, 200, reply);
  // A refusal before the body was read still lets the connection be reused.
  request.resume();
}

async function runCommand(request: IncomingMessage, url: URL, commandName: string, deps: V4Deps): Promise<Record<string, unknown>> {
  if (request.method !== 'POST') throw new TencentError(60002, 'Only POST is supported.');
  const command = Object.hasOwn(deps.commands, commandName) ? deps.commands[commandName] : undefined;
  if (!command) throw new TencentError(60009, `Unknown service or command: ${commandName}.`);

  const query = new Map<string, string>();
  for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
  const sdkAppId = query.get('sdkappid');
  if (sdkAppId === undefined || sdkAppId === '') throw new TencentError(60012, 'sdkappid is missing from the URL.');
  if (sdkAppId !== String(deps.auth.sdkAppId)) throw new TencentError(60006, 'sdkappid does not match this server.');
  const identifier = query.get('identifier');
  if (!identifier) throw new TencentError(60004, 'identifier is missing from the URL.');
  await deps.auth.authenticate(identifier, query.get('usersig') ?? '');
  if (!deps.auth.isAdmin(identifier)) throw new TencentError(60010, 'This request requires an app admin identifier.');

  let raw: Buffer;
  try {
    raw = await readBody(request, MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new TencentError(93000, error.message);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new TencentError(command.malformedCode, PARSE_FAILURE_INFO);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TencentError(command.malformedCode, PARSE_FAILURE_INFO);
  return command.run({ admin: identifier, body: body as Record<string, unknown>, origin: originOf(request) });
}

/** The scheme and host the caller used (Host is the caller's own claim; the link goes back to that caller only). */
function originOf(request: IncomingMessage): string {
  const secure = 'encrypted' in request.socket && request.socket.encrypted === true;
  const host = request.headers.host ?? `${request.socket.localAddress ?? '127.0.0.1'}:${request.socket.localPort ?? 80}`;
  return `${secure ? 'https' : 'http'}://${host}`;
}
