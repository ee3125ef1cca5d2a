import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { countOutbox } from '../store/tables/outbox';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

async function page(t: TestAccount) {
  return (await t.account.messages.page({ conversationId: conv, limit: 50 })).messages;
}

/** A request that never answers until the connection drops (the server got it; its ack is lost). */
const hang = () => new Promise<never>(() => {});
/** Lets the outbox worker see the drop (its request is no longer in flight). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('message operations: changes racing the outbox', () => {
  it('M10 a message deleted for me stays deleted when a newer server state of it arrives while the deletion is queued', async () => {
    const t = openTestAccount();
    const fromBob = t.server.store('bob', 'me', 'bob-msg-01', 'delete me').message;
    t.connection.goOnline();
    await eventually(async () => expect(await page(t)).toHaveLength(1));
    // The deletion waits in the outbox (its request is not answered yet)…
    t.connection.intercept = (name) => (name === 'message:deleteForMe' ? hang() : undefined);
    t.account.messageOps.deleteForMe({ ids: ['bob:bob-msg-01'] });
    expect(await page(t)).toEqual([]);
    // … when Bob reacts to the message: the push carries its state without the deletion.
    fromBob.reactions = [{ emoji: '👍', userIds: ['bob'] }];
    t.connection.push('message:updated', t.server.touch('bob', fromBob));
    expect(await page(t)).toEqual([]);
    expect(t.account.search.search({ query: 'delete', limit: 10 }).groups).toEqual([]);
    await t.close();
  });

  it('M5 recalling a message whose send reached the server (ack lost) recalls it there, it is not just dropped here', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    // The server stores the message, but the ack never arrives before the connection drops.
    t.connection.intercept = (name, input) => {
      if (name !== 'message:send') return undefined;
      const { to, clientMsgId } = input as { to: string; clientMsgId: string };
      t.server.store('me', to, clientMsgId, 'sent by mistake');
      return hang();
    };
    const sent = t.account.messages.send({ conversationId: conv, text: 'sent by mistake' });
    await eventually(() => expect(t.server.thread('bob')).toHaveLength(1));
    t.connection.goOffline();
    await settle();
    t.connection.intercept = () => undefined;
    t.account.messageOps.recall({ id: sent.id });
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob')[0]).toMatchObject({ recalled: true, body: [] }));
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, recalled: true, recalledText: 'sent by mistake' }]));
    expect(countOutbox(t.db())).toBe(0);
    await t.close();
  });

  it('M5 the same after a restart: a send that was on the wire when the app quit is recalled on the server', async () => {
    const first = openTestAccount();
    first.connection.goOnline();
    first.connection.intercept = (name, input) => {
      if (name !== 'message:send') return undefined;
      const { to, clientMsgId } = input as { to: string; clientMsgId: string };
      first.server.store('me', to, clientMsgId, 'oops');
      return Promise.reject(new AppError('offline'));
    };
    const sent = first.account.messages.send({ conversationId: conv, text: 'oops' });
    await eventually(() => expect(first.server.thread('bob')).toHaveLength(1));
    first.connection.goOffline();
    const t = await first.restart();
    t.connection.intercept = () => undefined;
    t.account.messageOps.recall({ id: sent.id });
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob')[0]).toMatchObject({ recalled: true }));
    await eventually(async () => expect(await page(t)).toMatchObject([{ id: sent.id, recalled: true }]));
    await t.close();
  });

  it('M10 deleting for me a message whose send reached the server keeps it deleted once the send is confirmed', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    t.connection.intercept = (name, input) => {
      if (name !== 'message:send') return undefined;
      const { to, clientMsgId } = input as { to: string; clientMsgId: string };
      t.server.store('me', to, clientMsgId, 'hide me');
      return hang();
    };
    const sent = t.account.messages.send({ conversationId: conv, text: 'hide me' });
    await eventually(() => expect(t.server.thread('bob')).toHaveLength(1));
    t.connection.goOffline();
    await settle();
    t.connection.intercept = () => undefined;
    t.account.messageOps.deleteForMe({ ids: [sent.id] });
    t.connection.goOnline();
    await eventually(() => expect(t.server.thread('bob')[0]?.deletedForMe).toBe(true));
    await eventually(() => expect(countOutbox(t.db())).toBe(0));
    expect(await page(t)).toEqual([]);
    await t.close();
  });
});
