import { createHash, randomBytes, type Hash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEDIA_LIMITS } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { STAGE_CHUNK_BYTES } from '../../../shared/ipc';
import { KeyedQueue } from '../util/keyedQueue';
import { sha256OfFile, type BlobCache } from './blobCache';

/** What a finished renderer → core transfer holds: the bytes live in the blob cache under `sha256`. */
export interface StagedFile {
  stageId: string;
  name: string;
  size: number;
  mime: string;
  createdAt: number;
  /** Set once every byte has arrived. */
  sha256: string | null;
}

/** The largest file any kind allows: nothing bigger is accepted at all (the kind's own limit is checked at send). */
export const MAX_STAGE_BYTES = Math.max(...Object.values(MEDIA_LIMITS));

const STAGE_ID = /^[0-9a-f]{32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Transfers nobody sent within a day are left-overs (a closed window, a crash): removed at start. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Files the renderer hands over in base64 chunks (drop, paste, a voice recording),
 * kept in the account folder so a send survives a restart. Chunks must come in
 * order and add up to the declared size exactly; a complete file is hashed and
 * moved into the blob cache (its SHA-256 is the UUID the server will give it).
 */
export class StagingArea {
  private readonly queue = new KeyedQueue();
  private readonly hashes = new Map<string, Hash>();

  constructor(
    private readonly dir: string,
    private readonly blobs: BlobCache,
    private readonly now: () => number,
  ) {}

  async begin(input: { name: string; size: number; mime: string }): Promise<{ stageId: string }> {
    if (input.size > MAX_STAGE_BYTES) throw new AppError('file_too_large');
    const stageId = randomBytes(16).toString('hex');
    const staged: StagedFile = { stageId, name: input.name, size: input.size, mime: input.mime, createdAt: this.now(), sha256: null };
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.partPath(stageId), new Uint8Array(0));
    await this.writeManifest(staged);
    this.hashes.set(stageId, createHash('sha256'));
    if (input.size === 0) await this.complete(staged);
    return { stageId };
  }

  chunk(input: { stageId: string; offset: number; data: string }): Promise<{ received: number }> {
    return this.queue.run(input.stageId, async () => {
      const staged = await this.mustGet(input.stageId);
      if (staged.sha256 !== null) throw new AppError('bad_request', 'This file has already been received in full.');
      if (!BASE64.test(input.data)) throw new AppError('bad_request', 'A file chunk must be base64.');
      const bytes = Buffer.from(input.data, 'base64');
      if (bytes.length === 0 || bytes.length > STAGE_CHUNK_BYTES) throw new AppError('bad_request', 'A file chunk is empty or too large.');
      const received = await this.received(staged.stageId);
      if (input.offset !== received) throw new AppError('bad_request', `Expected the chunk at offset ${received}.`);
      if (received + bytes.length > staged.size) throw new AppError('bad_request', 'The file is larger than announced.');
      await appendFile(this.partPath(staged.stageId), bytes);
      this.hashes.get(staged.stageId)?.update(bytes);
      const total = received + bytes.length;
      if (total === staged.size) await this.complete(staged);
      return { received: total };
    });
  }

  /** A staged file, complete or not; null when unknown (or the ID is not one of ours). */
  async get(stageId: string): Promise<StagedFile | null> {
    if (!STAGE_ID.test(stageId)) return null;
    try {
      return JSON.parse(await readFile(this.manifestPath(stageId), 'utf8')) as StagedFile;
    } catch {
      return null;
    }
  }

  /** The staged file, which must be complete. */
  async requireComplete(stageId: string): Promise<StagedFile & { sha256: string }> {
    const staged = await this.mustGet(stageId);
    if (staged.sha256 === null) throw new AppError('bad_request', 'The file has not been received in full yet.');
    return staged as StagedFile & { sha256: string };
  }

  /** Forgets the transfer (after the send, or a cancel); the blob it filled stays with the cache. */
  async remove(stageId: string): Promise<void> {
    if (!STAGE_ID.test(stageId)) return;
    this.hashes.delete(stageId);
    await Promise.all([rm(this.manifestPath(stageId), { force: true }), rm(this.partPath(stageId), { force: true })]);
  }

  /** Removes transfers older than a day that are not in `keep` (those an unsent message still needs). */
  async removeAbandoned(keep: ReadonlySet<string>): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const staged = await this.get(name.slice(0, -'.json'.length));
      if (staged && !keep.has(staged.stageId) && this.now() - staged.createdAt > ABANDONED_AFTER_MS) await this.remove(staged.stageId);
    }
  }

  private async complete(staged: StagedFile): Promise<void> {
    const part = this.partPath(staged.stageId);
    // The running hash is lost when the core restarted mid-transfer: hash the file then.
    const sha256 = this.hashes.get(staged.stageId)?.digest('hex') ?? (await sha256OfFile(part));
    this.hashes.delete(staged.stageId);
    await this.blobs.adopt(part, sha256, staged.mime);
    await this.writeManifest({ ...staged, sha256 });
  }

  private async received(stageId: string): Promise<number> {
    try {
      return (await stat(this.partPath(stageId))).size;
    } catch {
      return 0;
    }
  }

  private async mustGet(stageId: string): Promise<StagedFile> {
    const staged = await this.get(stageId);
    if (!staged) throw new AppError('not_found', 'No such file transfer.');
    // After a restart the running hash is gone; it is recomputed from the file at completion.
    return staged;
  }

  private writeManifest(staged: StagedFile): Promise<void> {
    return writeFile(this.manifestPath(staged.stageId), JSON.stringify(staged));
  }

  private manifestPath(stageId: string): string {
    return join(this.dir, `${stageId}.json`);
  }

  private partPath(stageId: string): string {
    return join(this.dir, `${stageId}.part`);
  }
}
