import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/** M10 clear/delete a conversation and M12 per-user settings, through real sockets. */
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
  return (await call(socket, 'message:send', { clientMsgId: `conv-state-${counter}`, to, body: textBody(text) })).message;
}

async function conversationOf(socket: TestSocket, conversationId: string) {
  return (await call(socket, 'sync:conversations', {})).conversations.find((c) => c.conversationId === conversationId);
}

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['ann', 'ben', 'cat', 'don', 'eli', 'flo'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('M10 clear a conversation', () => {
  it('M10 hides history up to now for the clearer only (sync never returns it); newer messages come through', async () => {
    const ann = await connect('ann');
    const annOther = await connect('ann');
    const ben = await connect('ben');
    await send(ann, 'ben', 'one');
    const two = await send(ben, 'ann', 'two');
    const updates = collect(annOther, 'conversation:updated');
    const { clearedSeq } = await call(ann, 'conversation:clear', { conversationId: 'c2c_ben' });
    expect(clearedSeq).toBe(two.seq);
    await settle();
    expect(updates).toEqual([expect.objectContaining({ conversationId: 'c2c_ben', clearedSeq, lastMessage: null, unreadCount: 0 })]);

    expect((await call(ann, 'sync:messagesAfter', { conversationId: 'c2c_ben', afterSeq: 0, limit: 10 })).messages).toEqual([]);
    expect((await call(ann, 'sync:messagesBefore', { conversationId: 'c2c_ben', beforeSeq: 100, limit: 10 })).messages).toEqual([]);
    expect((await call(ben, 'sync:messagesAfter', { conversationId: 'c2c_ann', afterSeq: 0, limit: 10 })).messages).toHaveLength(2);
    expect(await conversationOf(ann, 'c2c_ben')).toMatchObject({ clearedSeq, lastSeq: clearedSeq, lastMessage: null });

    const three = await send(ben, 'ann', 'three');
    const after = await call(ann, 'sync:messagesAfter', { conversationId: 'c2c_ben', afterSeq: 0, limit: 10 });
    expect(after.messages.map((m) => m.seq)).toEqual([three.seq]);
    expect(await conversationOf(ann, 'c2c_ben')).toMatchObject({ unreadCount: 1, lastMessage: { seq: three.seq } });
  });

  it('M10 clearing a conversation one does not have is not_found', async () => {
    const ann = await connect('ann');
    expect(await request(ann, 'conversation:clear', { conversationId: 'c2c_flo' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('M10 delete a conversation', () => {
  it('M10 leaves the deleter’s list (all devices told) until a newer message arrives; the peer keeps it', async () => {
    const cat = await connect('cat');
    const catOther = await connect('cat');
    const don = await connect('don');
    await send(cat, 'don', 'hi');
    await call(cat, 'conversation:setSettings', { conversationId: 'c2c_don', pinned: true });
    const deleted = collect(catOther, 'conversation:deleted');
    expect(await call(cat, 'conversation:delete', { conversationId: 'c2c_don' })).toEqual({});
    await settle();
    expect(deleted).toEqual([{ conversationId: 'c2c_don' }]);
    expect(await conversationOf(cat, 'c2c_don')).toBeUndefined();
    expect(await conversationOf(don, 'c2c_cat')).toMatchObject({ lastMessage: { body: textBody('hi') } });

    const back = await send(don, 'cat', 'still there?');
    const returned = await conversationOf(cat, 'c2c_don');
    // Back with only the new message, unpinned.
    expect(returned).toMatchObject({ lastMessage: { seq: back.seq }, unreadCount: 1, pinned: false });
    const history = await call(cat, 'sync:messagesAfter', { conversationId: 'c2c_don', afterSeq: 0, limit: 10 });
    expect(history.messages.map((m) => m.seq)).toEqual([back.seq]);
  });
});

describe('M12 conversation settings', () => {
  it('M12 pinned and recvOpt are per user, the same on every device, and in sync:conversations', async () => {
    const eli = await connect('eli');
    const eliOther = await connect('eli');
    const flo = await connect('flo');
    await send(eli, 'flo', 'hello');
    const updates = collect(eliOther, 'conversation:updated');
    const own = collect(eli, 'conversation:updated');
    const { conversation } = await call(eli, 'conversation:setSettings', { conversationId: 'c2c_flo', pinned: true, recvOpt: 'AcceptNotNotify' });
    expect(conversation).toMatchObject({ conversationId: 'c2c_flo', pinned: true, recvOpt: 'AcceptNotNotify' });
    await settle();
    expect(updates).toEqual([conversation]);
    expect(own).toEqual([]);
    // Changing one setting keeps the other.
    const unpinned = await call(eli, 'conversation:setSettings', { conversationId: 'c2c_flo', pinned: false });
    expect(unpinned.conversation).toMatchObject({ pinned: false, recvOpt: 'AcceptNotNotify' });
    expect(await conversationOf(eli, 'c2c_flo')).toMatchObject({ pinned: false, recvOpt: 'AcceptNotNotify' });
    expect(await conversationOf(flo, 'c2c_eli')).toMatchObject({ pinned: false, recvOpt: 'AcceptAndNotify' });
  });

  it('M12 refuses an unknown receive option and a conversation one does not have', async () => {
    const eli = await connect('eli');
    const bad = await request(eli, 'conversation:setSettings', { conversationId: 'c2c_flo', recvOpt: 'Loud' as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const none = await request(eli, 'conversation:setSettings', { conversationId: 'c2c_ann', pinned: true });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
