import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a request path to a file strictly inside `root`, or `null`. Decoding
 * happens once, then any `..`, backslash, NUL or dot-file segment is refused
 * outright rather than normalised, so no spelling of a traversal can escape.
 */
export function resolveStaticPath(root: string, rawPath: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, ...segments);
  return file.startsWith(absoluteRoot + sep) ? file : null;
}

/** Serves the built renderer bundle read-only; every reply carries the given security headers. */
export function createStaticHandler(root: string, headers: Record<string, string>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, headers, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const file = resolveStaticPath(root, url.pathname);
    if (!file) {
      reply(res, 404, headers, 'Not found');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const isHtml = extname(file) === '.html';
      res.writeHead(200, {
        ...headers,
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        // Vite gives assets content-hashed names; the HTML must always be fresh.
        'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      reply(res, 404, headers, 'Not found');
    }
  };
}

export function reply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
