import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { contentTypeFor, resolveRendererPath } from '../core';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Serves the built renderer bundle read-only; every reply carries the given security headers. */
export function createStaticHandler(root: string, headers: Record<string, string>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, headers, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const file = resolveRendererPath(root, url.pathname);
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
        'Content-Type': contentTypeFor(file),
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
