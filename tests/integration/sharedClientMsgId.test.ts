import { plainTextOf } from '../../shared/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../support/core';
import { call, connectTestClient, registerUser, startTestServer } from '../support/server';
import { allMessages } from './history';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

describe('client message IDs are unique per sender, as on the server', () => {
  it('M3 two people who pick the same client message ID both reach me, live and by catch-up', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.stop({ removeData: true }));
    await registerUser(server, 'bob');
    await registerUser(server, 'carol');
    const bob = await connectTestClient(server, 'bob');
    const carol = await connectTestClient(server, 'carol');
    cleanups.push(() => bob.close(), () => carol.close());
    const me = await startTestCore({ serverUrl: server.url, name: 'me' });
    cleanups.push(() => me.dispose());
    await me.signUp('me');
    // Sent before I connect: they arrive through catch-up.
    const body = (text: string) => [{ MsgType: 'TIMTextElem' as const, MsgContent: { Text: text } }];
    await call(bob, 'message:send', { clientMsgId: 'same-id-0001', to: 'me', body: body('bob, first') });
    await call(carol, 'message:send', { clientMsgId: 'same-id-0001', to: 'me', body: body('carol, first') });
    await me.waitFor(async () => (await me.call('conversations:list', {})).length === 2, 20_000, 'both conversations');
    // Sent while I am online: they arrive as live pushes.
    await call(bob, 'message:send', { clientMsgId: 'same-id-0002', to: 'me', body: body('bob, second') });
    await call(carol, 'message:send', { clientMsgId: 'same-id-0002', to: 'me', body: body('carol, second') });
    const texts = async (conversationId: string) =>
      (await allMessages(me, conversationId)).map((m) => [m.id, plainTextOf(m.body)]);
    await me.waitFor(async () => (await texts('c2c_carol')).length === 2, 10_000, "carol's two messages");
    expect(await texts('c2c_bob')).toEqual([
      ['bob:same-id-0001', 'bob, first'],
      ['bob:same-id-0002', 'bob, second'],
    ]);
    expect(await texts('c2c_carol')).toEqual([
      ['carol:same-id-0001', 'carol, first'],
      ['carol:same-id-0002', 'carol, second'],
    ]);
    expect((await me.call('conversations:list', {})).map((c) => c.unreadCount)).toEqual([2, 2]);
  });
});
