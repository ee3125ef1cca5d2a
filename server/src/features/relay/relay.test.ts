import { createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobInfo, type MsgElem, RelayBundlePayload, c2cConversationId, messageId, textBody } from '../../../../shared/domain';
import { HTTP_PATHS, type ServerInfo } from '../../../../shared/protocol';
import { download, pngImage, uploadBlob } from '../media/mediaTestKit';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, registerUser, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: Record<string, TestSocket> = {};
let counter = 0;

async function send(from: string, to: string, body: MsgElem[]): Promise<string> {
  counter += 1;
  const clientMsgId = `relay-test-${counter}`;
  await call(sockets[from]!, 'message:send', { clientMsgId, to, body: body as never });
  return messageId(from, clientMsgId);
}

function imageElem(blob: BlobInfo): MsgElem {
  return {
    MsgType: 'TIMImageElem',
    MsgContent: {
      UUID: blob.uuid,
      ImageFormat: 3,
      ImageInfoArray: [{ Type: 1, Size: blob.size, Width: blob.width ?? 0, Height: blob.height ?? 0, URL: blob.url }],
    },
  };
}

async function serverKeys(): Promise<ServerInfo['relaySigningKeys']> {
  const info = (await (await fetch(`${server.url}${HTTP_PATHS.info}`)).json()) as ServerInfo;
  return info.relaySigningKeys;
}

function verifies(payload: string | Buffer, signature: string, publicKey: string): boolean {
  const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  return verify(null, Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8'), key, Buffer.from(signature, 'base64'));
}

beforeEach(async () => {
  server = await startTestServer();
  for (const user of ['alice', 'bob', 'carol', 'mallory']) {
    await registerUser(server, user, 'correct-horse-battery', user === 'alice' ? 'Alice' : undefined);
    sockets[user] = await connectTestClient(server, user);
  }
});

afterEach(async () => {
  Object.values(sockets).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('combined forward (relay)', () => {
  it('M7 builds the bundle from stored messages, signs it, and the signature verifies with the published key (and fails when a byte changes)', async () => {
    const first = await send('alice', 'bob', textBody('hello'));
    const second = await send('bob', 'alice', textBody('你好'));
    const { elem } = await call(sockets.bob!, 'relay:create', {
      title: 'Alice and Bob',
      messages: [
        { conversationId: c2cConversationId('alice'), messageId: first },
        { conversationId: c2cConversationId('alice'), messageId: second },
      ],
    });
    expect(elem.MsgContent).toMatchObject({
      Title: 'Alice and Bob',
      MsgNum: 2,
      CompatibleText: '[Chat history] Alice and Bob',
      AbstractList: ['Alice: hello', 'bob: 你好'],
    });
    const key = elem.MsgContent.JsonMsgKey!;
    const { bundle } = await call(sockets.bob!, 'relay:get', { key });
    const keys = await serverKeys();
    const signer = keys.find((k) => k.id === bundle.keyId);
    expect(signer).toBeDefined();
    expect(verifies(bundle.payload, bundle.signature, signer!.publicKey)).toBe(true);
    const tampered = Buffer.from(bundle.payload, 'utf8');
    tampered[tampered.indexOf('hello')] = 'j'.charCodeAt(0);
    expect(verifies(tampered, bundle.signature, signer!.publicKey)).toBe(false);

    const payload = RelayBundlePayload.parse(JSON.parse(bundle.payload));
    expect(payload).toMatchObject({ version: 1, title: 'Alice and Bob', createdBy: 'bob' });
    expect(payload.messages.map((m) => [m.From_Account, m.To_Account, m.MsgSeq, m.MsgBody])).toEqual([
      ['alice', 'bob', 1, textBody('hello')],
      ['bob', 'alice', 2, textBody('你好')],
    ]);
    expect(payload.messages[0]!.MsgTimeStamp).toBeLessThan(10_000_000_000);
  });

  it('M7 only messages the caller can see: someone else’s conversation or a recalled message is message_not_found', async () => {
    const hello = await send('alice', 'bob', textBody('hello'));
    const stolen = await request(sockets.mallory!, 'relay:create', {
      title: 'stolen',
      messages: [{ conversationId: c2cConversationId('alice'), messageId: hello }],
    });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    await call(sockets.alice!, 'message:recall', { conversationId: c2cConversationId('bob'), messageId: hello });
    const recalled = await request(sockets.bob!, 'relay:create', {
      title: 'recalled',
      messages: [{ conversationId: c2cConversationId('alice'), messageId: hello }],
    });
    expect(recalled).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
  });

  it('M7 M2 receivers of a bundle open it and its files, nested once more; strangers cannot', async () => {
    const image = await uploadBlob(server, sockets.alice!, 'alice', await pngImage(40, 30), 'image');
    const picture = await send('alice', 'bob', [imageElem(image)]);
    const { elem: inner } = await call(sockets.bob!, 'relay:create', {
      title: 'Photos',
      messages: [{ conversationId: c2cConversationId('alice'), messageId: picture }],
    });
    const innerKey = inner.MsgContent.JsonMsgKey!;
    expect(await request(sockets.carol!, 'relay:get', { key: innerKey })).toMatchObject({ ok: false, error: { code: 'relay_unavailable' } });
    // Carol cannot send a bundle she may not see.
    expect(await request(sockets.carol!, 'message:send', { clientMsgId: 'carol-relay-1', to: 'mallory', body: [inner] })).toMatchObject({
      ok: false,
      error: { code: 'relay_unavailable' },
    });

    const toCarol = await send('bob', 'carol', [inner]);
    expect((await call(sockets.carol!, 'relay:get', { key: innerKey })).bundle.key).toBe(innerKey);
    expect((await download(server, 'carol', image.uuid)).status).toBe(200);
    expect((await download(server, 'mallory', image.uuid)).status).toBe(403);

    // Carol nests the bundle in one of her own and sends it to Mallory.
    const { elem: outer } = await call(sockets.carol!, 'relay:create', {
      title: 'Forwarded photos',
      messages: [{ conversationId: c2cConversationId('bob'), messageId: toCarol }],
    });
    expect(outer.MsgContent.AbstractList).toEqual(['bob: [Chat history] Photos']);
    await send('carol', 'mallory', [outer]);
    expect((await call(sockets.mallory!, 'relay:get', { key: outer.MsgContent.JsonMsgKey! })).bundle.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect((await call(sockets.mallory!, 'relay:get', { key: innerKey })).bundle.key).toBe(innerKey);
    expect((await download(server, 'mallory', image.uuid)).status).toBe(200);
    // Alice saw none of the forwards.
    expect(await request(sockets.alice!, 'relay:get', { key: outer.MsgContent.JsonMsgKey! })).toMatchObject({ ok: false });
    expect(await request(sockets.alice!, 'relay:get', { key: 'f'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'relay_unavailable' } });
  });

  it('M7 the signing key is generated once and survives a restart', async () => {
    const before = await serverKeys();
    expect(before).toHaveLength(1);
    Object.values(sockets).forEach((s) => s.close());
    await server.stop();
    server = await startTestServer({ dataDir: server.dataDir });
    for (const user of Object.keys(sockets)) sockets[user] = await connectTestClient(server, user);
    expect(await serverKeys()).toEqual(before);
  });
});
