import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer } from '../support/server';
import { startThrottledProxy } from '../support/throttledProxy';
import { allMessages } from './history';
import { fetchMedia, latestView, sha256, stageFile } from './mediaFiles';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const MB = 1024 * 1024;
const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function people(serverUrl: string, names: string[]): Promise<TestCore[]> {
  const cores: TestCore[] = [];
  for (const name of names) {
    const core = await startTestCore({ serverUrl, name });
    cleanups.push(() => core.dispose());
    await core.signUp(name);
    await online(core);
    cores.push(core);
  }
  return cores;
}

describe('uploads through the real server (M2)', () => {
  it('M2 a 30 MB upload survives the server stopping midway and restarting, and the download has the same hash', async () => {
    let server: TestServer = await startTestServer();
    const { port, dataDir } = server;
    cleanups.push(() => server.stop({ removeData: true }));
    // Slow the link so the server can be stopped while bytes are still flowing.
    const proxy = await startThrottledProxy(port, 12 * MB);
    cleanups.push(() => proxy.close());
    const [alice, bob] = await people(proxy.url, ['alice', 'bob']);
    await alice!.call('conversations:open', { peer: 'bob' });

    const bytes = randomBytes(30 * MB);
    const stageId = await stageFile(alice!, bytes, 'dataset 发票.bin', 'application/octet-stream');
    const pending = await alice!.call('messages:sendFile', { conversationId: 'c2c_bob', stageId, kind: 'file' });
    expect(pending.status).toBe('pending');
    expect(pending.body[0]).toMatchObject({ MsgType: 'TIMFileElem', MsgContent: { UUID: sha256(bytes), FileSize: 30 * MB } });

    // Underway: the server holds part of it (the proxy lets about 12 MB/s through).
    await alice!.waitFor(() => (serverUpload(dataDir)?.size ?? 0) > 8 * MB, 30_000, 'the upload to be underway');
    // The server goes down hard: the link drops with it (a graceful stop would let the upload finish first).
    const stopping = server.stop();
    proxy.dropConnections();
    await stopping;
    const atStop = serverUpload(dataDir)!;
    expect(atStop.size).toBeLessThan(30 * MB);
    await alice!.waitFor(() => latestView(alice!, pending.id)?.transfer?.state === 'paused', 30_000, 'the upload to pause');
    server = await startTestServer({ port, dataDir });
    proxy.setRate(200 * MB);

    const sent = await alice!.waitFor(() => (latestView(alice!, pending.id)?.status === 'sent' ? latestView(alice!, pending.id) : null), 90_000, 'the send');
    expect(sent.transfer).toBeNull();
    // Resumed, not restarted: the server never saw a second upload, and the one it had was completed.
    expect(uploadNames(dataDir)).not.toContain(atStop.name);
    expect(uploadNames(dataDir)).toHaveLength(0);

    const received = await bob!.waitFor(
      async () => (await allMessages(bob!, 'c2c_alice')).find((m) => m.id === pending.id),
      30_000,
      'bob to receive the file message',
    );
    expect(received.body[0]).toMatchObject({ MsgType: 'TIMFileElem', MsgContent: { UUID: sha256(bytes), FileName: 'dataset 发票.bin' } });
    const download = await fetchMedia(bob!, sha256(bytes));
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(sha256(bytes));
    const seek = await fetchMedia(bob!, sha256(bytes), 'bytes=1000-1999');
    expect(seek.status).toBe(206);
    expect(seek.bytes.equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it('M2 cancel stops the upload, removes it from the server and takes the message away', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop({ removeData: true }));
    const proxy = await startThrottledProxy(server.port, 2 * MB);
    cleanups.push(() => proxy.close());
    const [alice, bob] = await people(proxy.url, ['carl', 'dora']);
    await alice!.call('conversations:open', { peer: 'dora' });
    const bytes = randomBytes(12 * MB);
    const stageId = await stageFile(alice!, bytes, 'big.zip', 'application/zip');
    const pending = await alice!.call('messages:sendFile', { conversationId: 'c2c_dora', stageId, kind: 'file' });
    await alice!.waitFor(() => (latestView(alice!, pending.id)?.transfer?.sent ?? 0) > MB, 30_000, 'bytes on the wire');
    await alice!.call('messages:cancelUpload', { id: pending.id });
    expect(alice!.eventsOf('messages:removed')).toContainEqual({ conversationId: 'c2c_dora', ids: [pending.id], clearedUpToSeq: null });
    expect((await allMessages(alice!, 'c2c_dora')).map((m) => m.id)).not.toContain(pending.id);
    // The server's unfinished upload is terminated (the tus store keeps nothing of it).
    await alice!.waitFor(() => uploadsLeft(server.dataDir) === 0, 10_000, 'the server upload to be removed');
    await new Promise((r) => setTimeout(r, 500));
    expect((await bob!.call('conversations:list', {})).map((c) => c.id)).not.toContain('c2c_carl');
    await expect(alice!.call('messages:cancelUpload', { id: pending.id })).rejects.toBeInstanceOf(AppError);
  });

  it('M2 a file above its kind limit is refused before any byte is uploaded', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop({ removeData: true }));
    const [alice] = await people(server.url, ['erin']);
    await expect(alice!.call('files:stageBegin', { name: 'huge.iso', size: 101 * MB, mime: 'application/octet-stream' })).rejects.toMatchObject({
      code: 'file_too_large',
    });
    await alice!.call('conversations:open', { peer: 'erin' });
    const bytes = randomBytes(MEDIA_LIMITS.image + 1);
    const stageId = await stageFile(alice!, bytes, 'too big.png', 'image/png');
    await expect(alice!.call('messages:sendFile', { conversationId: 'c2c_erin', stageId, kind: 'image' })).rejects.toMatchObject({
      code: 'file_too_large',
    });
    expect(uploadsLeft(server.dataDir)).toBe(0);
  });
});

/** The server's one unfinished upload file, if any. */
function serverUpload(serverDataDir: string): { name: string; size: number } | null {
  const [name] = uploadNames(serverDataDir);
  return name ? { name, size: statSync(join(serverDataDir, 'uploads', name)).size } : null;
}

function uploadNames(serverDataDir: string): string[] {
  const dir = join(serverDataDir, 'uploads');
  return existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.json') && !name.startsWith('.')) : [];
}

/** Unfinished tus uploads in the server's upload folder (the feature keeps them under <dataDir>/uploads). */
function uploadsLeft(serverDataDir: string): number {
  const dir = join(serverDataDir, 'uploads');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((name) => !name.endsWith('.json') && !name.startsWith('.')).length;
}
