import { createReadStream } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { type ErrorCode } from '../../../../shared/errors';
import { toHttpError } from '../../errors';
import { type Logger } from '../../logger';
import { sendJson } from '../../rest/http';
import { type MediaRepository } from '../../store/mediaTypes';
import { type HttpAuthenticator } from './httpAuth';
import { type MediaService } from './media.service';
import { UPLOAD_ID, type Uploads, checkCreation, setUploader } from './uploads';

export interface MediaHttpDeps {
  authenticator: HttpAuthenticator;
  uploads: Uploads;
  media: MediaService;
  repository: MediaRepository;
  log: Logger;
}

/** Statuses for the media endpoints where they differ from /api/v1's defaults. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  usersig_empty: 401,
  usersig_malformed: 401,
  usersig_expired: 401,
  usersig_forged: 401,
  usersig_wrong_user: 401,
  usersig_wrong_app: 401,
  usersig_revoked: 401,
  account_not_found: 401,
  file_too_large: 413,
  file_unavailable: 403,
  forbidden: 403,
  not_found: 404,
};

function sendError(response: ServerResponse, error: unknown, log: Logger, context: Record<string, unknown>, extraHeaders: Record<string, string> = {}): void {
  const { status, body } = toHttpError(error, log, context);
  for (const [name, value] of Object.entries(extraHeaders)) if (!response.headersSent) response.setHeader(name, value);
  sendJson(response, STATUS[body.error.code] ?? status, body);
}

/** The file name of `?download=`, made harmless: no path separators or control characters, at most 255 characters. */
export function safeFileName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f/\\]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 255);
  return cleaned === '' ? 'download' : cleaned;
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  const fallback = safe.replace(/[^\x20-\x7e]|["%;\\]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** A single `bytes=` range (several ranges are answered with the whole file, which HTTP allows). */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** GET/HEAD /api/v1/blobs/<uuid>: streamed from disk, with Range, and inert whatever the content is. */
async function serveBlob(request: IncomingMessage, response: ServerResponse, url: URL, deps: MediaHttpDeps): Promise<void> {
  const userId = await deps.authenticator.authenticate(request);
  const uuid = url.pathname.slice(HTTP_PATHS.blobs.length + 1);
  const { blob, path } = await deps.media.download(userId, uuid);
  const etag = `"${blob.uuid}"`;
  const headers: Record<string, string | number> = {
    'content-type': blob.mime,
    'accept-ranges': 'bytes',
    etag,
    // Content-addressed: the bytes behind a UUID never change. Private: access depends on who asks.
    'cache-control': 'private, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    // An uploaded HTML or SVG file opened directly can neither run script nor load anything.
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-site',
  };
  const download = url.searchParams.get('download');
  if (download !== null) headers['content-disposition'] = attachmentDisposition(download);

  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, blob.size) : null;
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${blob.size}`, 'content-length': 0 }).end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? blob.size - 1;
  const length = blob.size === 0 ? 0 : end - start + 1;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
  headers['content-length'] = length;
  response.writeHead(range ? 206 : 200, headers);
  if (request.method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  try {
    await pipeline(createReadStream(path, { start, end }), response);
  } catch (error) {
    // The client went away mid-download (it resumes with a Range): nothing to report.
    if (!response.destroyed) deps.log.warn({ err: error, uuid }, 'streaming a blob failed');
    response.destroy();
  }
}

const TUS_HEADERS = { 'tus-resumable': '1.0.0' };

/** The tus endpoint: authenticate, then let only the uploader touch an upload; creation is checked before tus sees it. */
async function handleUpload(request: IncomingMessage, response: ServerResponse, url: URL, deps: MediaHttpDeps): Promise<void> {
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') {
    await deps.uploads.tus.handle(request, response);
    return;
  }
  const userId = await deps.authenticator.authenticate(request);
  if (url.pathname === HTTP_PATHS.uploads) {
    if (method !== 'POST') {
      sendJson(response, 405, { error: { code: 'bad_request', message: `${method} is not allowed here.` } });
      return;
    }
    checkCreation(request);
    setUploader(request, userId);
  } else {
    const uploadId = url.pathname.slice(HTTP_PATHS.uploads.length + 1);
    if (!['HEAD', 'PATCH', 'DELETE'].includes(method)) {
      sendJson(response, 405, { error: { code: 'bad_request', message: `${method} is not allowed here.` } });
      return;
    }
    const upload = UPLOAD_ID.test(uploadId) ? await deps.repository.getUpload(uploadId) : null;
    // Finalized uploads are gone from tus; their data lives on as a blob.
    if (!upload || upload.blobUuid !== null) {
      sendJson(response, 404, { error: { code: 'not_found', message: 'No such upload.' } });
      return;
    }
    if (upload.owner !== userId) {
      sendJson(response, 403, { error: { code: 'forbidden', message: 'Only the uploader may resume or cancel an upload.' } });
      return;
    }
  }
  await deps.uploads.tus.handle(request, response);
}

/**
 * Routes the media endpoints (tus uploads under HTTP_PATHS.uploads, downloads
 * under HTTP_PATHS.blobs); returns false for any other path.
 */
export function createMediaHttp(deps: MediaHttpDeps): (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean> {
  return async (request, response, url) => {
    const path = url.pathname;
    if (path === HTTP_PATHS.uploads || path.startsWith(`${HTTP_PATHS.uploads}/`)) {
      try {
        await handleUpload(request, response, url, deps);
      } catch (error) {
        sendError(response, error, deps.log, { route: 'uploads', method: request.method }, TUS_HEADERS);
        request.resume();
      }
      return true;
    }
    if (path.startsWith(`${HTTP_PATHS.blobs}/`)) {
      try {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          sendJson(response, 405, { error: { code: 'bad_request', message: `${request.method ?? ''} is not allowed here.` } });
        } else {
          await serveBlob(request, response, url, deps);
        }
      } catch (error) {
        sendError(response, error, deps.log, { route: 'blobs' });
      }
      request.resume();
      return true;
    }
    return false;
  };
}
