import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MsgBody, type ServerMessage, messageId, textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

/** Recall, edit, reactions, replies, CloudCustomData, delete for me and modSeq sync, through real sockets. */
let server: TestServer;
/** The server's clock: tests move it to pass the recall window. */
let now = Date.now();
const sockets: TestSocket[] = [];
let counter = 0;

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

async function send(socket: TestSocket, to: string, body: MsgBody | string, extra: { cloudCustomData?: string; replyTo?: string } = {}) {
  counter += 1;
  const payload = typeof body === 'string' ? textBody(body) : body;
  return (await call(socket, 'message:send', { clientMsgId: `state-test-${counter}`, to, body: payload, ...extra })).message;
}

const idOf = (m: ServerMessage) => messageId(m.from, m.clientMsgId);

beforeAll(async () => {
  server = await startTestServer({ clock: { now: () => now } });
  await server.app.services.accounts.importAccounts(
    ['alice', 'bob', 'carol', 'dan', 'erin', 'fay', 'gus', 'hal'].map((userId) => ({ userId })),
  );
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('M1 CloudCustomData', () => {
  it('M1 is stored, delivered and returned by sync', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const pushes = collect(bob, 'message:created');
    const sent = await send(alice, 'bob', 'with data', { cloudCustomData: '{"k":"v"}' });
    expect(sent.cloudCustomData).toBe('{"k":"v"}');
    await settle();
    expect(pushes[0]?.cloudCustomData).toBe('{"k":"v"}');
    const { messages } = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_alice', afterSeq: sent.seq - 1, limit: 10 });
    expect(messages[0]).toMatchObject({ cloudCustomData: '{"k":"v"}', recalled: false, editedAt: null, reactions: [], deletedForMe: false, modSeq: 0 });
  });

  it('M1 counts in the 12 KB limit: a body that fits alone is refused with 1 KB of CloudCustomData', async () => {
    const alice = await connect('alice');
    const text = 'x'.repeat(12 * 1024 - 60);
    expect((await request(alice, 'message:send', { clientMsgId: 'ccd-fits-1', to: 'bob', body: textBody(text) })).ok).toBe(true);
    const reply = await request(alice, 'message:send', {
      clientMsgId: 'ccd-too-big-1',
      to: 'bob',
      body: textBody(text),
      cloudCustomData: 'y'.repeat(1024),
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'body_too_large' } });
  });
});

