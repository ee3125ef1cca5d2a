import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import type { CachedBlob } from './blobCache';

/** What a host asks the core for: `<mediaBaseUrl><uuid>[?download=<name>]`, method and Range header. */
export interface MediaRequest {
  uuid: string;
  method: string;
  range: string | null;
  /** `?download=<name>`: served as an attachment under this (sanitised) name. */
  download: string | null;
}

/** A host-neutral HTTP reply: the web host pipes it into Node's response, Electron wraps it in a Response. */
export interface MediaReply {
  status: number;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * Types the renderer may show inline. Anything else (HTML, SVG, scripts, PDFs…)
 * is served as opaque bytes: it can be saved, never rendered as a document.
 */
const INLINE_TYPE = /^(?:image\/(?:png|jpeg|gif|webp|bmp|avif)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;

/** Every media reply: no sniffing, and a document that somehow renders runs sandboxed with nothing allowed. */
const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; sandbox",
  'Referrer-Policy': 'no-referrer',
};

export function safeContentType(mime: string): string {
  const bare = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  return INLINE_TYPE.test(bare) ? bare : 'application/octet-stream';
}

/** A file name that cannot carry a path, control characters or header syntax. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // Control characters (which could end a header line) and the characters Windows forbids in names.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : 'file';
}

export function contentDisposition(name: string): string {
  const safe = sanitizeFileName(name);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/[%;\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

export type ByteRange = { start: number; end: number };

/** One `bytes=` range (what media elements send); null for none or several; 'unsatisfiable' past the end. */
export function parseRange(header: string | null, size: number): ByteRange | null | 'unsatisfiable' {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Turns a resolved file into the reply for `request` (full, partial or 416). */
export function replyWithFile(request: MediaRequest, blob: CachedBlob): MediaReply {
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'Content-Type': safeContentType(blob.mime),
    'Accept-Ranges': 'bytes',
    // Content-addressed: the bytes behind a UUID never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  if (request.download !== null) headers['Content-Disposition'] = contentDisposition(request.download);
  const range = parseRange(request.range, blob.size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${blob.size}` }, body: null };
  }
  const head = request.method === 'HEAD';
  if (range === null) {
    headers['Content-Length'] = String(blob.size);
    return { status: 200, headers, body: head || blob.size === 0 ? null : createReadStream(blob.path) };
  }
  headers['Content-Length'] = String(range.end - range.start + 1);
  headers['Content-Range'] = `bytes ${range.start}-${range.end}/${blob.size}`;
  return { status: 206, headers, body: head ? null : createReadStream(blob.path, { start: range.start, end: range.end }) };
}

/** A range the server answered while the file is not cached yet, with our own headers around its bytes. */
export function replyWithServerRange(request: MediaRequest, upstream: { status: number; headers: Headers; body: Readable }): MediaReply {
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    'Content-Type': safeContentType(upstream.headers.get('content-type') ?? ''),
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
  for (const name of ['Content-Range', 'Content-Length']) {
    const value = upstream.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  if (request.download !== null) headers['Content-Disposition'] = contentDisposition(request.download);
  if (request.method === 'HEAD') upstream.body.destroy();
  return { status: upstream.status, headers, body: request.method === 'HEAD' ? null : upstream.body };
}

export function replyWithStatus(status: number, text: string): MediaReply {
  return {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    body: Readable.from([Buffer.from(text)]),
  };
}

/** How an error while resolving a file reads over HTTP. */
export function replyForError(error: unknown): MediaReply {
  if (error instanceof AppError) {
    if (error.code === 'forbidden') return replyWithStatus(403, 'Forbidden');
    if (error.code === 'not_found') return replyWithStatus(404, 'Not found');
    if (error.code === 'offline') return replyWithStatus(503, 'Offline');
    if (error.code === 'unauthenticated') return replyWithStatus(401, 'Signed out');
  }
  return replyWithStatus(502, 'The file could not be fetched');
}
