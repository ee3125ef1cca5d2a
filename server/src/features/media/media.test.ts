import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../../../shared/domain';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../../testing/testServer';
import {
  abortedPatch,
  authHeaders,
  createUpload,
  download,
  head,
  jpegImage,
  metadataHeader,
  patch,
  pngImage,
  uploadBlob,
  uploadIdOf,
  uploadWhole,
} from './mediaTestKit';

const MB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let server: TestServer;
let alice: TestSocket;
const sockets: TestSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  await registerUser(server, 'alice');
  await registerUser(server, 'bob');
  await registerUser(server, 'mallory');
  alice = await connectTestClient(server, 'alice');
  sockets.push(alice);
});

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('uploads (tus 1.0)', () => {
  it('M2 refuses an upload without credentials, with a forged UserSig, or without a declared length', async () => {
    const anonymous = await fetch(`${server.url}${HTTP_PATHS.uploads}`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '10', 'upload-metadata': metadataHeader({ kind: 'file' }) },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'usersig_empty' } });

    const forged = await createUpload(server, 'alice', 10, 'file', { 'x-tim-user-sig': 'garbage' });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toMatch(/^usersig_/);

    const deferred = await createUpload(server, 'alice', 10, 'file', { 'upload-defer-length': '1' });
    expect(deferred.status).toBe(400);
    const unknownKind = await createUpload(server, 'alice', 10, 'executable');
    expect(unknownKind.status).toBe(400);
  });

  it('M2 refuses a 101 MB file and a 29 MB image at creation with 413 file_too_large', async () => {
    const file = await createUpload(server, 'alice', 101 * MB, 'file');
    expect(file.status).toBe(413);
    expect(await file.json()).toMatchObject({ error: { code: 'file_too_large' } });
    const image = await createUpload(server, 'alice', 29 * MB, 'image');
    expect(image.status).toBe(413);
    const sound = await createUpload(server, 'alice', MEDIA_LIMITS.sound + 1, 'sound');
    expect(sound.status).toBe(413);
    // At the limit it is accepted (nothing is sent yet).
    const video = await createUpload(server, 'alice', MEDIA_LIMITS.video, 'video');
    expect(video.status).toBe(201);
    expect(video.headers.get('tus-resumable')).toBe('1.0.0');
    expect(video.headers.get('location')).toMatch(new RegExp(`^${server.url}${HTTP_PATHS.uploads}/[0-9a-f]{32}$`));
  });

  it('M2 never accepts more bytes than the declared Upload-Length', async () => {
    const created = await createUpload(server, 'alice', 10, 'file');
    const uploadId = uploadIdOf(created);
    const tooMuch = await patch(server, 'alice', uploadId, 0, Buffer.alloc(11, 1));
    expect(tooMuch.status).toBe(413);
    const offset = await head(server, 'alice', uploadId);
    expect(offset.headers.get('upload-offset')).toBe('0');
    const exact = await patch(server, 'alice', uploadId, 0, Buffer.alloc(10, 1));
    expect(exact.status).toBe(204);
    expect(exact.headers.get('upload-offset')).toBe('10');
  });

  it('M2 resumes after a dropped connection: HEAD tells the offset and the rest completes the file', async () => {
    const data = randomBytes(3 * MB);
    const uploadId = uploadIdOf(await createUpload(server, 'alice', data.length, 'file'));
    await abortedPatch(server, 'alice', uploadId, data, MB + 12345);
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i += 1) {
      const status = await head(server, 'alice', uploadId);
      expect(status.status).toBe(200);
      expect(status.headers.get('upload-length')).toBe(String(data.length));
      offset = Number(status.headers.get('upload-offset'));
      if (offset === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(data.length);
    const rest = await patch(server, 'alice', uploadId, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
    const { blob } = await call(alice, 'blob:finalize', { uploadId, kind: 'file' });
    expect(blob.uuid).toBe(sha256(data));
    const body = Buffer.from(await (await download(server, 'alice', blob.uuid)).arrayBuffer());
    expect(sha256(body)).toBe(sha256(data));
  });

  it('M2 resumes across a server restart (the file store persists)', async () => {
    const data = randomBytes(200_000);
    const uploadId = uploadIdOf(await createUpload(server, 'alice', data.length, 'file'));
    expect((await patch(server, 'alice', uploadId, 0, data.subarray(0, 50_000))).status).toBe(204);
    alice.close();
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir });
    alice = await connectTestClient(server, 'alice');
    sockets.push(alice);
    expect((await head(server, 'alice', uploadId)).headers.get('upload-offset')).toBe('50000');
    expect((await patch(server, 'alice', uploadId, 50_000, data.subarray(50_000))).status).toBe(204);
    const { blob } = await call(alice, 'blob:finalize', { uploadId, kind: 'file' });
    expect(blob.uuid).toBe(sha256(data));
  });

  it('M2 only the uploader may HEAD, PATCH or DELETE an upload; DELETE cancels it', async () => {
    const uploadId = uploadIdOf(await createUpload(server, 'alice', 100, 'file'));
    expect((await head(server, 'mallory', uploadId)).status).toBe(403);
    expect((await patch(server, 'mallory', uploadId, 0, Buffer.alloc(100))).status).toBe(403);
    const strangerDelete = await fetch(`${server.url}${HTTP_PATHS.uploads}/${uploadId}`, {
      method: 'DELETE',
      headers: { ...authHeaders(server, 'mallory'), 'tus-resumable': '1.0.0' },
    });
    expect(strangerDelete.status).toBe(403);
    const cancel = await fetch(`${server.url}${HTTP_PATHS.uploads}/${uploadId}`, {
      method: 'DELETE',
      headers: { ...authHeaders(server, 'alice'), 'tus-resumable': '1.0.0' },
    });
    expect(cancel.status).toBe(204);
    expect((await head(server, 'alice', uploadId)).status).toBe(404);
    expect(existsSync(join(server.dataDir, 'uploads', uploadId))).toBe(false);
  });
});

