import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HTTP_PATHS } from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import { BlobCache, sha256OfFile, type CachedBlob } from './blobCache';

/** How the core reaches the signed-in server over HTTP (uploads and downloads). */
export interface ServerHttp {
  serverUrl: string;
  /** AUTH_HEADERS with the current UserID and UserSig. */
  authHeaders(): Record<string, string>;
  fetch: typeof fetch;
}

export function blobUrl(serverUrl: string, uuid: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${HTTP_PATHS.blobs}/${encodeURIComponent(uuid)}`;
}

/**
 * Fetches a blob into the cache, resuming a partial download with a Range request,
 * and keeps it only if its SHA-256 is the UUID (our server's blobs are content-
 * addressed, so a damaged or substituted file is never served). Concurrent asks
 * for the same UUID share one download.
 */
export class BlobDownloader {
  private readonly inFlight = new Map<string, Promise<CachedBlob>>();

  constructor(
    private readonly cache: BlobCache,
    private readonly http: () => ServerHttp | null,
  ) {}

  /** The cached file, downloading it first if needed. Throws AppError (not_found, forbidden, offline, internal). */
  async ensure(uuid: string, signal?: AbortSignal): Promise<CachedBlob> {
    if (!BlobCache.isHash(uuid)) throw new AppError('not_found', 'Only files of this server are fetched.');
    const cached = await this.cache.get(uuid);
    if (cached) return cached;
    let running = this.inFlight.get(uuid);
    if (!running) {
      running = this.download(uuid, signal).finally(() => this.inFlight.delete(uuid));
      this.inFlight.set(uuid, running);
    }
    return running;
  }

  /**
   * A byte range straight from the server while the whole file is still being fetched
   * (a video seeked before it is cached plays at once). Null when it cannot be had.
   */
  async fetchRange(uuid: string, range: string, signal?: AbortSignal): Promise<{ status: number; headers: Headers; body: Readable } | null> {
    const http = this.http();
    if (!http || !BlobCache.isHash(uuid)) return null;
    try {
      const response = await http.fetch(blobUrl(http.serverUrl, uuid), { headers: { ...http.authHeaders(), Range: range }, signal });
      if ((response.status !== 206 && response.status !== 416) || (response.status === 206 && !response.body)) {
        await response.body?.cancel();
        return null;
      }
      const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
      return { status: response.status, headers: response.headers, body };
    } catch {
      return null;
    }
  }

  private async download(uuid: string, signal?: AbortSignal): Promise<CachedBlob> {
    const http = this.http();
    if (!http) throw new AppError('unauthenticated');
    const part = this.cache.partPathOf(uuid);
    await mkdir(this.cache.dir, { recursive: true });
    const have = await sizeOf(part);
    let response: Response;
    try {
      response = await http.fetch(blobUrl(http.serverUrl, uuid), {
        headers: { ...http.authHeaders(), ...(have > 0 ? { Range: `bytes=${have}-` } : {}) },
        signal,
      });
    } catch {
      throw new AppError('offline');
    }
    if (response.status === 403 || response.status === 401) throw new AppError('forbidden');
    if (response.status === 404) throw new AppError('not_found');
    if (response.status === 416 && have > 0) {
      // The part already holds every byte (a crash between the last write and the rename).
      return this.keepIfIntact(part, uuid, response.headers.get('content-type'));
    }
    if ((response.status !== 200 && response.status !== 206) || !response.body) {
      throw new AppError('internal', `The server answered ${response.status} for a file.`);
    }
    const append = response.status === 206 && have > 0;
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        createWriteStream(part, { flags: append ? 'a' : 'w' }),
      );
    } catch {
      // What arrived stays in the part file: the next ask resumes from there.
      throw new AppError('offline', 'The download was interrupted.');
    }
    return this.keepIfIntact(part, uuid, response.headers.get('content-type'));
  }

  private async keepIfIntact(part: string, uuid: string, mime: string | null): Promise<CachedBlob> {
    if ((await sha256OfFile(part)) !== uuid) {
      await rm(part, { force: true });
      throw new AppError('internal', 'The downloaded file is damaged.');
    }
    return this.cache.adopt(part, uuid, mime ?? 'application/octet-stream');
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
