import { readFile as fsReadFile } from 'node:fs/promises';
import { contentTypeFor, resolveRendererPath } from '../../core';
import { APP_HOST, APP_SCHEME } from './appOrigin';
import { appResponseHeaders } from './csp';

export type AppFileResolution = { kind: 'file'; path: string } | { kind: 'refused' };

/** Maps an `app://chat/...` URL to a file strictly inside `root` (the core's renderer-file rules). */
export function resolveAppFile(root: string, requestUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused' };
  const file = resolveRendererPath(root, url.pathname);
  return file === null ? { kind: 'refused' } : { kind: 'file', path: file };
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
