import { Api } from 'tls-sig-api-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { PROTOCOL_VERSION } from '../../../../shared/protocol';
import { call, connectTestClient, nextPush, openSocket } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/**
 * An app backend migrating from Tencent Cloud Chat keeps minting UserSigs with
 * Tencent's own library; these tests use that library (the npm package
 * `tls-sig-api-v2`, unmodified) against the real server, over REST and sockets.
 */
describe('A2 UserSigs minted by Tencent’s official Node library (tls-sig-api-v2)', () => {
  let server: TestServer;
  let tencent: Api;

  async function rest(command: string, body: unknown, identifier = 'administrator', userSig = tencent.genUserSig(identifier, 3600)) {
    const query = new URLSearchParams({ sdkappid: String(server.sdkAppId), identifier, usersig: userSig, random: '12345', contenttype: 'json' });
    const response = await fetch(`${server.url}/v4/${command}?${query}`, { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    server = await startTestServer();
    tencent = new Api(server.sdkAppId, server.secretKey);
  });
  afterAll(() => server.stop({ removeData: true }));

  it('S1 an admin UserSig from the library drives the REST API', async () => {
    expect(await rest('im_open_login_svc/account_import', { UserID: 'alice', Nick: 'Alice' })).toEqual({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 });
    expect(await rest('im_open_login_svc/multiaccount_import', { Accounts: ['bob'] })).toMatchObject({ ActionStatus: 'OK', FailAccounts: [] });
  });

  it('A2 a user UserSig from the library opens a socket; messages flow', async () => {
    const alice = await connectTestClient(server, 'alice', { userSig: tencent.genUserSig('alice', 3600) });
    const bob = await connectTestClient(server, 'bob', { userSig: tencent.genUserSig('bob', 3600) });
    const arrived = nextPush(bob, 'message:created');
    const sent = await call(alice, 'message:send', { clientMsgId: 'official-lib-1', to: 'bob', body: textBody('hello from a Tencent-signed client') });
    expect(sent.duplicate).toBe(false);
    expect((await arrived).clientMsgId).toBe('official-lib-1');
    alice.close();
    bob.close();
  });

  it('A2 the library’s tokens are refused with Tencent’s codes when wrong', async () => {
    const handshake = (userId: string, userSig: string) =>
      openSocket(server.url, { protocolVersion: PROTOCOL_VERSION, sdkAppId: server.sdkAppId, userId, userSig, platform: 'Linux' }).then(
        () => null,
        (error: { data?: { code: string } }) => error.data?.code,
      );
    expect(await handshake('alice', tencent.genUserSig('bob', 3600))).toBe('usersig_wrong_user');
    expect(await handshake('alice', new Api(server.sdkAppId, 'another-key').genUserSig('alice', 3600))).toBe('usersig_forged');
    expect(await handshake('alice', new Api(1400000000, server.secretKey).genUserSig('alice', 3600))).toBe('usersig_wrong_app');
    // A TRTC PrivateMapKey signed with the same key is not a login credential.
    expect(await handshake('alice', tencent.genPrivateMapKey('alice', 3600, 1234, 255))).toBe('usersig_malformed');
    const shortLived = tencent.genUserSig('alice', 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await handshake('alice', shortLived)).toBe('usersig_expired');
    const notAdmin = await rest('im_open_login_svc/account_check', { CheckItem: [{ UserID: 'bob' }] }, 'alice');
    expect(notAdmin).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 60010 });
  });
});