describe('M14 replies', () => {
  it('M14 the server resolves the quote from the stored original (sender, seq, preview)', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const original = await send(bob, 'alice', 'what time is it?');
    const pushes = collect(bob, 'message:created');
    const reply = await send(alice, 'bob', 'noon', { replyTo: idOf(original) });
    expect(reply.replyTo).toEqual({ messageId: idOf(original), from: 'bob', seq: original.seq, preview: 'what time is it?' });
    await settle();
    expect(pushes[0]?.replyTo).toEqual(reply.replyTo);
  });

  it('M5 M14 recalling a quoted message empties the quote preview of its replies, for both parties, live', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const original = await send(alice, 'bob', 'secret plan');
    const reply = await send(bob, 'alice', 'nice', { replyTo: idOf(original) });
    expect(reply.replyTo?.preview).toBe('secret plan');
    const toAlice = collect(alice, 'message:updated');
    const toBob = collect(bob, 'message:updated');
    const recalled = (await call(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(original) })).message;
    await settle();
    const replyUpdate = toAlice.find((m) => m.clientMsgId === reply.clientMsgId);
    expect(replyUpdate?.replyTo).toEqual({ ...reply.replyTo, preview: '' });
    expect(replyUpdate!.modSeq).toBeGreaterThan(recalled.modSeq);
    expect(toBob.map((m) => m.clientMsgId)).toEqual([original.clientMsgId, reply.clientMsgId]);
    const { messages } = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_alice', afterSeq: reply.seq - 1, limit: 1 });
    expect(messages[0]?.replyTo?.preview).toBe('');
  });

  it('M14 an unknown message, or one from another conversation, is message_not_found and nothing is stored', async () => {
    const alice = await connect('alice');
    const carol = await connect('carol');
    const elsewhere = await send(carol, 'dan', 'not yours');
    const unknown = await request(alice, 'message:send', { clientMsgId: 'reply-unknown-1', to: 'bob', body: textBody('?'), replyTo: 'bob:no-such-message' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    const foreign = await request(alice, 'message:send', { clientMsgId: 'reply-foreign-1', to: 'carol', body: textBody('?'), replyTo: idOf(elsewhere) });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    const malformed = await request(alice, 'message:send', { clientMsgId: 'reply-bad-1', to: 'bob', body: textBody('?'), replyTo: 'not an id' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const history = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_carol', afterSeq: 0, limit: 10 });
    expect(history.messages).toEqual([]);
  });
});

describe('M5 recall', () => {
  it('M5 the sender recalls within the window: body emptied for everyone, both parties’ devices told, seq kept', async () => {
    const alice = await connect('alice');
    const aliceOther = await connect('alice');
    const bob = await connect('bob');
    const sent = await send(alice, 'bob', 'typo', { cloudCustomData: 'meta' });
    const toBob = collect(bob, 'message:updated');
    const toAliceOther = collect(aliceOther, 'message:updated');
    const toAlice = collect(alice, 'message:updated');
    now += 119_000;
    const { message } = await call(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(sent) });
    expect(message).toMatchObject({ seq: sent.seq, recalled: true, body: [], cloudCustomData: '' });
    expect(message.modSeq).toBeGreaterThan(0);
    await settle();
    expect(toBob).toEqual([{ ...message, conversationId: 'c2c_alice' }]);
    expect(toAliceOther).toEqual([message]);
    expect(toAlice).toEqual([]);
    const bobHistory = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_alice', afterSeq: sent.seq - 1, limit: 1 });
    expect(bobHistory.messages[0]).toMatchObject({ recalled: true, body: [] });
    // Nothing of the content is left on the server.
    const row = server.store.db.raw.prepare('SELECT body, cloud_custom_data FROM messages WHERE client_msg_id = ?').get(sent.clientMsgId);
    expect(row).toEqual({ body: '[]', cloud_custom_data: '' });
  });

  it('M5 after the window: recall_window_passed, nothing changes', async () => {
    const alice = await connect('alice');
    const sent = await send(alice, 'bob', 'too late');
    now += 121_000;
    const reply = await request(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(sent) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'recall_window_passed' } });
    const { messages } = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: sent.seq - 1, limit: 1 });
    expect(messages[0]).toMatchObject({ recalled: false, body: textBody('too late'), modSeq: 0 });
  });

  it('M5 only the sender: someone else’s message is not_own_message; twice is already_recalled; unknown is message_not_found', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const fromBob = await send(bob, 'alice', 'mine');
    expect(await request(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(fromBob) })).toMatchObject({
      ok: false,
      error: { code: 'not_own_message' },
    });
    await call(bob, 'message:recall', { conversationId: 'c2c_alice', messageId: idOf(fromBob) });
    expect(await request(bob, 'message:recall', { conversationId: 'c2c_alice', messageId: idOf(fromBob) })).toMatchObject({
      ok: false,
      error: { code: 'already_recalled' },
    });
    expect(await request(bob, 'message:recall', { conversationId: 'c2c_alice', messageId: 'bob:never-sent-1' })).toMatchObject({
      ok: false,
      error: { code: 'message_not_found' },
    });
    // A message of a conversation the caller is not in cannot be reached by naming another peer.
    const carolToDan = await send(await connect('carol'), 'dan', 'private');
    expect(await request(alice, 'message:recall', { conversationId: 'c2c_dan', messageId: idOf(carolToDan) })).toMatchObject({
      ok: false,
      error: { code: 'message_not_found' },
    });
  });

  it('M5 the window is a server setting, published in /api/v1/info', async () => {
    let clock = Date.now();
    const short = await startTestServer({ recallWindowSeconds: 5, clock: { now: () => clock } });
    try {
      await short.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
      const info = (await (await fetch(`${short.url}/api/v1/info`)).json()) as { recallWindowSeconds: number };
      expect(info.recallWindowSeconds).toBe(5);
      const alice = await connectTestClient(short, 'alice');
      try {
        const sent = (await call(alice, 'message:send', { clientMsgId: 'short-window-1', to: 'bob', body: textBody('x') })).message;
        clock += 6_000;
        expect(await request(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(sent) })).toMatchObject({
          ok: false,
          error: { code: 'recall_window_passed' },
        });
      } finally {
        alice.close();
      }
    } finally {
      await short.stop({ removeData: true });
    }
  });

  it('M5 an app admin recalls any message by MsgKey without a time limit (the service REST admin_msgwithdraw uses)', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const sent = await send(alice, 'bob', 'old news');
    now += 3_600_000;
    const toBob = collect(bob, 'message:updated');
    const recalled = await server.app.services.messages.recallMessage({ kind: 'admin' }, { between: ['bob', 'alice'], message: { msgKey: sent.msgKey } });
    expect(recalled).toMatchObject({ recalled: true, body: [] });
    await settle();
    expect(toBob).toEqual([expect.objectContaining({ clientMsgId: sent.clientMsgId, recalled: true, body: [] })]);
    await expect(
      server.app.services.messages.recallMessage({ kind: 'admin' }, { between: ['bob', 'alice'], message: { msgKey: '999_1_1' } }),
    ).rejects.toMatchObject({ code: 'message_not_found' });
  });
});

