import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobInfo, type MsgElem } from '../../../../shared/domain';
import { AUTH_HEADERS } from '../../../../shared/protocol';
import { type TestSocket, collect, connectTestClient, eventually } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, startTestServer } from '../../testing/testServer';
import { download, uploadBlob } from './mediaTestKit';

/**
 * M2 + S1: a REST message with MsgLifeTime 0 is pushed to connected devices and never stored.
 * A file it carries is granted to its parties all the same (there is no stored message to
 * name in media_refs): the recipient downloads it, a stranger does not, and the grant goes
 * with the account (a later owner of the UserID does not inherit it).
 */

function fileElem(blob: BlobInfo): MsgElem {
  return { MsgType: 'TIMFileElem', MsgContent: { Url: blob.url, UUID: blob.uuid, FileSize: blob.size, FileName: 'report.pdf', Download_Flag: 2 } };
}

let server: TestServer;
const sockets: TestSocket[] = [];

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

async function sendmsg(body: Record<string, unknown>): Promise<{ ActionStatus: string; ErrorCode: number }> {
  const params = new URLSearchParams({
    sdkappid: String(server.sdkAppId),
    identifier: 'administrator',
    usersig: mintTestUserSig(server, 'administrator'),
    random: '1',
    contenttype: 'json',
  });
  const response = await fetch(`${server.url}/v4/openim/sendmsg?${params}`, { method: 'POST', body: JSON.stringify(body) });
  return (await response.json()) as { ActionStatus: string; ErrorCode: number };
}

beforeEach(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['alice', 'bob', 'mallory'].map((userId) => ({ userId })));
});

afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await server.stop({ removeData: true });
});

describe('S1 M2 online-only messages carrying files', () => {
  it('S1 M2 the recipient of a MsgLifeTime 0 message downloads its file; a stranger still gets 403; nothing is stored', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const data = randomBytes(900);
    const blob = await uploadBlob(server, alice, 'alice', data, 'file');
    expect((await download(server, 'bob', blob.uuid)).status).toBe(403);
    const pushes = collect(bob, 'message:created');

    const reply = await sendmsg({ From_Account: 'alice', To_Account: 'bob', MsgRandom: 7, MsgLifeTime: 0, MsgBody: [fileElem(blob)] });
    expect(reply).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0 });
    await eventually(() => pushes.length === 1);
    expect(pushes[0]).toMatchObject({ seq: 0, body: [{ MsgType: 'TIMFileElem', MsgContent: { UUID: blob.uuid } }] });

    const downloaded = await download(server, 'bob', blob.uuid);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(data)).toBe(true);
    expect((await download(server, 'mallory', blob.uuid)).status).toBe(403);
    expect((server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n).toBe(0);
  });

  it('S1 M2 a refused online-only send grants nothing; a deleted and re-created recipient does not inherit the grant', async () => {
    const alice = await connect('alice');
    const blob = await uploadBlob(server, alice, 'alice', randomBytes(400), 'file');
    // Mallory cannot send what she may not use: refused, and Bob gains nothing from it.
    const refused = await sendmsg({ From_Account: 'mallory', To_Account: 'bob', MsgRandom: 8, MsgLifeTime: 0, MsgBody: [fileElem(blob)] });
    expect(refused.ActionStatus).toBe('FAIL');
    expect((await download(server, 'bob', blob.uuid)).status).toBe(403);

    expect(await sendmsg({ From_Account: 'alice', To_Account: 'bob', MsgRandom: 9, MsgLifeTime: 0, MsgBody: [fileElem(blob)] })).toMatchObject({ ActionStatus: 'OK' });
    expect((await download(server, 'bob', blob.uuid)).status).toBe(200);
    await server.app.services.accounts.deleteAccounts(['bob']);
    await server.app.services.accounts.importAccounts([{ userId: 'bob' }]);
    // Deleting revoked every UserSig of bob issued up to this second: the new bob signs in with a later one.
    const newBob = { [AUTH_HEADERS.userId]: 'bob', [AUTH_HEADERS.userSig]: mintTestUserSig(server, 'bob', { now: Date.now() + 2_000 }) };
    expect((await download(server, null, blob.uuid, newBob)).status).toBe(403);
    expect((await download(server, 'alice', blob.uuid)).status).toBe(200);
  });
});
