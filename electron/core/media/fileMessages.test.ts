import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { EventChannel, EventPayload } from '../../../shared/ipc';
import { openAccount, type Account } from '../account';
import { silentLogger } from '../logger';
import { eventually } from '../testing/testAccount';
import { FakeConnection } from '../testing/fakeConnection';
import { FakeServer } from '../testing/fakeServer';
import { startLocalTusServer, type LocalTusServer } from './testing/localTusServer';
import { UploadJobs } from './uploadJobs';

let dir: string;
let tus: LocalTusServer;
let server: FakeServer;
let connection: FakeConnection;
let events: { event: EventChannel; payload: unknown }[];
let account: Account;
let sentBodies: unknown[];

function open(): Account {
  const opened = openAccount(
    { serverUrl: tus.url, userId: 'me', nickname: 'Me', sdkAppId: 1400000001, userSig: 'sig', expiresAt: 4_000_000_000 },
    {
      dataDir: join(dir, 'data'),
      platform: 'Linux',
      logger: silentLogger,
      now: Date.now,
      ackTimeoutMs: 2_000,
      typingShowMs: 6_000,
      emit: (event, payload) => events.push({ event, payload }),
      onRefused: () => {},
      createConnection: () => connection,
      retry: { outbox: { minMs: 20, maxMs: 50, maxAttempts: 10 } },
    },
  );
  opened.start();
  return opened;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'file-messages-'));
  tus = await startLocalTusServer(dir);
  server = new FakeServer('me', ['bob', 'carol']);
  sentBodies = [];
  server.handlers['blob:finalize'] = (input) => ({ blob: tus.finalize(input.uploadId, input.kind) });
  const send = server.handlers['message:send']!;
  server.handlers['message:send'] = async (input) => {
    sentBodies.push(input.body);
    const reply = await send(input);
    return { ...reply, message: { ...reply.message, body: input.body } };
  };
  connection = new FakeConnection(server);
  events = [];
  account = open();
});

afterEach(async () => {
  await account.stop();
  await tus.close();
  rmSync(dir, { recursive: true, force: true });
});

const eventsOf = <E extends EventChannel>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);

