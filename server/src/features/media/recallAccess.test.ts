import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobInfo, type MsgElem, c2cConversationId, messageId, textBody } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../../testing/testServer';
import { download, uploadBlob } from './mediaTestKit';

/** M2 + M5: a blob or bundle is served only while a message that carries it can still be seen; a recall ends that. */

function fileElem(blob: BlobInfo): MsgElem {
  return { MsgType: 'TIMFileElem', MsgContent: { Url: blob.url, UUID: blob.uuid, FileSize: blob.size, FileName: 'secret.pdf', Download_Flag: 2 } };
}

let server: TestServer;
const sockets: Record<string, TestSocket> = {};
let counter = 0;

async function send(from: string, to: string, body: MsgElem[]): Promise<string> {
  counter += 1;
  const clientMsgId = `recall-access-${counter}`;
  await call(sockets[from]!, 'message:send', { clientMsgId, to, body: body as never });
  return messageId(from, clientMsgId);
}

function recall(from: string, peer: string, id: string) {
  return call(sockets[from]!, 'message:recall', { conversationId: c2cConversationId(peer), messageId: id });
}

beforeEach(async () => {
  server = await startTestServer();
  for (const user of ['alice', 'bob', 'mallory']) {
    await registerUser(server, user);
    sockets[user] = await connectTestClient(server, user);
  }
});

afterEach(async () => {
  Object.values(sockets).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('recall ends access to what a message carried', () => {
  it('M2 M5 after a recall the recipient can neither download the file nor forward it; the uploader still can', async () => {
    const blob = await uploadBlob(server, sockets.alice!, 'alice', randomBytes(500), 'file');
    const sent = await send('alice', 'bob', [fileElem(blob)]);
    expect((await download(server, 'bob', blob.uuid)).status).toBe(200);

    await recall('alice', 'bob', sent);
    expect((await download(server, 'bob', blob.uuid)).status).toBe(403);
    expect(await request(sockets.bob!, 'message:send', { clientMsgId: 'bob-fwd-1', to: 'mallory', body: [fileElem(blob)] as never })).toMatchObject({
      ok: false,
      error: { code: 'file_unavailable' },
    });
    expect((await download(server, 'alice', blob.uuid)).status).toBe(200);
  });

  it('M2 M5 recalling one of two messages carrying the same file leaves access through the other', async () => {
    const blob = await uploadBlob(server, sockets.alice!, 'alice', randomBytes(700), 'file');
    await send('alice', 'bob', [fileElem(blob)]);
    const second = await send('alice', 'bob', [fileElem(blob)]);
    await recall('alice', 'bob', second);
    expect((await download(server, 'bob', blob.uuid)).status).toBe(200);
  });

  it('M7 M5 a recalled combined message can no longer be opened by its receiver, nor its files downloaded', async () => {
    const blob = await uploadBlob(server, sockets.alice!, 'alice', randomBytes(300), 'file');
    const withFile = await send('alice', 'bob', [fileElem(blob), ...textBody('see attachment')]);
    const { elem } = await call(sockets.bob!, 'relay:create', {
      title: 'From Alice',
      messages: [{ conversationId: c2cConversationId('alice'), messageId: withFile }],
    });
    const key = elem.MsgContent.JsonMsgKey!;
    const bundle = await send('bob', 'mallory', [elem]);
    expect((await call(sockets.mallory!, 'relay:get', { key })).bundle.key).toBe(key);
    expect((await download(server, 'mallory', blob.uuid)).status).toBe(200);

    await recall('bob', 'mallory', bundle);
    expect(await request(sockets.mallory!, 'relay:get', { key })).toMatchObject({ ok: false, error: { code: 'relay_unavailable' } });
    expect((await download(server, 'mallory', blob.uuid)).status).toBe(403);
    // Bob made the bundle: he still opens it.
    expect((await call(sockets.bob!, 'relay:get', { key })).bundle.key).toBe(key);
  });
});
