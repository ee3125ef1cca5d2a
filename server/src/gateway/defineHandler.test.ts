import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERRORS } from '../../../shared/errors';
import { textBody } from '../../../shared/domain';
import { collect, connectTestClient, request, settle } from '../testing/socketClient';
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

describe('per-connection request budget', () => {
  it('answers rate_limited beyond the budget without running the request; kinds have separate budgets, connections too', async () => {
    const tight = await startTestServer({
      requestLimits: { send: { burst: 5, perSecond: 1 }, typing: { burst: 2, perSecond: 1 }, other: { burst: 50, perSecond: 10 } },
    });
    try {
      await tight.app.services.accounts.importAccounts([{ userId: 'alice' }, { userId: 'bob' }]);
      const flood = await connectTestClient(tight, 'alice');
      const bob = await connectTestClient(tight, 'bob');
      const received = collect(bob, 'message:created');
      const replies = await Promise.all(
        Array.from({ length: 12 }, (_, i) => request(flood, 'message:send', { clientMsgId: `flood-${i}-xyz`, to: 'bob', body: textBody(`#${i}`) })),
      );
      expect(replies.filter((r) => r.ok)).toHaveLength(5);
      expect(replies.filter((r) => !r.ok)).toEqual(
        Array.from({ length: 7 }, () => ({ ok: false, error: { code: 'rate_limited', message: expect.any(String) } })),
      );
      expect(tight.store.db.raw.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 5 });
      await settle();
      expect(received).toHaveLength(5);
      // Other kinds of request still work, and so does another connection of the same user.
      expect((await request(flood, 'sync:conversations', {})).ok).toBe(true);
      const second = await connectTestClient(tight, 'alice');
      expect((await request(second, 'message:send', { clientMsgId: 'second-conn-1', to: 'bob', body: textBody('hi') })).ok).toBe(true);
      const typing = await Promise.all([1, 2, 3].map(() => request(flood, 'typing:set', { conversationId: 'c2c_bob' })));
      expect(typing.map((r) => r.ok)).toEqual([true, true, false]);
      [flood, bob, second].forEach((s) => s.close());
    } finally {
      await tight.stop({ removeData: true });
    }
  });
});
