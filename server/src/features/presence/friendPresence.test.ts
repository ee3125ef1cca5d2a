import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestSocket, call, collect, connectTestClient, eventually, settle } from '../../testing/socketClient';
import { type TestServer, startTestServer } from '../../testing/testServer';

let server: TestServer;
const sockets: TestSocket[] = [];
const connect = async (userId: string): Promise<TestSocket> => {
  const socket = await connectTestClient(server, userId);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts(['ann', 'fred', 'cat', 'nobody'].map((userId) => ({ userId })));
});
afterEach(() => sockets.splice(0).forEach((s) => s.close()));
afterAll(() => server.stop({ removeData: true }));

describe('A4 friends subscribe to each other’s presence by default', () => {
  it('A4 a new friend’s presence arrives at once; then their connects, disconnects and custom status reach the friend (no shared conversation needed); others hear nothing', async () => {
    const ann = await connect('ann');
    const nobody = await connect('nobody');
    const fredFirst = await connect('fred');
    const annSees = collect(ann, 'presence:changed');
    const nobodySees = collect(nobody, 'presence:changed');
    expect(await call(ann, 'presence:get', { userIds: ['fred'] })).toEqual({ statuses: [] });

    await server.app.services.friends.add({ from: 'ann', to: 'fred', addSource: 'AddSource_Type_Test', force: true });
    await eventually(() => annSees.length >= 1);
    expect(annSees[0]).toEqual({ userId: 'fred', status: 'online', customStatus: '' });
    expect(await call(ann, 'presence:get', { userIds: ['fred'] })).toEqual({ statuses: [{ userId: 'fred', status: 'online', customStatus: '' }] });

    await call(fredFirst, 'presence:setCustomStatus', { customStatus: 'Gone fishing' });
    await eventually(() => annSees.some((p) => p.customStatus === 'Gone fishing'));
    fredFirst.close();
    await eventually(() => annSees.some((p) => p.status === 'offline'));
    expect(annSees.at(-1)).toEqual({ userId: 'fred', status: 'offline', customStatus: 'Gone fishing' });
    await settle();
    expect(nobodySees).toEqual([]);
    expect(await call(nobody, 'presence:get', { userIds: ['fred', 'ann'] })).toEqual({ statuses: [] });
  });

  it('A4 one-way friends: whoever has the other in their list sees them; not the other way round', async () => {
    await server.app.services.friends.add({ from: 'cat', to: 'ann', addSource: 'AddSource_Type_Test', force: true, addType: 'Add_Type_Single' });
    const cat = await connect('cat');
    const catSees = collect(cat, 'presence:changed');
    const ann = await connect('ann');
    const annSees = collect(ann, 'presence:changed');
    await eventually(() => catSees.some((p) => p.userId === 'ann' && p.status === 'online'));
    expect(await call(cat, 'presence:get', { userIds: ['ann'] })).toEqual({ statuses: [{ userId: 'ann', status: 'online', customStatus: '' }] });
    expect(await call(ann, 'presence:get', { userIds: ['cat'] })).toEqual({ statuses: [] });
    cat.close();
    await settle();
    expect(annSees.filter((p) => p.userId === 'cat')).toEqual([]);
  });
});