async function stage(bytes: Buffer, name: string, mime: string): Promise<string> {
  const { stageId } = await account.media.stageBegin({ name, size: bytes.length, mime });
  for (let offset = 0; offset < bytes.length; offset += 1024 * 1024) {
    await account.media.stageChunk({ stageId, offset, data: bytes.subarray(offset, offset + 1024 * 1024).toString('base64') });
  }
  return stageId;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const latest = (id: string): ChatMessage | undefined =>
  eventsOf('messages:changed')
    .flatMap((e) => e.messages)
    .filter((m) => m.id === id)
    .at(-1);

describe('file messages', () => {
  it('M2 a file message shows at once, pending with a body named by its hash, then uploads, finalizes and is sent', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const stageId = await stage(bytes, 'report 发票.pdf', 'application/pdf');
    const message = await account.media.sendFile({ conversationId: 'c2c_bob', stageId, kind: 'file' });
    expect(message.status).toBe('pending');
    expect(message.body[0]).toMatchObject({
      MsgType: 'TIMFileElem',
      MsgContent: { UUID: sha(bytes), FileSize: bytes.length, FileName: 'report 发票.pdf', Url: `${tus.url}/api/v1/blobs/${sha(bytes)}` },
    });
    expect(message.transfer).toEqual({ state: 'paused', sent: 0, total: bytes.length });
    connection.goOnline();
    await eventually(() => expect(latest(message.id)?.status).toBe('sent'), 10_000);
    expect(latest(message.id)?.transfer).toBeNull();
    expect(sentBodies).toHaveLength(1);
    expect(sentBodies[0]).toEqual(message.body);
    const progress = eventsOf('messages:changed').flatMap((e) => e.messages).filter((m) => m.id === message.id && m.transfer?.state === 'uploading');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((m) => m.transfer!.total === bytes.length)).toBe(true);
    // The local copy serves the renderer at once.
    const reply = await account.media.serve({ uuid: sha(bytes), method: 'GET', range: 'bytes=0-9', download: null });
    expect(reply.status).toBe(206);
    reply.body?.destroy();
  });

  it('M1 a range of a file not cached yet comes from the server at once while the whole file is fetched and verified', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const message = await account.media.sendFile({ conversationId: 'c2c_bob', stageId: await stage(bytes, 'v.mp4', 'video/mp4'), kind: 'file' });
    connection.goOnline();
    await eventually(() => expect(latest(message.id)?.status).toBe('sent'), 10_000);
    const cached = join(dir, 'data', 'accounts', '1400000001-me', 'media', 'blobs', sha(bytes));
    rmSync(cached);
    const reply = await account.media.serve({ uuid: sha(bytes), method: 'GET', range: 'bytes=1000-', download: null });
    expect(reply.status).toBe(206);
    const chunks: Buffer[] = [];
    for await (const chunk of reply.body!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes.subarray(1000))).toBe(true);
    await eventually(() => expect(existsSync(cached)).toBe(true), 5_000);
    const whole = await account.media.serve({ uuid: sha(bytes), method: 'HEAD', range: null, download: null });
    expect(whole.headers['Content-Length']).toBe(String(bytes.length));
  });

  it('M2 an image gets its size and thumbnail variant from the server before it is sent', async () => {
    const bytes = randomBytes(5000);
    const stageId = await stage(bytes, 'shot.png', 'image/png');
    const message = await account.media.sendFile({ conversationId: 'c2c_bob', stageId, kind: 'image' });
    connection.goOnline();
    await eventually(() => expect(latest(message.id)?.status).toBe('sent'), 10_000);
    expect(latest(message.id)?.body[0]).toMatchObject({
      MsgType: 'TIMImageElem',
      MsgContent: { UUID: sha(bytes), ImageFormat: 3, ImageInfoArray: [{ Type: 1, Width: 640, Height: 480 }, { Type: 3, Width: 198 }] },
    });
  });

  it('M2 refuses a file above its kind limit before uploading anything', async () => {
    const bytes = randomBytes(10);
    const stageId = await stage(bytes, 'a.png', 'image/png');
    const { MEDIA_LIMITS } = await import('../../../shared/domain');
    const limit = MEDIA_LIMITS.image;
    MEDIA_LIMITS.image = 5;
    try {
      await expect(account.media.sendFile({ conversationId: 'c2c_bob', stageId, kind: 'image' })).rejects.toMatchObject({ code: 'file_too_large' });
    } finally {
      MEDIA_LIMITS.image = limit;
    }
    expect(tus.requests).toHaveLength(0);
  });

  it('M2 cancel removes the pending message, its staged file and the server upload', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const stageId = await stage(bytes, 'a.bin', 'application/octet-stream');
    const message = await account.media.sendFile({ conversationId: 'c2c_bob', stageId, kind: 'file' });
    await account.media.cancelUpload({ id: message.id });
    expect(eventsOf('messages:removed')).toEqual([{ conversationId: 'c2c_bob', ids: [message.id], clearedUpToSeq: null }]);
    const page = await account.messages.page({ conversationId: 'c2c_bob', limit: 50 });
    expect(page.messages.map((m) => m.id)).not.toContain(message.id);
    const served = await account.media.serve({ uuid: sha(bytes), method: 'HEAD', range: null, download: null });
    expect(served.status).not.toBe(200);
    connection.goOnline();
    await new Promise((r) => setTimeout(r, 200));
    expect(sentBodies).toHaveLength(0);
    await expect(account.media.cancelUpload({ id: message.id })).rejects.toBeInstanceOf(AppError);
  });

  it('M2 an upload interrupted by a restart resumes and sends after the restart', async () => {
    const bytes = randomBytes(16 * 1024 * 1024);
    const stageId = await stage(bytes, 'big.bin', 'application/octet-stream');
    const message = await account.media.sendFile({ conversationId: 'c2c_bob', stageId, kind: 'file' });
    connection.goOnline();
    const jobs = new UploadJobs(join(dir, 'data', 'accounts', '1400000001-me', 'media', 'uploads'));
    const clientMsgId = message.id.split(':')[1]!;
    // Stop once the server has made the upload and the core has noted its address.
    await eventually(async () => expect((await jobs.load(clientMsgId))?.parts[0]?.uploadUrl).toBeTruthy(), 5_000);
    await account.stop();
    expect(sentBodies).toHaveLength(0);
    events = [];
    connection = new FakeConnection(server);
    account = open();
    const page = await account.messages.page({ conversationId: 'c2c_bob', limit: 50 });
    expect(page.messages.find((m) => m.id === message.id)?.transfer?.state).toBe('paused');
    connection.goOnline();
    await eventually(() => expect(latest(message.id)?.status).toBe('sent'), 10_000);
    expect(sentBodies).toHaveLength(1);
    // Resumed at the saved upload (asked for its offset), never created a second time.
    expect(tus.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(tus.requests.filter((r) => r.method === 'HEAD').length).toBeGreaterThanOrEqual(1);
    expect(latest(message.id)?.body[0]).toMatchObject({ MsgContent: { UUID: sha(bytes) } });
  });
});
