import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobInfo, type MsgElem } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';
import { callV4 } from '../../testing/v4Client';
import { download, pngImage, uploadBlob } from '../media/mediaTestKit';

/**
 * G3 P1: a group's FaceUrl is a public URL in Tencent (search results and group cards show it to anyone), so the
 * group's current avatar, when it is one of our blobs uploaded by whoever set it, downloads for every signed-in
 * user through the real HTTP path; a replaced avatar, a disbanded group's, and a photo its setter did not upload
 * do not.
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
  await server.app.services.accounts.importAccounts(['ann', 'bob', 'carol', 'dave'].map((userId) => ({ userId })));
});

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('G3 P1 group avatars are public to signed-in users', () => {
  it('G3 P1 the current avatar downloads for a stranger (with its sizes); replaced, cleared or disbanded it is 403 again', async () => {
    const ann = await connect('ann');
    const first = await uploadBlob(server, ann, 'ann', await pngImage(800, 600, '#112233'), 'image');
    expect((await download(server, 'carol', first.uuid)).status).toBe(403);

    const { group } = await call(ann, 'group:create', { type: 'Public', name: 'Chess', faceUrl: first.url });
    expect((await download(server, 'carol', first.uuid)).status).toBe(200);
    for (const variant of first.variants) expect((await download(server, 'carol', variant.uuid)).status).toBe(200);
    expect((await download(server, null, first.uuid)).status).toBe(401);

    const second = await uploadBlob(server, ann, 'ann', await pngImage(640, 640, '#445566'), 'image');
    await call(ann, 'group:update', { groupId: group.groupId, name: 'Chess club', faceUrl: second.url });
    expect((await download(server, 'carol', second.uuid)).status).toBe(200);
    expect((await download(server, 'carol', first.uuid)).status).toBe(403);

    // Changing something else leaves the avatar published.
    await call(ann, 'group:update', { groupId: group.groupId, introduction: 'weekly games' });
    expect((await download(server, 'carol', second.uuid)).status).toBe(200);

    await call(ann, 'group:update', { groupId: group.groupId, faceUrl: '' });
    expect((await download(server, 'carol', second.uuid)).status).toBe(403);

    await call(ann, 'group:update', { groupId: group.groupId, faceUrl: second.url });
    expect((await download(server, 'dave', second.uuid)).status).toBe(200);
    await call(ann, 'group:disband', { groupId: group.groupId });
    expect((await download(server, 'dave', second.uuid)).status).toBe(403);
  });

  it('G3 P1 M2 an admin naming a photo they only received in a chat does not publish it', async () => {
    const [ann, bob] = [await connect('ann'), await connect('bob')];
    const photo = await uploadBlob(server, ann, 'ann', await pngImage(400, 300, '#778899'), 'image');
    await call(ann, 'message:send', { to: 'bob', clientMsgId: 'c-photo-1', body: [imageElem(photo)] });
    const { group } = await call(bob, 'group:create', { type: 'Public', name: 'Bob club' });
    await call(bob, 'group:update', { groupId: group.groupId, faceUrl: photo.url });
    expect((await download(server, 'bob', photo.uuid)).status).toBe(200);
    expect((await download(server, 'carol', photo.uuid)).status).toBe(403);
  });

  it('G3 P1 S1 an avatar set by the app admin (create_group, modify_group_base_info) is public; replacing it withdraws it', async () => {
    const ann = await connect('ann');
    const first = await uploadBlob(server, ann, 'ann', await pngImage(300, 300, '#101010'), 'image');
    const second = await uploadBlob(server, ann, 'ann', await pngImage(310, 310, '#202020'), 'image');
    const created = await callV4(server, 'group_open_http_svc/create_group', { Owner_Account: 'ann', Type: 'Public', Name: 'Admin made', FaceUrl: first.url });
    expect(created.ErrorCode).toBe(0);
    expect((await download(server, 'carol', first.uuid)).status).toBe(200);
    const modify = (url: string) => callV4(server, 'group_open_http_svc/modify_group_base_info', { GroupId: created.GroupId, FaceUrl: url });
    expect((await modify(second.url)).ErrorCode).toBe(0);
    expect((await download(server, 'carol', second.uuid)).status).toBe(200);
    expect((await download(server, 'carol', first.uuid)).status).toBe(403);
    expect((await modify('https://cdn.example.com/g.png')).ErrorCode).toBe(0);
    expect((await download(server, 'carol', second.uuid)).status).toBe(403);
  });
});
