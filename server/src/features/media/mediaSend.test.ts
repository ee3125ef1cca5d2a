import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BlobInfo, type MsgElem, c2cConversationId, textBody } from '../../../../shared/domain';
import { HTTP_PATHS } from '../../../../shared/protocol';
import { type TestSocket, call, connectTestClient, nextPush, request } from '../../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../../testing/testServer';
import { callV4 } from '../../testing/v4Client';
import { download, pngImage, uploadBlob } from './mediaTestKit';

const MB = 1024 * 1024;

function imageElem(blob: BlobInfo): MsgElem {
  return {
    MsgType: 'TIMImageElem',
    MsgContent: {
      UUID: blob.uuid,
      ImageFormat: (blob.imageFormat ?? 255) as 1 | 2 | 3 | 4 | 255,
      ImageInfoArray: [
        { Type: 1, Size: blob.size, Width: blob.width ?? 0, Height: blob.height ?? 0, URL: blob.url },
        ...blob.variants.map((v) => ({ Type: v.type, Size: v.size, Width: v.width, Height: v.height, URL: v.url, UUID: v.uuid })),
      ],
    },
  };
}

function fileElem(blob: BlobInfo, name = 'report.pdf'): MsgElem {
  return { MsgType: 'TIMFileElem', MsgContent: { Url: blob.url, UUID: blob.uuid, FileSize: blob.size, FileName: name, Download_Flag: 2 } };
}

let server: TestServer;
let alice: TestSocket;
let bob: TestSocket;
let mallory: TestSocket;
let counter = 0;

function send(socket: TestSocket, to: string, body: MsgElem[]) {
  counter += 1;
  return request(socket, 'message:send', { clientMsgId: `media-send-${counter}`, to, body: body as never });
}

beforeEach(async () => {
  server = await startTestServer();
  for (const user of ['alice', 'bob', 'mallory']) await registerUser(server, user);
  [alice, bob, mallory] = await Promise.all([connectTestClient(server, 'alice'), connectTestClient(server, 'bob'), connectTestClient(server, 'mallory')]);
});

