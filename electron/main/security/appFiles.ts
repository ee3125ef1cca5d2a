import { readFile as fsReadFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { appResponseHeaders } from './csp';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppFileResolution = { kind: 'file'; path: string } | { kind: 'refused' };

/**
 * Maps an `app://chat/...` URL to a file strictly inside `root`. The path is
 * decoded once and any `..`, `.`-prefixed, empty, backslash or NUL segment is
 * refused rather than normalised, so no spelling of a traversal (`%2e%2e`,
 * `..%2f`, `..%5c`) can escape. Paths without an extension are page routes
 * and get the SPA entry, `index.html`.
 */
export function resolveAppFile(root: string, requestUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused' };
  const segments = pathname.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return { kind: 'refused' };
  const last = segments[segments.length - 1] ?? '';
  if (extname(last) === '') return { kind: 'file', path: resolve(root, 'index.html') };
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, ...segments);
  return file.startsWith(absoluteRoot + sep) ? { kind: 'file', path: file } : { kind: 'refused' };
}

export interface AppRequestHandlerOptions {
  /** The built renderer folder (out/renderer). Nothing outside it is ever read. */
  root: string;
  readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * The `app://` protocol handler as a plain `Request → Response` function, so
 * it runs the same in Node tests as inside Electron's `protocol.handle`.
 */
export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((path: string) => fsReadFile(path));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const resolved = resolveAppFile(options.root, request.url);
    if (resolved.kind === 'refused') return textResponse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(resolved.path);
    } catch {
      return textResponse(404, 'Not found');
    }
    const headers = {
      ...appResponseHeaders(),
      'Content-Type': contentTypeFor(resolved.path),
      'Content-Length': String(body.byteLength),
      // Vite gives assets content-hashed names; the HTML must always be fresh.
      'Cache-Control': resolved.path.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    };
    // Response wants an ArrayBuffer-backed view; a Buffer from fs may share a pooled one, so copy exactly.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...appResponseHeaders(), ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
