import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { BlobInfo, MediaKind } from '../../../../shared/domain';
import { HTTP_PATHS } from '../../../../shared/protocol';

/**
 * A stand-in for the server's upload and download routes in core unit tests: tus at
 * HTTP_PATHS.uploads (@tus/server, as the real server uses) and `GET blobs/<sha256>` of
 * finalized uploads with Range. `finalize` plays `blob:finalize`. The integration tests
 * run against the real server instead.
 */
export interface LocalTusServer {
  url: string;
  requests: IncomingMessage[];
  /** `METHOD status` of every answered request, in order. */
  log: string[];
  finalize(uploadId: string, kind: MediaKind): BlobInfo;
  close(): Promise<void>;
}

export async function startLocalTusServer(dir: string): Promise<LocalTusServer> {
  const store = join(dir, 'tus');
  mkdirSync(store, { recursive: true });
  const tus = new TusServer({ path: HTTP_PATHS.uploads, datastore: new FileStore({ directory: store }) });
  const blobs = new Map<string, { bytes: Buffer; mime: string }>();
  const requests: IncomingMessage[] = [];
  const log: string[] = [];
  const http: Server = createServer((req, res) => {
    requests.push(req);
    res.on('finish', () => log.push(`${req.method} ${res.statusCode}`));
    if (req.url?.startsWith(`${HTTP_PATHS.blobs}/`)) {
      const blob = blobs.get(req.url.slice(HTTP_PATHS.blobs.length + 1));
      if (!blob) return res.writeHead(404).end();
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      res.writeHead(range ? 206 : 200, { 'Content-Type': blob.mime });
      return res.end(blob.bytes.subarray(start));
    }
    void tus.handle(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    log,
    finalize(uploadId, kind) {
      const bytes = readFileSync(join(store, uploadId));
      const uuid = createHash('sha256').update(bytes).digest('hex');
      const mime = kind === 'image' || kind === 'videoThumb' ? 'image/png' : 'application/octet-stream';
      blobs.set(uuid, { bytes, mime });
      const isImage = kind === 'image' || kind === 'videoThumb';
      return {
        uuid,
        size: bytes.length,
        mime,
        url: `${url}${HTTP_PATHS.blobs}/${uuid}`,
        width: isImage ? 640 : null,
        height: isImage ? 480 : null,
        imageFormat: isImage ? 3 : null,
        variants: isImage ? [{ type: 3, uuid, size: bytes.length, width: 198, height: 149, url: `${url}${HTTP_PATHS.blobs}/${uuid}` }] : [],
      };
    },
    async close() {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