describe('M14 edit', () => {
  it('M14 the sender edits own text: new body and editedAt for both parties, live', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const sent = await send(alice, 'bob', 'helo');
    const toBob = collect(bob, 'message:updated');
    const { message } = await call(alice, 'message:edit', { conversationId: 'c2c_bob', messageId: idOf(sent), body: textBody('hello') });
    expect(message).toMatchObject({ body: textBody('hello'), editedAt: now, seq: sent.seq });
    await settle();
    expect(toBob).toEqual([{ ...message, conversationId: 'c2c_alice' }]);
  });

  it('M14 editing a quoted message updates the quote preview of its replies, for both parties, live and in sync', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const original = await send(alice, 'bob', 'meet at 5');
    const fromBob = await send(bob, 'alice', 'ok', { replyTo: idOf(original) });
    const fromAlice = await send(alice, 'bob', 'bring snacks', { replyTo: idOf(original) });
    const unrelated = await send(bob, 'alice', 'and this is not a reply');
    const toAlice = collect(alice, 'message:updated');
    const toBob = collect(bob, 'message:updated');
    const { message: edited } = await call(alice, 'message:edit', { conversationId: 'c2c_bob', messageId: idOf(original), body: textBody('meet at 6') });
    await settle();
    const quote = { messageId: idOf(original), from: 'alice', seq: original.seq, preview: 'meet at 6' };
    for (const pushes of [toAlice, toBob]) {
      const replies = pushes.filter((m) => m.clientMsgId !== original.clientMsgId);
      expect(replies.map((m) => m.clientMsgId).sort()).toEqual([fromBob.clientMsgId, fromAlice.clientMsgId].sort());
      for (const reply of replies) {
        expect(reply.replyTo).toEqual(quote);
        expect(reply.modSeq).toBeGreaterThan(edited.modSeq);
      }
    }
    expect(new Set(toBob.map((m) => m.modSeq)).size).toBe(3);
    const { messages } = await call(bob, 'sync:messagesModified', { conversationId: 'c2c_alice', afterModSeq: edited.modSeq, limit: 10 });
    expect(messages.map((m) => [m.clientMsgId, m.replyTo?.preview]).sort()).toEqual(
      [[fromBob.clientMsgId, 'meet at 6'], [fromAlice.clientMsgId, 'meet at 6']].sort(),
    );
    const history = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_bob', afterSeq: unrelated.seq - 1, limit: 1 });
    expect(history.messages[0]).toMatchObject({ replyTo: null, modSeq: 0 });
  });

  it('M14 refuses someone else’s message, a non-text original, a non-text new body, a recalled message, an unknown one', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const fromBob = await send(bob, 'alice', 'bob wrote this');
    const location: MsgBody = [{ MsgType: 'TIMLocationElem', MsgContent: { Desc: 'here', Latitude: 1, Longitude: 2 } }];
    const place = await send(alice, 'bob', location);
    const text = await send(alice, 'bob', 'plain');
    const recalled = await send(alice, 'bob', 'gone');
    await call(alice, 'message:recall', { conversationId: 'c2c_bob', messageId: idOf(recalled) });
    const edit = (socket: TestSocket, conversationId: string, id: string, body: MsgBody = textBody('changed')) =>
      request(socket, 'message:edit', { conversationId, messageId: id, body });
    expect(await edit(alice, 'c2c_bob', idOf(fromBob))).toMatchObject({ ok: false, error: { code: 'not_own_message' } });
    expect(await edit(alice, 'c2c_bob', idOf(place))).toMatchObject({ ok: false, error: { code: 'not_editable' } });
    expect(await edit(alice, 'c2c_bob', idOf(text), location)).toMatchObject({ ok: false, error: { code: 'not_editable' } });
    expect(await edit(alice, 'c2c_bob', idOf(recalled))).toMatchObject({ ok: false, error: { code: 'not_editable' } });
    expect(await edit(alice, 'c2c_bob', 'alice:no-such-message')).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    const { messages } = await call(bob, 'sync:messagesAfter', { conversationId: 'c2c_alice', afterSeq: fromBob.seq - 1, limit: 10 });
    expect(messages.filter((m) => m.editedAt !== null)).toEqual([]);
  });
});