afterEach(async () => {
  [alice, bob, mallory].forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('media references in the send path', () => {
  it('M1 M2 the recipient of an image may download it and its variants (with Range); a stranger gets 403', async () => {
    const blob = await uploadBlob(server, alice, 'alice', await pngImage(1600, 900), 'image');
    expect((await download(server, 'bob', blob.uuid)).status).toBe(403);
    const pushed = nextPush(bob, 'message:created');
    const sent = await send(alice, 'bob', [imageElem(blob)]);
    expect(sent.ok).toBe(true);
    expect((await pushed).body).toEqual(sent.ok ? sent.data.message.body : null);

    const part = await download(server, 'bob', blob.uuid, { range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    for (const variant of blob.variants) expect((await download(server, 'bob', variant.uuid)).status).toBe(200);
    const stranger = await download(server, 'mallory', blob.uuid);
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: 'file_unavailable' } });
  });

  it('M2 fills in variant UUIDs and rewrites every URL to the canonical blob URL', async () => {
    const blob = await uploadBlob(server, alice, 'alice', await pngImage(1600, 900), 'image');
    const elem = imageElem(blob) as Extract<MsgElem, { MsgType: 'TIMImageElem' }>;
    for (const info of elem.MsgContent.ImageInfoArray) {
      info.URL = 'https://evil.example/tracker.png';
      delete info.UUID;
    }
    const sent = await send(alice, 'bob', [elem]);
    if (!sent.ok) throw new Error(sent.error.message);
    const stored = sent.data.message.body[0] as Extract<MsgElem, { MsgType: 'TIMImageElem' }>;
    expect(stored.MsgContent.ImageInfoArray.map((i) => [i.Type, i.UUID, i.URL])).toEqual([
      [1, blob.uuid, `${server.url}${HTTP_PATHS.blobs}/${blob.uuid}`],
      ...blob.variants.map((v) => [v.type, v.uuid, v.url]),
    ]);
    const history = await call(bob, 'sync:messagesAfter', { conversationId: c2cConversationId('alice'), afterSeq: 0, limit: 10 });
    expect(history.messages[0]?.body).toEqual(sent.data.message.body);
  });

  it('M2 lying sizes or dimensions are refused as element_mismatch, and nothing is stored', async () => {
    const file = await uploadBlob(server, alice, 'alice', randomBytes(5000), 'file');
    const lyingFile = fileElem(file) as Extract<MsgElem, { MsgType: 'TIMFileElem' }>;
    lyingFile.MsgContent.FileSize = 10;
    expect(await send(alice, 'bob', [lyingFile])).toMatchObject({ ok: false, error: { code: 'element_mismatch' } });

    const image = await uploadBlob(server, alice, 'alice', await pngImage(300, 200), 'image');
    const lyingImage = imageElem(image) as Extract<MsgElem, { MsgType: 'TIMImageElem' }>;
    lyingImage.MsgContent.ImageInfoArray[0]!.Width = 3000;
    expect(await send(alice, 'bob', [lyingImage])).toMatchObject({ ok: false, error: { code: 'element_mismatch' } });
    // A file that is not an image cannot be sent as one.
    const notImage: MsgElem = {
      MsgType: 'TIMImageElem',
      MsgContent: { UUID: file.uuid, ImageFormat: 255, ImageInfoArray: [{ Type: 1, Size: file.size, Width: 1, Height: 1, URL: file.url }] },
    };
    expect(await send(alice, 'bob', [notImage])).toMatchObject({ ok: false, error: { code: 'element_mismatch' } });
    const history = await call(bob, 'sync:messagesAfter', { conversationId: c2cConversationId('alice'), afterSeq: 0, limit: 10 });
    expect(history.messages).toEqual([]);
  });

  it('M2 a file the sender may not use (someone else’s, unknown, or not a hash) is file_unavailable', async () => {
    const secret = await uploadBlob(server, alice, 'alice', randomBytes(100), 'file');
    expect(await send(mallory, 'bob', [fileElem(secret)])).toMatchObject({ ok: false, error: { code: 'file_unavailable' } });
    const unknown = { ...secret, uuid: 'a'.repeat(64) };
    expect(await send(alice, 'bob', [fileElem(unknown)])).toMatchObject({ ok: false, error: { code: 'file_unavailable' } });
    const external = { ...secret, uuid: 'external-file-1', url: 'https://cdn.example/x' };
    expect(await send(alice, 'bob', [fileElem(external)])).toMatchObject({ ok: false, error: { code: 'file_unavailable' } });
  });

  it('M2 element limits: a voice message over 28 MB or a file over 100 MB is file_too_large', async () => {
    const blob = await uploadBlob(server, alice, 'alice', randomBytes(100), 'sound');
    const sound: MsgElem = { MsgType: 'TIMSoundElem', MsgContent: { Url: blob.url, UUID: blob.uuid, Size: 29 * MB, Second: 3, Download_Flag: 2 } };
    expect(await send(alice, 'bob', [sound])).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
    const file = fileElem(blob) as Extract<MsgElem, { MsgType: 'TIMFileElem' }>;
    file.MsgContent.FileSize = 101 * MB;
    expect(await send(alice, 'bob', [file])).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
  });

  it('M2 M7 a recipient may forward a file they received; the new recipient may then download it', async () => {
    const blob = await uploadBlob(server, alice, 'alice', randomBytes(2000), 'file');
    expect((await send(alice, 'bob', [fileElem(blob)])).ok).toBe(true);
    expect((await download(server, 'mallory', blob.uuid)).status).toBe(403);
    expect((await send(bob, 'mallory', [fileElem(blob)])).ok).toBe(true);
    expect((await download(server, 'mallory', blob.uuid)).status).toBe(200);
  });

  it('S1 M2 an admin REST send may name external files (non-hash UUIDs); a stored blob is still checked', async () => {
    const external = {
      MsgType: 'TIMFileElem',
      MsgContent: { Url: 'https://cdn.example.com/a.pdf', UUID: 'tencent-uuid-1', FileSize: 1234, FileName: 'a.pdf', Download_Flag: 2 },
    };
    const ok = await callV4(server, 'openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 1, MsgBody: [external] });
    expect(ok.ActionStatus).toBe('OK');
    const blob = await uploadBlob(server, alice, 'alice', randomBytes(300), 'file');
    const lying = { MsgType: 'TIMFileElem', MsgContent: { Url: blob.url, UUID: blob.uuid, FileSize: 1, FileName: 'b.bin', Download_Flag: 2 } };
    const refused = await callV4(server, 'openim/sendmsg', { From_Account: 'alice', To_Account: 'bob', MsgRandom: 2, MsgBody: [lying] });
    expect(refused.ActionStatus).toBe('FAIL');
  });

  it('M2 a text-only send never touches the media tables', async () => {
    const getBlobs = vi.spyOn(server.store.media, 'getBlobs');
    const recordRefs = vi.spyOn(server.store.media, 'recordRefs');
    expect((await request(alice, 'message:send', { clientMsgId: 'text-only-1', to: 'bob', body: textBody('hi') })).ok).toBe(true);
    expect(getBlobs).not.toHaveBeenCalled();
    expect(recordRefs).not.toHaveBeenCalled();
  });
});