describe('blob:finalize', () => {
  it('M2 stores content-addressed, deduplicated, and answers a retried finalize with the same blob', async () => {
    const data = Buffer.from('the same bytes twice');
    const first = await uploadWhole(server, 'alice', data, 'file');
    const blob = (await call(alice, 'blob:finalize', { uploadId: first, kind: 'file' })).blob;
    expect(blob).toMatchObject({ uuid: sha256(data), size: data.length, width: null, variants: [] });
    expect(blob.url).toBe(`${server.url}${HTTP_PATHS.blobs}/${blob.uuid}`);
    expect(existsSync(join(server.dataDir, 'blobs', blob.uuid.slice(0, 2), blob.uuid.slice(2, 4), blob.uuid))).toBe(true);
    expect((await call(alice, 'blob:finalize', { uploadId: first, kind: 'file' })).blob).toEqual(blob);

    const bob = await connectTestClient(server, 'bob');
    sockets.push(bob);
    const again = await uploadWhole(server, 'bob', data, 'file');
    expect((await call(bob, 'blob:finalize', { uploadId: again, kind: 'file' })).blob.uuid).toBe(blob.uuid);
    // Uploading the same content makes Bob an owner too; the upload folder is left empty.
    expect((await download(server, 'bob', blob.uuid)).status).toBe(200);
    expect(readdirSync(join(server.dataDir, 'uploads'))).toEqual([]);
  });

  it('M2 only the uploader finalizes, only a complete upload, with the kind it was started as', async () => {
    const uploadId = uploadIdOf(await createUpload(server, 'alice', 10, 'file'));
    const mallory = await connectTestClient(server, 'mallory');
    sockets.push(mallory);
    const stolen = await request(mallory, 'blob:finalize', { uploadId, kind: 'file' });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await request(alice, 'blob:finalize', { uploadId, kind: 'file' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await patch(server, 'alice', uploadId, 0, Buffer.alloc(10));
    expect(await request(alice, 'blob:finalize', { uploadId, kind: 'image' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await request(alice, 'blob:finalize', { uploadId, kind: 'file' })).toMatchObject({ ok: true });
  });

  it('M2 makes Tencent-sized variants of an image (large 1080, thumbnail 198), never upscaling', async () => {
    const big = await uploadBlob(server, alice, 'alice', await pngImage(2400, 1200), 'image');
    expect(big).toMatchObject({ mime: 'image/png', width: 2400, height: 1200, imageFormat: 3 });
    expect(big.variants.map((v) => [v.type, v.width, v.height])).toEqual([
      [2, 1080, 540],
      [3, 198, 99],
    ]);
    for (const variant of big.variants) {
      const response = await download(server, 'alice', variant.uuid);
      expect(response.status).toBe(200);
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
      expect(Number(response.headers.get('content-length'))).toBe(variant.size);
    }
    const small = await uploadBlob(server, alice, 'alice', await jpegImage(150, 100), 'image');
    expect(small).toMatchObject({ mime: 'image/jpeg', imageFormat: 1, width: 150, height: 100 });
    expect(small.variants).toEqual([
      expect.objectContaining({ type: 2, uuid: small.uuid, width: 150, height: 100 }),
      expect.objectContaining({ type: 3, uuid: small.uuid, width: 150, height: 100 }),
    ]);
  });

  it('M2 an upload declared as an image must be one (a text file is refused as element_mismatch)', async () => {
    const uploadId = await uploadWhole(server, 'alice', Buffer.from('<svg onload="alert(1)"></svg>'), 'image');
    expect(await request(alice, 'blob:finalize', { uploadId, kind: 'image' })).toMatchObject({ ok: false, error: { code: 'element_mismatch' } });
  });
});

describe('downloads', () => {
  it('M2 serves the uploader with Range; a stranger gets 403, an unknown UUID 404, no credentials 401', async () => {
    const data = randomBytes(10_000);
    const blob = await uploadBlob(server, alice, 'alice', data, 'file');
    const whole = await download(server, 'alice', blob.uuid);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe('10000');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await download(server, 'alice', blob.uuid, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/10000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(data.subarray(100, 200));
    const tail = await download(server, 'alice', blob.uuid, { range: 'bytes=9990-' });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(data.subarray(9990));
    expect((await download(server, 'alice', blob.uuid, { range: 'bytes=20000-' })).status).toBe(416);

    const stranger = await download(server, 'mallory', blob.uuid);
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: 'file_unavailable' } });
    expect((await download(server, 'alice', 'f'.repeat(64))).status).toBe(404);
    expect((await download(server, null, blob.uuid)).status).toBe(401);
  });

  it('M2 a PNG renamed to .exe is served as image/png; HTML is served as inert text', async () => {
    const png = await pngImage(10, 10);
    const created = await createUpload(server, 'alice', png.length, 'file', {
      'upload-metadata': metadataHeader({ kind: 'file', filename: 'setup.exe', filetype: 'application/x-msdownload' }),
    });
    const uploadId = uploadIdOf(created);
    await patch(server, 'alice', uploadId, 0, png);
    const { blob } = await call(alice, 'blob:finalize', { uploadId, kind: 'file' });
    expect(blob.mime).toBe('image/png');
    expect((await download(server, 'alice', blob.uuid)).headers.get('content-type')).toBe('image/png');

    const html = await uploadBlob(server, alice, 'alice', Buffer.from('<html><script>alert(1)</script></html>'), 'file');
    const served = await download(server, 'alice', html.uuid);
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('M2 path traversal and control characters in a download name are harmless', async () => {
    const blob = await uploadBlob(server, alice, 'alice', Buffer.from('report'), 'file');
    const name = encodeURIComponent('../../etc/passwd\r\nX-Evil: 1\u0000发票.pdf');
    const response = await download(server, 'alice', blob.uuid, {}, `?download=${name}`);
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).not.toMatch(/[/\\\r\n]/);
    expect(response.headers.get('x-evil')).toBeNull();
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '')).toBe('_.._etc_passwd__X-Evil: 1_发票.pdf');
  });
});
