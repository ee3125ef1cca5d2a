import { extname, resolve, sep } from 'node:path';

/**
 * Both hosts serve the built renderer bundle (Electron over `app://`, the web
 * host over loopback HTTP); this is the one place that decides which file a
 * request may read and what type it is.
 */
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

/**
 * Maps a URL path to a file strictly inside `root`, or null. The path is
 * decoded once and any `..`, `.`-prefixed, empty, backslash or NUL segment is
 * refused rather than normalised, so no spelling of a traversal (`%2e%2e`,
 * `..%2f`, `..%5c`) can escape. Paths without an extension are page routes
 * and get the single-page app's entry, `index.html`.
 */
export function resolveRendererPath(root: string, rawPathname: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const absoluteRoot = resolve(root);
  if (extname(segments.at(-1) ?? '') === '') return resolve(absoluteRoot, 'index.html');
  const file = resolve(absoluteRoot, ...segments);
  return file.startsWith(absoluteRoot + sep) ? file : null;
}
