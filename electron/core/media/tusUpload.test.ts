import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { runTusUpload, terminateTusUpload, type TusUploadJob } from './tusUpload';

let dir: string;
let http: HttpServer;
let endpoint: string;
const seenHeaders: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tus-'));
  const tus = new TusServer({ path: '/api/v1/uploads', datastore: new FileStore({ directory: join(dir, 'store') }) });
  http = createServer((req, res) => {
    seenHeaders.push(String(req.headers['x-tim-user-id']));
    void tus.handle(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1/uploads`;
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function file(bytes: number) {
  const content = randomBytes(bytes);
  const path = join(dir, `f-${bytes}-${Math.random()}`);
  writeFileSync(path, content);
  return { path, size: bytes, sha: createHash('sha256').update(content).digest('hex') };
}

function job(f: { path: string; size: number }, overrides: Partial<TusUploadJob> = {}): TusUploadJob {
  return {
    filePath: f.path,
    size: f.size,
    endpoint,
    headers: { 'x-tim-user-id': 'alice' },
    metadata: { kind: 'file', filename: 'a.bin', filetype: 'application/octet-stream' },
    resumeUrl: null,
    onUrl: () => {},
    onProgress: () => {},
    signal: new AbortController().signal,
    retryDelays: [],
    ...overrides,
  };
}

const stored = (url: string) => createHash('sha256').update(readFileSync(join(dir, 'store', url.split('/').pop()!))).digest('hex');

describe('runTusUpload', () => {
  it('M2 uploads a file with the auth headers and reports progress up to the total', async () => {
    const f = file(300_000);
    let last = 0;
    const url = await runTusUpload(job(f, { onProgress: (sent) => (last = sent) }));
    expect(last).toBe(f.size);
    expect(stored(url)).toBe(f.sha);
    expect(seenHeaders).toContain('alice');
  });

  it('M2 an interrupted upload resumes at the server offset from its saved URL', async () => {
    const f = file(24 * 1024 * 1024);
    const controller = new AbortController();
    let savedUrl: string | null = null;
    const first = runTusUpload(
      job(f, {
        onUrl: (url) => (savedUrl = url),
        onProgress: (sent) => {
          if (sent > 4 * 1024 * 1024) controller.abort();
        },
        signal: controller.signal,
      }),
    );
    await expect(first).rejects.toBeInstanceOf(AppError);
    expect(savedUrl).not.toBeNull();
    await new Promise((r) => setTimeout(r, 200));
    const progress: number[] = [];
    const url = await runTusUpload(job(f, { resumeUrl: savedUrl, onProgress: (sent) => progress.push(sent) }));
    expect(url).toBe(savedUrl);
    // Resumed: the first progress report already counts what the server held.
    expect(progress[0]).toBeGreaterThan(0);
    expect(stored(url)).toBe(f.sha);
  });

  it('termination removes an unfinished upload from the server', async () => {
    const f = file(2 * 1024 * 1024);
    const controller = new AbortController();
    let savedUrl = '';
    await runTusUpload(job(f, { onUrl: (u) => (savedUrl = u), onProgress: () => controller.abort(), signal: controller.signal })).catch(() => {});
    await terminateTusUpload(savedUrl, {});
    const head = await fetch(savedUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    expect([404, 410]).toContain(head.status);
  });
});
