import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { STAGE_CHUNK_BYTES } from '../../../shared/ipc';
import { BlobCache } from './blobCache';
import { MAX_STAGE_BYTES, StagingArea } from './staging';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function area(now = () => 1_000) {
  const root = mkdtempSync(join(tmpdir(), 'staging-'));
  dirs.push(root);
  const blobs = new BlobCache(join(root, 'blobs'));
  return { staging: new StagingArea(join(root, 'staging'), blobs, now), blobs, root };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'ok';
}

describe('StagingArea', () => {
  it('M2 receives chunks in order, hashes the whole file and moves it into the blob cache', async () => {
    const { staging, blobs } = area();
    const bytes = new Uint8Array(2500).map((_, i) => i % 251);
    const { stageId } = await staging.begin({ name: 'a.bin', size: bytes.length, mime: 'application/octet-stream' });
    expect(await staging.chunk({ stageId, offset: 0, data: b64(bytes.subarray(0, 1000)) })).toEqual({ received: 1000 });
    expect((await staging.get(stageId))?.sha256).toBeNull();
    expect(await staging.chunk({ stageId, offset: 1000, data: b64(bytes.subarray(1000)) })).toEqual({ received: 2500 });
    const staged = await staging.requireComplete(stageId);
    expect(staged.sha256).toBe(sha(bytes));
    const cached = await blobs.get(staged.sha256);
    expect(cached?.size).toBe(2500);
    expect(new Uint8Array(readFileSync(cached!.path))).toEqual(bytes);
  });

  it('M2 refuses a file above the largest limit before accepting any byte', async () => {
    const { staging, root } = area();
    expect(await code(staging.begin({ name: 'big.iso', size: MAX_STAGE_BYTES + 1, mime: 'application/x-iso9660-image' }))).toBe('file_too_large');
    expect(existsSync(join(root, 'staging'))).toBe(false);
  });

  it('refuses out-of-order chunks, chunks beyond the declared size, bad base64 and oversized chunks', async () => {
    const { staging } = area();
    const { stageId } = await staging.begin({ name: 'a.txt', size: 10, mime: 'text/plain' });
    expect(await code(staging.chunk({ stageId, offset: 5, data: b64(new Uint8Array(5)) }))).toBe('bad_request');
    expect(await code(staging.chunk({ stageId, offset: 0, data: b64(new Uint8Array(11)) }))).toBe('bad_request');
    expect(await code(staging.chunk({ stageId, offset: 0, data: 'not base64!' }))).toBe('bad_request');
    expect(await code(staging.chunk({ stageId, offset: 0, data: b64(new Uint8Array(STAGE_CHUNK_BYTES + 1)) }))).toBe('bad_request');
    expect(await staging.chunk({ stageId, offset: 0, data: b64(new Uint8Array(10)) })).toEqual({ received: 10 });
    expect(await code(staging.chunk({ stageId, offset: 10, data: b64(new Uint8Array(1)) }))).toBe('bad_request');
    expect(await code(staging.requireComplete('0'.repeat(32)))).toBe('not_found');
    expect(await code(staging.chunk({ stageId: '../../etc/passwd', offset: 0, data: 'AA==' }))).toBe('not_found');
  });

  it('an incomplete file is not sendable', async () => {
    const { staging } = area();
    const { stageId } = await staging.begin({ name: 'a.txt', size: 10, mime: 'text/plain' });
    await staging.chunk({ stageId, offset: 0, data: b64(new Uint8Array(4)) });
    expect(await code(staging.requireComplete(stageId))).toBe('bad_request');
  });

  it('a transfer survives a restart of the core and completes with the right hash', async () => {
    const { staging, blobs, root } = area();
    const bytes = new Uint8Array(20).map((_, i) => i);
    const { stageId } = await staging.begin({ name: 'a', size: 20, mime: 'x/y' });
    await staging.chunk({ stageId, offset: 0, data: b64(bytes.subarray(0, 8)) });
    const reopened = new StagingArea(join(root, 'staging'), blobs, () => 1_000);
    await reopened.chunk({ stageId, offset: 8, data: b64(bytes.subarray(8)) });
    expect((await reopened.requireComplete(stageId)).sha256).toBe(sha(bytes));
  });

  it('removes abandoned transfers a day later, but not those still needed', async () => {
    let time = 0;
    const { staging } = area(() => time);
    const a = await staging.begin({ name: 'a', size: 0, mime: 'x/y' });
    const b = await staging.begin({ name: 'b', size: 0, mime: 'x/y' });
    time = 25 * 60 * 60 * 1000;
    await staging.removeAbandoned(new Set([b.stageId]));
    expect(await staging.get(a.stageId)).toBeNull();
    expect(await staging.get(b.stageId)).not.toBeNull();
  });
});
