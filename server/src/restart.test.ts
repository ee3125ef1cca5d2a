import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { textBody } from '../../shared/domain';
import { call, connectTestClient } from './testing/socketClient';
import { type TestServer, registerUser, startTestServer } from './testing/testServer';

const started: TestServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop();
  if (started[0]) rmSync(started[0].dataDir, { recursive: true, force: true });
});

describe('server restart', () => {
  it('M4 a restart on the same data folder and port keeps identity, accounts, UserSigs, history, seqs and read positions', async () => {
    const first = await startTestServer();
    started.push(first);
    const alice = await registerUser(first, 'alice', 'alice-password');
    const bob = await registerUser(first, 'bob', 'bob-password');
    const aliceSocket = await connectTestClient(first, 'alice', { userSig: alice.userSig });
    for (let i = 1; i <= 3; i += 1) await call(aliceSocket, 'message:send', { clientMsgId: `before-restart-${i}`, to: 'bob', body: textBody(`#${i}`) });
    const bobSocket = await connectTestClient(first, 'bob', { userSig: bob.userSig });
    await call(bobSocket, 'conversation:markRead', { conversationId: 'c2c_alice', readSeq: 2 });
    aliceSocket.close();
    bobSocket.close();
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir, port: first.port });
    started.push(second);
    expect(second).toMatchObject({ url: first.url, sdkAppId: first.sdkAppId, secretKey: first.secretKey });
    // A UserSig issued before the restart still opens a socket.
    const bobAgain = await connectTestClient(second, 'bob', { userSig: bob.userSig });
    const { conversations } = await call(bobAgain, 'sync:conversations', {});
    expect(conversations).toEqual([expect.objectContaining({ conversationId: 'c2c_alice', lastSeq: 3, unreadCount: 1, readSeq: 2 })]);
    const reply = await call(bobAgain, 'message:send', { clientMsgId: 'after-restart-1', to: 'alice', body: textBody('back') });
    expect(reply.message.seq).toBe(4);
    // A retry of a send acknowledged before the restart is still recognised.
    const aliceAgain = await connectTestClient(second, 'alice', { userSig: alice.userSig });
    const retry = await call(aliceAgain, 'message:send', { clientMsgId: 'before-restart-2', to: 'bob', body: textBody('#2') });
    expect(retry).toMatchObject({ duplicate: true, message: { seq: 2 } });
    const login = await fetch(`${second.url}/api/v1/login`, { method: 'POST', body: JSON.stringify({ userId: 'alice', password: 'alice-password' }) });
    expect(login.status).toBe(200);
    bobAgain.close();
    aliceAgain.close();
  });
});
