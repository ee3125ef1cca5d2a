import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

describe('requests in flight when the account closes', () => {
  it('A2 answer unauthenticated, and the store closes only after they settle', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 120; i += 1) t.server.store('bob', 'me', `h-${String(i).padStart(8, '0')}`, `h ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(120));
    t.db().prepare(`DELETE FROM messages WHERE seq <= 100`).run();
    // The server never answers these: sign-out happens while they wait.
    t.connection.intercept = (name) => (name === 'users:get' || name === 'sync:messagesBefore' ? new Promise(() => {}) : undefined);
    const outcomes = [
      t.account.conversations.open('carol'),
      t.account.conversations.lookup('carol'),
      t.account.messages.page({ conversationId: 'c2c_bob', beforeId: 'bob:h-00000101', limit: 30 }),
    ].map((request) => request.then(() => 'answered', (error: unknown) => error));
    await eventually(() => expect(t.connection.sent.filter((r) => r.name === 'users:get')).toHaveLength(2));
    await t.close();
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toMatchObject({ code: 'unauthenticated' });
    await expect(t.account.conversations.lookup('bob')).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('A2 answer unauthenticated when the reply arrives after the account closed', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    let answer: (value: unknown) => void = () => {};
    t.connection.intercept = (name) =>
      name === 'users:get' ? new Promise((resolve) => (answer = resolve)) : undefined;
    const lookup = t.account.conversations.lookup('carol');
    await eventually(() => expect(t.connection.sent.some((r) => r.name === 'users:get')).toBe(true));
    // A reply already on its way when sign-out begins: the store must not be touched after it closed.
    t.connection.intercept = () => undefined;
    const closing = t.close();
    // Attached before awaiting the close: the lookup may settle first, and an unobserved rejection fails the run.
    const refused = expect(lookup).rejects.toMatchObject({ code: 'unauthenticated' });
    answer({ users: [{ userId: 'carol', nickname: 'CAROL' }] });
    await closing;
    await refused;
  });
});
