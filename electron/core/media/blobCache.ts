import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BLOB_HASH } from '../../../shared/domain';

export interface CachedBlob {
  path: string;
  size: number;
  /** The type the file was staged or downloaded with (never sniffed here). */
  mime: string;
}

const DEFAULT_MIME = 'application/octet-stream';

/**
 * Content-addressed files of one account: `blobs/<sha256>` with a `<sha256>.json`
 * beside it holding the type. Only names that look like our server's hashes are
 * ever turned into paths, so a UUID can never point outside the folder.
 */
export class BlobCache {
  constructor(readonly dir: string) {}

  static isHash(uuid: string): boolean {
    return BLOB_HASH.test(uuid);
  }

  pathOf(uuid: string): string {
    if (!BlobCache.isHash(uuid)) throw new Error(`Not a blob hash: ${uuid}`);
    return join(this.dir, uuid);
  }

  partPathOf(uuid: string): string {
    return `${this.pathOf(uuid)}.part`;
  }

  async get(uuid: string): Promise<CachedBlob | null> {
    if (!BlobCache.isHash(uuid)) return null;
    const path = this.pathOf(uuid);
    try {
      const { size } = await stat(path);
      return { path, size, mime: await this.mimeOf(uuid) };
    } catch {
      return null;
    }
  }

  /** Moves a complete file whose SHA-256 is `uuid` into the cache (an own upload or a finished download). */
  async adopt(sourcePath: string, uuid: string, mime: string): Promise<CachedBlob> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(uuid);
    await writeFile(`${path}.json`, JSON.stringify({ mime }));
    await rename(sourcePath, path);
    const { size } = await stat(path);
    return { path, size, mime };
  }

  async remove(uuid: string): Promise<void> {
    if (!BlobCache.isHash(uuid)) return;
    const path = this.pathOf(uuid);
    await Promise.all([rm(path, { force: true }), rm(`${path}.json`, { force: true }), rm(`${path}.part`, { force: true })]);
  }

  private async mimeOf(uuid: string): Promise<string> {
    try {
      const parsed = JSON.parse(await readFile(`${this.pathOf(uuid)}.json`, 'utf8')) as { mime?: unknown };
      return typeof parsed.mime === 'string' && parsed.mime.length > 0 ? parsed.mime : DEFAULT_MIME;
    } catch {
      return DEFAULT_MIME;
    }
  }
}

/** SHA-256 (hex) of a file, streamed (files reach 100 MB). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
