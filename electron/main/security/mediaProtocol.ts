import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { MediaReply, MediaRequest } from '../../core';

/**
 * Files for the renderer in Electron: `app-media://media/<uuid>[?download=<name>]`,
 * answered by the core (`ChatCore.media.serve`: own uploads, the cache, downloads
 * from the server with the UserSig the page never sees). A scheme of its own rather
 * than a path under `app://`, so the bundle's origin serves only the bundle.
 */
export const MEDIA_SCHEME = 'app-media';
export const MEDIA_HOST = 'media';
export const MEDIA_ORIGIN = `${MEDIA_SCHEME}://${MEDIA_HOST}`;
/** `app:info.mediaBaseUrl`. */
export const MEDIA_BASE_URL = `${MEDIA_ORIGIN}/`;

/**
 * `standard` for a real origin (CSP `img-src app-media://media`), `secure` so a secure page
 * may load it, `stream` so `<video>`/`<audio>` get ranges as they seek, `corsEnabled` +
 * `supportFetchAPI` so the page may fetch a voice message to draw its waveform. No
 * `bypassCSP`: the page's policy names this origin explicitly.
 */
export const MEDIA_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } as const;

export interface MediaRequestHandlerOptions {
  serve(request: MediaRequest): Promise<MediaReply>;
  /** The renderer's origin: the only page that may read these files. */
  appOrigin: string;
}

/** The `app-media://` handler as a plain `Request → Response` function (tested in Node). */
export function createMediaRequestHandler(options: MediaRequestHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(404);
    }
    if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== MEDIA_HOST) return plain(404);
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== options.appOrigin) return plain(403);
    const segments = url.pathname.split('/').filter((s) => s.length > 0);
    if (segments.length !== 1) return plain(404);
    let uuid: string;
    try {
      uuid = decodeURIComponent(segments[0]!);
    } catch {
      return plain(404);
    }
    const reply = await options.serve({
      uuid,
      method: request.method,
      range: request.headers.get('range'),
      download: url.searchParams.get('download'),
    });
    const headers = { ...reply.headers, 'Access-Control-Allow-Origin': options.appOrigin, Vary: 'Origin' };
    const body = reply.body ? (Readable.toWeb(reply.body) as WebReadableStream<Uint8Array> as unknown as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: reply.status, headers });
  };
}

function plain(status: number): Response {
  return new Response(status === 403 ? 'Forbidden' : 'Not found', {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });
}
