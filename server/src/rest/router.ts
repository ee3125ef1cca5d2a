import { type IncomingMessage, type ServerResponse } from 'node:http';
import { HTTP_PATHS } from '../../../shared/protocol';
import { toHttpError } from '../errors';
import { type Logger } from '../logger';
import { sendJson } from './http';
import { type V1Deps, handleV1 } from './v1';
import { type V4Deps, handleV4 } from './v4/router';

export interface HttpDeps {
  v1: V1Deps;
  v4: V4Deps;
  log: Logger;
  /** M2: tus uploads and blob downloads; answers true when the path was one of them. */
  media?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
}

/** Every plain HTTP request (socket.io's own path never reaches this). */
export function createRequestHandler(deps: HttpDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void route(request, response, deps).catch((error: unknown) => {
      // The path only: a /v4 query string carries the admin's UserSig, which must never reach a log.
      const { status, body } = toHttpError(error, deps.log, { path: pathOf(request.url) });
      sendJson(response, status, body);
    });
  };
}

async function route(request: IncomingMessage, response: ServerResponse, deps: HttpDeps): Promise<void> {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    sendJson(response, 400, { error: { code: 'bad_request', message: 'Unreadable URL.' } });
    return;
  }
  if (url.pathname === HTTP_PATHS.health) {
    sendJson(response, 200, { status: 'ok' });
    return;
  }
  if (url.pathname.startsWith('/v4/')) {
    await handleV4(request, response, url, deps.v4);
    return;
  }
  if (deps.media && (await deps.media(request, response, url))) return;
  if (await handleV1(request, response, url.pathname, deps.v1)) return;
  sendJson(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
  request.resume();
}

function pathOf(url: string | undefined): string {
  const query = (url ?? '').indexOf('?');
  return query === -1 ? (url ?? '') : (url ?? '').slice(0, query);
}
