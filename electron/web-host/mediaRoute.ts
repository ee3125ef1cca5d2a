import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MediaReply, MediaRequest } from '../core';
import { tokensMatch } from './accessToken';

/** `<origin>/media/<token>/<uuid>`: `<img>` and `<video>` cannot send headers, so the launch token is in the path. */
export const MEDIA_PATH_PREFIX = '/media/';

export function mediaBaseUrl(origin: string, token: string): string {
  return `${origin}${MEDIA_PATH_PREFIX}${token}/`;
}

export interface MediaRouteOptions {
  origin: string;
  token: string;
  /** The core's `media.serve`; absent for cores without media (some tests). */
  serve: ((request: MediaRequest) => Promise<MediaReply>) | null;
}

/**
 * Serves the core's files to this host's page: only with this launch's token
 * (compared in constant time), only to the page's own origin (a request that
 * says it comes from elsewhere is refused, as at the bridge), GET/HEAD only.
 * Returns false for paths that are not media, so the caller serves the bundle.
 */
export function createMediaRoute(options: MediaRouteOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!url.pathname.startsWith(MEDIA_PATH_PREFIX)) return false;
    const [token, uuid, ...rest] = url.pathname.slice(MEDIA_PATH_PREFIX.length).split('/');
    if (!tokensMatch(options.token, token) || uuid === undefined || rest.length > 0) return plain(res, 401, 'Unauthorized'), true;
    if (!fromOwnPage(req, options.origin)) return plain(res, 403, 'Forbidden'), true;
    if (!options.serve) return plain(res, 404, 'Not found'), true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(uuid);
    } catch {
      return plain(res, 404, 'Not found'), true;
    }
    const reply = await options.serve({
      uuid: decoded,
      method: req.method ?? 'GET',
      range: typeof req.headers.range === 'string' ? req.headers.range : null,
      download: url.searchParams.get('download'),
    });
    send(res, reply);
    return true;
  };
}

/** Same rules as the bridge: an Origin, when sent, must be ours; fetch metadata must not say cross-site. */
function fromOwnPage(req: IncomingMessage, origin: string): boolean {
  const claimed = req.headers.origin;
  if (claimed !== undefined && claimed !== origin) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function send(res: ServerResponse, reply: MediaReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'Cross-Origin-Resource-Policy': 'same-origin', 'X-Frame-Options': 'DENY' });
  if (!reply.body) {
    res.end();
    return;
  }
  // A seek or a closed tab drops the request: stop reading the file.
  res.on('close', () => reply.body?.destroy());
  reply.body.pipe(res);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}
