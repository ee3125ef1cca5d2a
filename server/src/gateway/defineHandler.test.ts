import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERRORS } from '../../../shared/errors';
import { connectTestClient, request } from '../testing/socketClient';
import { type TestServer, startTestServer } from '../testing/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await server.app.services.accounts.importAccounts([{ userId: 'alice' }]);
});
afterAll(() => server.stop({ removeData: true }));

describe('defineHandler', () => {
  it('turns an unexpected exception into an internal ack that leaks nothing, and the server carries on', async () => {
    const socket = await connectTestClient(server, 'alice');
    const list = vi.spyOn(server.app.services.conversations, 'list').mockRejectedValueOnce(new Error('secret database detail'));
    const failed = await request(socket, 'sync:conversations', {});
    expect(failed).toEqual({ ok: false, error: { code: 'internal', message: ERRORS.internal.message } });
    expect(JSON.stringify(failed)).not.toContain('secret');
    const works = await request(socket, 'sync:conversations', {});
    expect(works).toEqual({ ok: true, data: { conversations: [] } });
    expect(list).toHaveBeenCalledTimes(2);
    socket.close();
  });

  it('answers a synchronous throw the same way', async () => {
    const socket = await connectTestClient(server, 'alice');
    vi.spyOn(server.app.services.accounts, 'profiles').mockImplementationOnce(() => {
      throw new TypeError('kaboom');
    });
    expect(await request(socket, 'users:get', { userIds: ['alice'] })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
