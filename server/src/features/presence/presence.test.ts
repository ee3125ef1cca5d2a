import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { textBody } from '../../../../shared/domain';
import { type TestSocket, call, collect, connectTestClient, eventually, request, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];

async function connect(userId: string): Promise<TestSocket> {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(
    ['alice', 'bob', 'carol', 'stranger', 'typist', 'reader', 'ann', 'ben'].map((userId) => ({ userId, nickname: `${userId}!` })),
  );
  // alice ↔ bob share a conversation; stranger shares none with anyone.
  const alice = await connectTestClient(server, 'alice');
  await call(alice, 'message:send', { clientMsgId: 'presence-setup-1', to: 'bob', body: textBody('hi') });
  await call(alice, 'message:send', { clientMsgId: 'presence-setup-2', to: 'typist', body: textBody('hi') });
  await call(alice, 'message:send', { clientMsgId: 'presence-setup-3', to: 'carol', body: textBody('hi') });
  alice.close();
  await eventually(() => !server.app.services.presence.isOnline('alice'));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('A4 presence', () => {
  it('A4 the first connection and the last disconnection are pushed to online conversation partners only', async () => {
    const alice = await connect('alice');
    const stranger = await connect('stranger');
    const aliceSees = collect(alice, 'presence:changed');
    const strangerSees = collect(stranger, 'presence:changed');

    const bobPhone = await connect('bob');
    await eventually(() => aliceSees.length === 1);
    expect(aliceSees).toEqual([{ userId: 'bob', status: 'online', customStatus: '' }]);

    const bobDesktop = await connect('bob');
    bobPhone.close();
    await settle();
    expect(aliceSees).toHaveLength(1);

    bobDesktop.close();
    await eventually(() => aliceSees.length === 2);
    expect(aliceSees[1]).toEqual({ userId: 'bob', status: 'offline', customStatus: '' });
    expect(strangerSees).toEqual([]);
  });

  it('A4 presence:get answers online/offline for conversation partners and leaves out unknown users', async () => {
    const alice = await connect('alice');
    await connect('carol');
    const reply = await call(alice, 'presence:get', { userIds: ['carol', 'bob', 'nobody', 'carol', 'alice'] });
    expect(reply.statuses).toEqual([
      { userId: 'carol', status: 'online', customStatus: '' },
      { userId: 'bob', status: 'offline', customStatus: '' },
      { userId: 'alice', status: 'online', customStatus: '' },
    ]);
  });

  it('A4 when a conversation starts, both online people are told each other’s status at once', async () => {
    const ann = await connect('ann');
    const ben = await connect('ben');
    const annSees = collect(ann, 'presence:changed');
    const benSees = collect(ben, 'presence:changed');
    await call(ann, 'message:send', { clientMsgId: 'ann-to-ben-1', to: 'ben', body: textBody('hi ben') });
    await eventually(() => annSees.length === 1 && benSees.length === 1);
    expect(annSees).toEqual([{ userId: 'ben', status: 'online', customStatus: '' }]);
    expect(benSees).toEqual([{ userId: 'ann', status: 'online', customStatus: '' }]);
    await call(ben, 'message:send', { clientMsgId: 'ben-to-ann-1', to: 'ann', body: textBody('hi ann') });
    await settle();
    expect(annSees).toHaveLength(1);
  });

  it('A4 presence:get tells nothing about people who share no conversation with the asker', async () => {
    await connect('alice');
    const stranger = await connect('stranger');
    expect(await call(stranger, 'presence:get', { userIds: ['alice', 'bob', 'nobody'] })).toEqual({ statuses: [] });
  });

  it('users:get returns profiles and leaves out unknown users', async () => {
    const alice = await connect('alice');
    expect(await call(alice, 'users:get', { userIds: ['bob', 'ghost', 'alice'] })).toEqual({
      users: [
        { userId: 'bob', nickname: 'bob!' },
        { userId: 'alice', nickname: 'alice!' },
      ],
    });
    expect(await request(alice, 'users:get', { userIds: [] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('M9 typing indicator', () => {
  it('M9 typing:set reaches every device of the peer and nobody else, and is never stored', async () => {
    const alicePhone = await connect('alice');
    const aliceDesktop = await connect('alice');
    const typist = await connect('typist');
    const typistOther = await connect('typist');
    const seen = {
      alicePhone: collect(alicePhone, 'typing:changed'),
      aliceDesktop: collect(aliceDesktop, 'typing:changed'),
      typistOther: collect(typistOther, 'typing:changed'),
    };
    const before = server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get();
    expect(await call(typist, 'typing:set', { conversationId: 'c2c_alice' })).toEqual({});
    await eventually(() => seen.aliceDesktop.length === 1);
    expect(seen.alicePhone).toEqual([{ conversationId: 'c2c_typist', from: 'typist' }]);
    expect(seen.aliceDesktop).toEqual([{ conversationId: 'c2c_typist', from: 'typist' }]);
    await settle();
    expect(seen.typistOther).toEqual([]);
    expect(server.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual(before);
  });

  it('M9 typing to someone without a shared conversation reaches nobody (no buzzing strangers)', async () => {
    const alice = await connect('alice');
    const stranger = await connect('stranger');
    const seen = collect(alice, 'typing:changed');
    expect(await request(stranger, 'typing:set', { conversationId: 'c2c_alice' })).toEqual({ ok: true, data: {} });
    await settle();
    expect(seen).toEqual([]);
  });

  it('M9 typing to an offline peer is accepted silently; to an unknown user it is refused', async () => {
    const typist = await connect('typist');
    expect(await request(typist, 'typing:set', { conversationId: 'c2c_reader' })).toEqual({ ok: true, data: {} });
    expect(await request(typist, 'typing:set', { conversationId: 'c2c_nobody' })).toMatchObject({ ok: false, error: { code: 'user_not_found' } });
    expect(await request(typist, 'typing:set', { conversationId: 'c2c_alice', from: 'bob' } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });
});
