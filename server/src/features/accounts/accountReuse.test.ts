import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, connectTestClient, request } from '../../testing/socketClient';
import { type TestServer, mintTestUserSig, registerUser, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([{ userId: 'alice' }]);
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId, { userSig: mintTestUserSig(server, userId, { now: Date.now() + 1000 }) });
  sockets.push(socket);
  return socket;
}

async function v4(command: string, body: unknown): Promise<{ ActionStatus: string }> {
  const query = new URLSearchParams({
    sdkappid: String(server.sdkAppId),
    identifier: 'administrator',
    usersig: mintTestUserSig(server, 'administrator'),
    random: '1',
    contenttype: 'json',
  });
  return (await (await fetch(`${server.url}/v4/${command}?${query}`, { method: 'POST', body: JSON.stringify(body) })).json()) as { ActionStatus: string };
}

/** What `viewer` can read of their conversation with `peer`, by every read path. */
async function everythingVisible(viewer: TestSocket, peer: string) {
  const conversationId = `c2c_${peer}` as const;
  const after = await call(viewer, 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 100 });
  const before = await call(viewer, 'sync:messagesBefore', { conversationId, beforeSeq: Number.MAX_SAFE_INTEGER, limit: 100 });
  const { conversations } = await call(viewer, 'sync:conversations', {});
  return {
    after: after.messages.map((m) => m.body),
    before: before.messages.map((m) => m.body),
    list: conversations.map((c) => ({ id: c.conversationId, unread: c.unreadCount, last: c.lastMessage?.body })),
  };
}

describe('A1 a deleted UserID taken by someone else', () => {
  it.each([
    ['self-registration', (userId: string) => registerUser(server, userId).then(() => undefined)],
    ['REST re-import', (userId: string) => v4('im_open_login_svc/account_import', { UserID: userId }).then(() => undefined)],
  ])('A1 after %s, the new owner sees none of the old owner’s history, and their own new one', async (_how, recreate) => {
    const userId = `reused${Math.floor(Math.random() * 1e6)}`;
    await server.app.services.accounts.importAccounts([{ userId }]);
    const alice = await connect('alice');
    const old = await connect(userId);
    await call(alice, 'message:send', { clientMsgId: `to-old-${userId}`, to: userId, body: textBody('private to the old owner') });
    await call(old, 'message:send', { clientMsgId: `from-old-${userId}`, to: 'alice', body: textBody('from the old owner') });
    expect((await v4('im_open_login_svc/account_delete', { DeleteItem: [{ UserID: userId }] })).ActionStatus).toBe('OK');

    await recreate(userId);
    const stranger = await connect(userId);
    expect(await everythingVisible(stranger, 'alice')).toEqual({ after: [], before: [], list: [] });
    // A client message ID of the old owner neither returns the old message as a "duplicate" nor is stored.
    const reuse = await request(stranger, 'message:send', { clientMsgId: `from-old-${userId}`, to: 'alice', body: textBody('mine') });
    expect(reuse).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(JSON.stringify(reuse)).not.toContain('old owner');

    await call(alice, 'message:send', { clientMsgId: `to-new-${userId}`, to: userId, body: textBody('hello, new owner') });
    expect(await everythingVisible(stranger, 'alice')).toEqual({
      after: [textBody('hello, new owner')],
      before: [textBody('hello, new owner')],
      list: [{ id: 'c2c_alice', unread: 1, last: textBody('hello, new owner') }],
    });
    // The other party keeps the whole shared history.
    expect((await everythingVisible(alice, userId)).after).toEqual([
      textBody('private to the old owner'),
      textBody('from the old owner'),
      textBody('hello, new owner'),
    ]);
  });
});
