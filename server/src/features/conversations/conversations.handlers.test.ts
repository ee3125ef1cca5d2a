import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];
let counter = 0;

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

async function send(socket: TestSocket, to: string, text: string) {
  counter += 1;
  return (await call(socket, 'message:send', { clientMsgId: `conv-test-${counter}`, to, body: textBody(text) })).message;
}

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([
    { userId: 'alice', nickname: 'Alice' },
    { userId: 'bob', nickname: 'Bob' },
    { userId: 'carol' },
    { userId: 'dan' },
    { userId: 'eve' },
  ]);
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('M4 sync API', () => {
  it('M4 sync:conversations lists peers, last message, unread counts and both read positions, newest first', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const carol = await connect('carol');
    await send(bob, 'alice', 'one');
    await send(bob, 'alice', 'two');
    await send(alice, 'bob', 'three');
    await call(bob, 'conversation:markRead', { conversationId: 'c2c_alice', readSeq: 3 });
    const fromCarol = await send(carol, 'alice', 'hi from carol');

    const { conversations } = await call(alice, 'sync:conversations', {});
    expect(conversations.map((c) => c.conversationId)).toEqual(['c2c_carol', 'c2c_bob']);
    expect(conversations[0]).toEqual({
      kind: 'c2c',
      conversationId: 'c2c_carol',
      peer: { userId: 'carol', nickname: 'carol' },
      lastSeq: 1,
      lastMessage: { ...fromCarol, conversationId: 'c2c_carol' },
      unreadCount: 1,
      readSeq: 0,
      peerReadSeq: 0,
      modSeq: 0,
      clearedSeq: 0,
      pinned: false,
      recvOpt: 'AcceptAndNotify',
    });
    expect(conversations[1]).toMatchObject({
      peer: { userId: 'bob', nickname: 'Bob' },
      lastSeq: 3,
      lastMessage: { from: 'alice', seq: 3, conversationId: 'c2c_bob', body: textBody('three') },
      unreadCount: 2,
      readSeq: 0,
      peerReadSeq: 3,
    });
    const bobView = (await call(bob, 'sync:conversations', {})).conversations;
    expect(bobView).toEqual([expect.objectContaining({ conversationId: 'c2c_alice', unreadCount: 0, readSeq: 3, peerReadSeq: 0 })]);
  });

  it('M4 sync:messagesAfter pages forwards and sync:messagesBefore pages backwards, both ascending', async () => {
    const dan = await connect('dan');
    const eve = await connect('eve');
    for (let i = 1; i <= 9; i += 1) await send(i % 2 ? dan : eve, i % 2 ? 'eve' : 'dan', `m${i}`);

    const first = await call(eve, 'sync:messagesAfter', { conversationId: 'c2c_dan', afterSeq: 0, limit: 4 });
    expect(first.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(first.hasMore).toBe(true);
    expect(first.messages.every((m) => m.conversationId === 'c2c_dan')).toBe(true);
    const rest = await call(eve, 'sync:messagesAfter', { conversationId: 'c2c_dan', afterSeq: 4, limit: 10 });
    expect(rest.messages.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(rest.hasMore).toBe(false);

    const newest = await call(dan, 'sync:messagesBefore', { conversationId: 'c2c_eve', beforeSeq: Number.MAX_SAFE_INTEGER, limit: 3 });
    expect(newest.messages.map((m) => m.seq)).toEqual([7, 8, 9]);
    expect(newest.hasMore).toBe(true);
    const oldest = await call(dan, 'sync:messagesBefore', { conversationId: 'c2c_eve', beforeSeq: 3, limit: 3 });
    expect(oldest).toMatchObject({ hasMore: false });
    expect(oldest.messages.map((m) => m.body)).toEqual([textBody('m1'), textBody('m2')]);

    const none = await call(dan, 'sync:messagesAfter', { conversationId: 'c2c_alice', afterSeq: 0, limit: 10 });
    expect(none).toEqual({ messages: [], hasMore: false });
  });

  it('refuses a limit outside 1..500 and a malformed conversation ID', async () => {
    const dan = await connect('dan');
    expect(await request(dan, 'sync:messagesAfter', { conversationId: 'c2c_eve', afterSeq: 0, limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    // 'group_x' is a well-formed group conversation ID since ADR 0004 (see the group_unsupported test below).
    expect(await request(dan, 'sync:messagesBefore', { conversationId: 'grp_x', beforeSeq: 1, limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });
});

describe('M6 one-to-one read receipts', () => {
  it('M6 markRead keeps the highest position, clamps to the last seq, and tells the peer and the reader’s other devices', async () => {
    const alicePhone = await connect('alice');
    const aliceDesktop = await connect('alice');
    const carol = await connect('carol');
    const conversationWithCarol = (await call(alicePhone, 'sync:conversations', {})).conversations.find((c) => c.kind === 'c2c' && c.peer.userId === 'carol');
    const lastSeq = conversationWithCarol!.lastSeq;
    const toCarol = collect(carol, 'conversation:read');
    const toPhone = collect(alicePhone, 'conversation:read');
    const toDesktop = collect(aliceDesktop, 'conversation:read');

    expect(await call(alicePhone, 'conversation:markRead', { conversationId: 'c2c_carol', readSeq: lastSeq + 100 })).toEqual({ readSeq: lastSeq });
    await settle();
    expect(toCarol).toEqual([{ conversationId: 'c2c_alice', reader: 'alice', readSeq: lastSeq }]);
    expect(toDesktop).toEqual([{ conversationId: 'c2c_carol', reader: 'alice', readSeq: lastSeq }]);
    expect(toPhone).toEqual([]);

    // Lowering changes nothing and pushes nothing.
    expect(await call(aliceDesktop, 'conversation:markRead', { conversationId: 'c2c_carol', readSeq: 0 })).toEqual({ readSeq: lastSeq });
    await settle();
    expect(toCarol).toHaveLength(1);
    const { conversations } = await call(carol, 'sync:conversations', {});
    expect(conversations.find((c) => c.kind === 'c2c' && c.peer.userId === 'alice')).toMatchObject({ peerReadSeq: lastSeq });
  });

  it('markRead on a conversation that does not exist answers readSeq 0', async () => {
    const eve = await connect('eve');
    expect(await call(eve, 'conversation:markRead', { conversationId: 'c2c_carol', readSeq: 5 })).toEqual({ readSeq: 0 });
  });
});

describe('ADR 0004: group conversation IDs on the read-state handlers (WP3)', () => {
  it('read-state, sync and recall requests naming a group or topic that does not exist answer group_not_found; nothing changes', async () => {
    const dan = await connect('dan');
    const before = (await call(dan, 'sync:conversations', {})).conversations;
    for (const conversationId of ['group_team a#1', 'group_@TGS#_fans@TOPIC#_news']) {
      const replies = [
        await request(dan, 'conversation:markRead', { conversationId, readSeq: 1 }),
        await request(dan, 'conversation:clear', { conversationId }),
        await request(dan, 'conversation:delete', { conversationId }),
        await request(dan, 'conversation:setSettings', { conversationId, pinned: true }),
        await request(dan, 'message:deleteForMe', { conversationId, messageIds: ['dan:abcdefgh1234'] }),
        await request(dan, 'sync:messagesAfter', { conversationId, afterSeq: 0, limit: 10 }),
        await request(dan, 'message:recall', { conversationId, messageId: 'dan:abcdefgh1234' }),
      ];
      for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'group_not_found' } });
    }
    const send = await request(dan, 'message:send', { clientMsgId: 'group-send-01', groupConversationId: 'group_team a#1', body: textBody('hi') });
    expect(send).toMatchObject({ ok: false, error: { code: 'group_not_found' } });
    expect((await call(dan, 'sync:conversations', {})).conversations).toEqual(before);
  });

  it('typing:set takes one-to-one IDs only (M9): a group ID is refused by the schema', async () => {
    const dan = await connect('dan');
    const reply = await request(dan, 'typing:set', { conversationId: 'group_team' as `c2c_${string}` });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