describe('M13 reactions', () => {
  it('M13 add and remove are idempotent and pushed live to both parties', async () => {
    const erin = await connect('erin');
    const fay = await connect('fay');
    const sent = await send(erin, 'fay', 'react to me');
    const toErin = collect(erin, 'message:updated');
    const react = (emoji: string, add: boolean) => call(fay, 'message:react', { conversationId: 'c2c_erin', messageId: idOf(sent), emoji, add });
    const first = await react('👍', true);
    expect(first.message.reactions).toEqual([{ emoji: '👍', userIds: ['fay'] }]);
    const again = await react('👍', true);
    expect(again.message).toEqual(first.message);
    const mine = await call(erin, 'message:react', { conversationId: 'c2c_fay', messageId: idOf(sent), emoji: '👍', add: true });
    expect(mine.message.reactions).toEqual([{ emoji: '👍', userIds: ['fay', 'erin'] }]);
    const removed = await react('👍', false);
    expect(removed.message.reactions).toEqual([{ emoji: '👍', userIds: ['erin'] }]);
    expect((await react('🎉', false)).message.modSeq).toBe(removed.message.modSeq);
    await settle();
    // Erin's own react came back as the ack; Fay's two changes reached her (the repeated add changed nothing).
    expect(toErin.map((m) => m.reactions)).toEqual([[{ emoji: '👍', userIds: ['fay'] }], [{ emoji: '👍', userIds: ['erin'] }]]);
  });

  it('M13 at most 20 distinct emojis: the 21st is too_many_reactions; a 100-character string is bad_request', async () => {
    const erin = await connect('erin');
    const sent = await send(erin, 'fay', 'popular');
    const emojis = Array.from({ length: 20 }, (_, i) => String.fromCodePoint(0x1f600 + i));
    for (const emoji of emojis) await call(erin, 'message:react', { conversationId: 'c2c_fay', messageId: idOf(sent), emoji, add: true });
    const extra = await request(erin, 'message:react', { conversationId: 'c2c_fay', messageId: idOf(sent), emoji: '🚀', add: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'too_many_reactions' } });
    // Joining an existing emoji is still fine.
    const fay = await connect('fay');
    await call(fay, 'message:react', { conversationId: 'c2c_erin', messageId: idOf(sent), emoji: emojis[0]!, add: true });
    const long = await request(erin, 'message:react', { conversationId: 'c2c_fay', messageId: idOf(sent), emoji: 'a'.repeat(100), add: true });
    expect(long).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await request(erin, 'message:react', { conversationId: 'c2c_fay', messageId: 'erin:nothing-here', emoji: '👍', add: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    const { messages } = await call(erin, 'sync:messagesAfter', { conversationId: 'c2c_fay', afterSeq: sent.seq - 1, limit: 1 });
    expect(messages[0]?.reactions).toHaveLength(20);
  });
});

describe('M10 delete for me and modSeq sync', () => {
  it('M10 deletes for the deleter only, on all their devices; seq kept; the other party keeps it', async () => {
    const gus = await connect('gus');
    const gusOther = await connect('gus');
    const hal = await connect('hal');
    const a = await send(gus, 'hal', 'one');
    const b = await send(hal, 'gus', 'two');
    const toOther = collect(gusOther, 'message:updated');
    const toHal = collect(hal, 'message:updated');
    const { modSeq } = await call(gus, 'message:deleteForMe', { conversationId: 'c2c_hal', messageIds: [idOf(a), idOf(b)] });
    expect(modSeq).toBeGreaterThan(0);
    await settle();
    // Each deleted message gets its own modSeq (so paging by modSeq never skips one); the reply names the last.
    expect(toOther.map((m) => [m.seq, m.deletedForMe, m.body, m.modSeq])).toEqual([
      [a.seq, true, [], modSeq - 1],
      [b.seq, true, [], modSeq],
    ]);
    expect(toHal).toEqual([]);
    const gusView = await call(gus, 'sync:messagesAfter', { conversationId: 'c2c_hal', afterSeq: a.seq - 1, limit: 10 });
    expect(gusView.messages.map((m) => [m.seq, m.deletedForMe, m.body.length])).toEqual([
      [a.seq, true, 0],
      [b.seq, true, 0],
    ]);
    const halView = await call(hal, 'sync:messagesAfter', { conversationId: 'c2c_gus', afterSeq: a.seq - 1, limit: 10 });
    expect(halView.messages.map((m) => m.deletedForMe)).toEqual([false, false]);
    // Deleting again changes nothing.
    expect(await call(gus, 'message:deleteForMe', { conversationId: 'c2c_hal', messageIds: [idOf(a)] })).toEqual({ modSeq });
  });

  it('M10 one unknown ID refuses the whole request and deletes nothing', async () => {
    const gus = await connect('gus');
    const kept = await send(gus, 'hal', 'keep me');
    const reply = await request(gus, 'message:deleteForMe', { conversationId: 'c2c_hal', messageIds: [idOf(kept), 'gus:does-not-exist'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'message_not_found' } });
    const { messages } = await call(gus, 'sync:messagesAfter', { conversationId: 'c2c_hal', afterSeq: kept.seq - 1, limit: 1 });
    expect(messages[0]).toMatchObject({ deletedForMe: false, body: textBody('keep me') });
  });

  it('sync:messagesModified returns what changed after a modSeq, ascending, in the viewer’s own view', async () => {
    const carol = await connect('carol');
    const dan = await connect('dan');
    const start = (await call(dan, 'sync:conversations', {})).conversations.find((c) => c.conversationId === 'c2c_carol')!.modSeq;
    const m1 = await send(carol, 'dan', 'first');
    const m2 = await send(carol, 'dan', 'second');
    const m3 = await send(dan, 'carol', 'third');
    await call(carol, 'message:edit', { conversationId: 'c2c_dan', messageId: idOf(m2), body: textBody('second!') });
    await call(dan, 'message:react', { conversationId: 'c2c_carol', messageId: idOf(m1), emoji: '❤️', add: true });
    await call(carol, 'message:deleteForMe', { conversationId: 'c2c_dan', messageIds: [idOf(m3)] });
    await call(carol, 'message:recall', { conversationId: 'c2c_dan', messageId: idOf(m2) });

    const danView = await call(dan, 'sync:messagesModified', { conversationId: 'c2c_carol', afterModSeq: start, limit: 10 });
    expect(danView.messages.map((m) => [m.clientMsgId, m.modSeq])).toEqual([
      [m1.clientMsgId, start + 2],
      [m2.clientMsgId, start + 4],
    ]);
    expect(danView.messages[1]).toMatchObject({ recalled: true, body: [] });
    const carolView = await call(carol, 'sync:messagesModified', { conversationId: 'c2c_dan', afterModSeq: start, limit: 10 });
    expect(carolView.messages.map((m) => [m.clientMsgId, m.modSeq, m.deletedForMe])).toEqual([
      [m1.clientMsgId, start + 2, false],
      [m3.clientMsgId, start + 3, true],
      [m2.clientMsgId, start + 4, false],
    ]);
    const paged = await call(carol, 'sync:messagesModified', { conversationId: 'c2c_dan', afterModSeq: start + 2, limit: 1 });
    expect(paged).toMatchObject({ hasMore: true, messages: [{ clientMsgId: m3.clientMsgId }] });
    const conversation = (await call(carol, 'sync:conversations', {})).conversations.find((c) => c.conversationId === 'c2c_dan');
    expect(conversation?.modSeq).toBe(start + 4);
  });
});
