import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobInfo, type MsgElem } from '../../../../shared/domain';
import { AUTH_HEADERS } from '../../../../shared/protocol';
import { type TestSocket, call, connectTestClient } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { callV4 } from '../../testing/v4Client';
import { download, pngImage, uploadBlob } from '../media/mediaTestKit';

/**
 * P1/P3: a profile image is a public URL in Tencent (a stranger's card shows the photo), so someone's current
 * avatar downloads for every signed-in user, through the real HTTP path; a replaced avatar and a photo only
 * sent in a chat do not.
 */

let server: TestServer;
const sockets: TestSocket[] = [];
const connect = async (userId: string): Promise<TestSocket> => {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
};

function imageElem(blob: BlobInfo): MsgElem {
  return {
    MsgType: 'TIMImageElem',
    MsgContent: {
      UUID: blob.uuid,
      ImageFormat: (blob.imageFormat ?? 255) as 1 | 2 | 3 | 4 | 255,
      ImageInfoArray: [{ Type: 1, Size: blob.size, Width: blob.width ?? 0, Height: blob.height ?? 0, URL: blob.url }],
    },
  };
}

beforeEach(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['alice', 'bob', 'carol', 'dave'].map((userId) => ({ userId })));
  await server.app.services.friends.add({ from: 'alice', to: 'bob', addSource: 'AddSource_Type_Test', force: true });
});

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('P1 P3 profile images are public to signed-in users', () => {
  it('P1 a friend and a stranger download the current avatar and its sizes; a replaced one is 403 for a stranger again', async () => {
    const alice = await connect('alice');
    const first = await uploadBlob(server, alice, 'alice', await pngImage(800, 600, '#112233'), 'image');
    expect((await download(server, 'carol', first.uuid)).status).toBe(403);

    await call(alice, 'profile:setSelf', { image: first.url });
    expect((await download(server, 'bob', first.uuid)).status).toBe(200);
    expect((await download(server, 'carol', first.uuid)).status).toBe(200);
    expect(first.variants.length).toBeGreaterThan(0);
    for (const variant of first.variants) expect((await download(server, 'carol', variant.uuid)).status).toBe(200);
    expect((await download(server, null, first.uuid)).status).toBe(401);

    const second = await uploadBlob(server, alice, 'alice', await pngImage(640, 640, '#445566'), 'image');
    await call(alice, 'profile:setSelf', { image: second.url });
    expect((await download(server, 'carol', second.uuid)).status).toBe(200);
    expect((await download(server, 'carol', first.uuid)).status).toBe(403);
    for (const variant of first.variants) expect((await download(server, 'carol', variant.uuid)).status).toBe(403);
    expect((await download(server, 'alice', first.uuid)).status).toBe(200);

    await call(alice, 'profile:setSelf', { image: '' });
    expect((await download(server, 'carol', second.uuid)).status).toBe(403);
  });

  it('P1 an avatar set by the administrator (portrait_set Tag_Profile_IM_Image) is public too; replacing it withdraws it', async () => {
    const alice = await connect('alice');
    const blob = await uploadBlob(server, alice, 'alice', await pngImage(300, 300), 'image');
    const set = (url: string) => callV4(server, 'profile/portrait_set', { From_Account: 'alice', ProfileItem: [{ Tag: 'Tag_Profile_IM_Image', Value: url }] });
    expect((await set(blob.url)).ErrorCode).toBe(0);
    expect((await download(server, 'carol', blob.uuid)).status).toBe(200);
    expect((await set('https://cdn.example.com/a.png')).ErrorCode).toBe(0);
    expect((await download(server, 'carol', blob.uuid)).status).toBe(403);
  });

  it('P1 M2 an image only sent in a chat stays 403 for a stranger; naming someone else’s photo as my avatar does not publish it', async () => {
    const alice = await connect('alice');
    const photo = await uploadBlob(server, alice, 'alice', await pngImage(400, 300, '#778899'), 'image');
    await call(alice, 'message:send', { to: 'bob', clientMsgId: 'c-photo-1', body: [imageElem(photo)] });
    expect((await download(server, 'bob', photo.uuid)).status).toBe(200);
    expect((await download(server, 'carol', photo.uuid)).status).toBe(403);

    // Bob saw the photo but did not upload it: making it his avatar must not expose it to everyone.
    const bob = await connect('bob');
    await call(bob, 'profile:setSelf', { image: photo.url });
    expect((await download(server, 'carol', photo.uuid)).status).toBe(403);
  });

  it('P1 A3 a deleted account’s avatar is withdrawn', async () => {
    const alice = await connect('alice');
    const blob = await uploadBlob(server, alice, 'alice', await pngImage(200, 200), 'image');
    await call(alice, 'profile:setSelf', { image: blob.url });
    expect((await download(server, 'dave', blob.uuid)).status).toBe(200);
    await server.app.services.accounts.deleteAccounts(['alice']);
    expect((await download(server, 'dave', blob.uuid)).status).toBe(403);
  });

  it('P1 A3 a reused UserID neither downloads nor publishes the previous owner’s uploads', async () => {
    const alice = await connect('alice');
    const blob = await uploadBlob(server, alice, 'alice', await pngImage(210, 210), 'image');
    alice.close();
    await server.app.services.accounts.deleteAccounts(['alice']);
    await server.app.services.accounts.importAccounts([{ userId: 'alice' }]);
    // A UserSig dated after the deletion: the deletion revoked every older one.
    const later = { [AUTH_HEADERS.userId]: 'alice', [AUTH_HEADERS.userSig]: mintTestUserSig(server, 'alice', { now: Date.now() + 1000 }) };
    expect((await download(server, null, blob.uuid, later)).status).toBe(403);
    const reused = await connectTestClient(server, 'alice', { userSig: later[AUTH_HEADERS.userSig] });
    sockets.push(reused);
    await call(reused, 'profile:setSelf', { image: blob.url });
    expect((await download(server, 'dave', blob.uuid)).status).toBe(403);
  });
});
