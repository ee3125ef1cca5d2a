import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MsgBody, textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, request, settle } from '../../testing/socketClient';
import { capturingLogger } from '../../testing/logCapture';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];
let idCounter = 0;
const clientId = () => `client-${Date.now()}-${(idCounter += 1)}`;

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

function storedMessageCount(): number {
  return (server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
}

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(
    ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map((userId) => ({ userId, nickname: userId.toUpperCase() })),
  );
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('M3 message:send', () => {
  it('M3 stores, acks with the seq, and delivers to every device of the recipient and the sender’s other devices only', async () => {
    const alicePhone = await connect('alice');
    const aliceDesktop = await connect('alice');
    const bobPhone = await connect('bob');
    const bobDesktop = await connect('bob');
    const received = {
      alicePhone: collect(alicePhone, 'message:created'),
      aliceDesktop: collect(aliceDesktop, 'message:created'),
      bobPhone: collect(bobPhone, 'message:created'),
      bobDesktop: collect(bobDesktop, 'message:created'),
    };
    const id = clientId();
    const reply = await call(alicePhone, 'message:send', { clientMsgId: id, to: 'bob', body: textBody('hello bob') });
    expect(reply.duplicate).toBe(false);
    expect(reply.message).toMatchObject({ clientMsgId: id, conversationId: 'c2c_bob', from: 'alice', to: 'bob', seq: 1 });
    expect(reply.message.msgKey).toMatch(new RegExp(`^1_\\d+_${Math.floor(reply.message.time / 1000)}$`));
    await settle();
    expect(received.alicePhone).toEqual([]);
    expect(received.aliceDesktop).toEqual([reply.message]);
    expect(received.bobPhone).toEqual([{ ...reply.message, conversationId: 'c2c_alice' }]);
    expect(received.bobDesktop).toEqual(received.bobPhone);
  });

  it('M3 a retried send with the same client message ID is stored once and acked as a duplicate', async () => {
    const alice = await connect('alice');
    const carol = await connect('carol');
    const pushes = collect(carol, 'message:created');
    const id = clientId();
    const before = storedMessageCount();
    const first = await call(alice, 'message:send', { clientMsgId: id, to: 'carol', body: textBody('once') });
    const retries = await Promise.all([1, 2, 3].map(() => call(alice, 'message:send', { clientMsgId: id, to: 'carol', body: textBody('once') })));
    expect(retries.every((r) => r.duplicate)).toBe(true);
    expect(retries.map((r) => r.message)).toEqual([first.message, first.message, first.message]);
    expect(storedMessageCount()).toBe(before + 1);
    await settle();
    expect(pushes).toHaveLength(1);
  });

  it('M3 concurrent sends from both sides get a gap-free sequence and every party sees the same order', async () => {
    const dave = await connect('dave');
    const erin = await connect('erin');
    const erinPushes = collect(erin, 'message:created');
    const sends = Array.from({ length: 150 }, (_, i) => {
      const [from, to] = i % 3 === 0 ? [erin, 'dave'] : [dave, 'erin'];
      return call(from, 'message:send', { clientMsgId: `burst-${i}-${Date.now()}`, to, body: textBody(`#${i}`) });
    });
    const replies = await Promise.all(sends);
    expect(replies.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const history = await call(dave, 'sync:messagesAfter', { conversationId: 'c2c_erin', afterSeq: 0, limit: 500 });
    expect(history.messages.map((m) => m.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const erinHistory = await call(erin, 'sync:messagesAfter', { conversationId: 'c2c_dave', afterSeq: 0, limit: 500 });
    expect(erinHistory.messages.map((m) => m.clientMsgId)).toEqual(history.messages.map((m) => m.clientMsgId));
    await settle();
    // Pushes to one socket arrive in seq order.
    const daveToErin = erinPushes.map((m) => m.seq);
    expect(daveToErin).toEqual([...daveToErin].sort((a, b) => a - b));
    expect(daveToErin).toHaveLength(100);
  });

  it('M3 a note to self is its own conversation, delivered to the sender’s other devices', async () => {
    const phone = await connect('frank');
    const desktop = await connect('frank');
    const pushes = collect(desktop, 'message:created');
    const reply = await call(phone, 'message:send', { clientMsgId: clientId(), to: 'frank', body: textBody('remember milk') });
    expect(reply.message).toMatchObject({ conversationId: 'c2c_frank', from: 'frank', to: 'frank', seq: 1 });
    await settle();
    expect(pushes).toEqual([reply.message]);
  });

  it('M1 stores every element type of the shared schema as given', async () => {
    const alice = await connect('alice');
    const body: MsgBody = [
      { MsgType: 'TIMTextElem', MsgContent: { Text: '看这里 👀' } },
      { MsgType: 'TIMFaceElem', MsgContent: { Index: 3, Data: 'smile' } },
      { MsgType: 'TIMLocationElem', MsgContent: { Desc: 'Shenzhen', Latitude: 22.54, Longitude: 114.05 } },
      { MsgType: 'TIMCustomElem', MsgContent: { Data: '{"k":1}', Desc: 'custom', Ext: 'x', Sound: 'ding.aiff' } },
    ];
    const reply = await call(alice, 'message:send', { clientMsgId: clientId(), to: 'frank', body });
    expect(reply.message.body).toEqual(body);
    const page = await call(alice, 'sync:messagesAfter', { conversationId: 'c2c_frank', afterSeq: reply.message.seq - 1, limit: 1 });
    expect(page.messages[0]?.body).toEqual(body);
  });
});

describe('M2/M3 refused sends store nothing', () => {
  it.each([
    ['M2 a body over 12 KB', { to: 'bob', body: textBody('x'.repeat(12 * 1024)) }, 'body_too_large'],
    ['a recipient that does not exist', { to: 'nobody', body: textBody('hi') }, 'user_not_found'],
    ['an impersonation attempt naming another sender', { to: 'bob', from: 'carol', body: textBody('hi') }, 'bad_request'],
    ['an empty body', { to: 'bob', body: [] }, 'bad_request'],
    ['two custom elements', { to: 'bob', body: [{ MsgType: 'TIMCustomElem', MsgContent: {} }, { MsgType: 'TIMCustomElem', MsgContent: {} }] }, 'bad_request'],
    ['an unknown element type', { to: 'bob', body: [{ MsgType: 'TIMEvilElem', MsgContent: {} }] }, 'bad_request'],
    ['an invalid UserID', { to: 'bob smith', body: textBody('hi') }, 'bad_request'],
  ])('%s is refused with %s', async (_name, fields, code) => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const pushes = collect(bob, 'message:created');
    const before = storedMessageCount();
    const reply = await request(alice, 'message:send', { clientMsgId: clientId(), ...fields } as never);
    expect(reply).toMatchObject({ ok: false, error: { code } });
    expect(storedMessageCount()).toBe(before);
    await settle(50);
    expect(pushes).toEqual([]);
  });

  it('a body of exactly 12 KB is accepted', async () => {
    const alice = await connect('alice');
    const overhead = JSON.stringify(textBody('')).length;
    const reply = await request(alice, 'message:send', { clientMsgId: clientId(), to: 'bob', body: textBody('y'.repeat(12 * 1024 - overhead)) });
    expect(reply.ok).toBe(true);
  });
});

describe('robustness against garbage', () => {
  it('malformed payloads, missing acks and unknown events neither crash the server nor change anything', async () => {
    const alice = await connect('alice');
    const raw = alice as unknown as { emit(event: string, ...args: unknown[]): void; timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
    const before = storedMessageCount();
    const replies = await Promise.all([
      raw.timeout(2000).emitWithAck('message:send', 'just a string'),
      raw.timeout(2000).emitWithAck('message:send', 42),
      raw.timeout(2000).emitWithAck('message:send', null),
      raw.timeout(2000).emitWithAck('message:send', [1, 2, 3]),
      raw.timeout(2000).emitWithAck('message:send'),
      raw.timeout(2000).emitWithAck('sync:messagesAfter', { conversationId: 'group_x', afterSeq: -1, limit: 1e9 }),
      raw.timeout(2000).emitWithAck('conversation:markRead', { conversationId: 'c2c_bob', readSeq: 'all' }),
    ]);
    for (const reply of replies) expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    raw.emit('message:send', { clientMsgId: clientId(), to: 'bob', body: 'nope' });
    raw.emit('no:such:event', { anything: true }, () => undefined);
    raw.emit('sync:conversations', {}, 'not a function');
    raw.emit('__proto__', {});
    await settle();
    expect(alice.connected).toBe(true);
    expect(storedMessageCount()).toBe(before);
    // The same socket still works afterwards.
    const ok = await request(alice, 'sync:conversations', {});
    expect(ok.ok).toBe(true);
  });

  it('a request without an ack callback still runs', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const pushes = collect(bob, 'message:created');
    (alice as unknown as { emit(event: string, payload: unknown): void }).emit('message:send', {
      clientMsgId: clientId(),
      to: 'bob',
      body: textBody('no ack wanted'),
    });
    await settle(300);
    expect(pushes.map((m) => m.body)).toEqual([textBody('no ack wanted')]);
  });
});

describe('M3 a batch whose transaction fails', () => {
  it('M3 M4 the sender gets internal, nothing is stored, it is logged once, and the retry is stored and listed for both', async () => {
    const { logger, lines } = capturingLogger();
    const own = await startTestServer({ logger });
    try {
      await own.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
      const alice = await connectTestClient(own, 'alice');
      const bob = await connectTestClient(own, 'bob');
      // A real SQLite failure half-way through the transaction: bob's membership is written, alice's is refused.
      own.store.db.raw.exec(`CREATE TEMP TRIGGER fail_once BEFORE INSERT ON conversation_members WHEN NEW.user_id = 'alice'
        BEGIN SELECT RAISE(ABORT, 'simulated I/O error'); END`);
      const input = { clientMsgId: 'failing-batch-1', to: 'bob', body: textBody('first try') };
      expect(await request(alice, 'message:send', input)).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
      expect(own.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
      own.store.db.raw.exec('DROP TRIGGER fail_once');

      const retry = await call(alice, 'message:send', input);
      expect(retry).toMatchObject({ duplicate: false, message: { seq: 1 } });
      expect((await call(bob, 'sync:conversations', {})).conversations.map((c) => c.conversationId)).toEqual(['c2c_alice']);
      expect((await call(alice, 'sync:conversations', {})).conversations.map((c) => c.conversationId)).toEqual(['c2c_bob']);
      expect(await call(bob, 'conversation:markRead', { conversationId: 'c2c_alice', readSeq: 1 })).toEqual({ readSeq: 1 });
      expect(lines.filter((line) => line.level === 50)).toEqual([expect.objectContaining({ batchSize: 1 })]);
      alice.close();
      bob.close();
    } finally {
      await own.stop({ removeData: true });
    }
  });
});
