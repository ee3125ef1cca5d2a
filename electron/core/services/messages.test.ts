import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(removeTestDirs);

const conv = 'c2c_bob';

describe('messages:page', () => {
  it('M4 orders acknowledged messages by seq, then pending ones in creation order', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 3; i += 1) t.server.store('bob', 'me', `in-0000000${i}`, `in ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(3));
    t.connection.goOffline();
    const p1 = t.account.messages.send({ conversationId: conv, text: 'p1' }).id;
    const p2 = t.account.messages.send({ conversationId: conv, text: 'p2' }).id;
    // A peer message acknowledged later still sorts above the pending tail.
    const { message } = t.server.store('bob', 'me', 'in-00000004', 'in 4');
    t.connection.goOnline();
    t.connection.push('message:created', message);
    t.connection.intercept = (name) => (name === 'message:send' ? new Promise(() => {}) : undefined);
    await eventually(async () => {
      const { messages } = await t.account.messages.page({ conversationId: conv, limit: 50 });
      expect(messages.map((m) => m.id)).toEqual(['bob:in-00000001', 'bob:in-00000002', 'bob:in-00000003', 'bob:in-00000004', p1, p2]);
    });
    t.connection.goOffline();
    await t.close();
  });

  it('M4 pages backwards across the pending tail and the acknowledged part', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 5; i += 1) t.server.store('bob', 'me', `in-0000000${i}`, `in ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(5));
    t.connection.goOffline();
    const pending = ['p1', 'p2', 'p3'].map((text) => t.account.messages.send({ conversationId: conv, text }).id);
    const newest = await t.account.messages.page({ conversationId: conv, limit: 4 });
    expect(newest.messages.map((m) => m.id)).toEqual(['bob:in-00000005', ...pending]);
    expect(newest.hasMore).toBe(true);
    const older = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:in-00000005', limit: 3 });
    expect(older.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
    expect(older.hasMore).toBe(true);
    const oldest = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:in-00000002', limit: 3 });
    expect(oldest.messages.map((m) => m.seq)).toEqual([1]);
    expect(oldest.hasMore).toBe(false);
    const fromPending = await t.account.messages.page({ conversationId: conv, beforeId: pending[1], limit: 2 });
    expect(fromPending.messages.map((m) => m.id)).toEqual(['bob:in-00000005', pending[0]]);
    await t.close();
  });

  it('M4 serves history from the local store with the network down', async () => {
    const first = openTestAccount();
    for (let i = 1; i <= 3; i += 1) first.server.store('bob', 'me', `in-0000000${i}`, `in ${i}`);
    first.connection.goOnline();
    await eventually(() => expect(first.account.conversations.list()[0]?.lastMessage?.seq).toBe(3));
    const t = await first.restart();
    expect(t.connection.isOnline()).toBe(false);
    expect(t.account.conversations.list().map((c) => c.id)).toEqual([conv]);
    const { messages } = await t.account.messages.page({ conversationId: conv, limit: 50 });
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    await t.close();
  });

  it('M4 fetches older history from the server when the local store runs out', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 120; i += 1) t.server.store('bob', 'me', `h-${String(i).padStart(8, '0')}`, `h ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(120));
    // Forget the oldest 100 locally, as if this device had only ever seen the newest ones.
    t.db().prepare(`DELETE FROM messages WHERE seq <= 100`).run();
    const before = t.connection.sent.length;
    const page = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:h-00000101', limit: 30 });
    expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 71 + i));
    expect(page.hasMore).toBe(true);
    expect(t.connection.sent.slice(before).map((r) => [r.name, (r.input as { beforeSeq: number }).beforeSeq])).toEqual([
      ['sync:messagesBefore', 101],
    ]);
    // 51..70 are local now (the fetch asked for 50); the rest comes from the server, which says that is all.
    const rest = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:h-00000071', limit: 100 });
    expect(rest.messages.map((m) => m.seq)).toEqual(Array.from({ length: 70 }, (_, i) => 1 + i));
    expect(rest.hasMore).toBe(false);
    expect(t.connection.sent.at(-1)).toMatchObject({ name: 'sync:messagesBefore', input: { beforeSeq: 51 } });
    await t.close();
  });

  it('M4 says more history exists when a hole cannot be filled offline, and fills it once online', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 2_300; i += 1) t.server.store('bob', 'me', `far-${String(i).padStart(6, '0')}`, `m${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(2_300));
    t.connection.goOffline();
    // The capped catch-up stored 2101..2300; 1..2100 are on the server only.
    const offline = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:far-002101', limit: 50 });
    expect(offline).toEqual({ messages: [], hasMore: true });
    t.connection.goOnline();
    const online = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:far-002101', limit: 50 });
    expect(online.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 2_051 + i));
    expect(online.hasMore).toBe(true);
    await t.close();
  });

  it('M4 says more history exists when fetching it failed', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 120; i += 1) t.server.store('bob', 'me', `h-${String(i).padStart(8, '0')}`, `h ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.lastMessage?.seq).toBe(120));
    t.db().prepare(`DELETE FROM messages WHERE seq <= 100`).run();
    t.connection.intercept = (name) => (name === 'sync:messagesBefore' ? Promise.reject(new AppError('timeout')) : undefined);
    const failed = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:h-00000101', limit: 30 });
    expect(failed).toEqual({ messages: [], hasMore: true });
    expect(t.connection.sent.filter((r) => r.name === 'sync:messagesBefore')).toHaveLength(1);
    // Part of a page, then a failure: still more.
    const partial = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:h-00000111', limit: 30 });
    expect(partial.messages.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 101 + i));
    expect(partial.hasMore).toBe(true);
    t.connection.intercept = () => undefined;
    const retried = await t.account.messages.page({ conversationId: conv, beforeId: 'bob:h-00000101', limit: 30 });
    expect(retried.messages.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 71 + i));
    await t.close();
  });

  it('refuses an unknown conversation or cursor', async () => {
    const t = openTestAccount();
    await expect(t.account.messages.page({ conversationId: 'c2c_nobody', limit: 5 })).rejects.toMatchObject({ code: 'not_found' });
    t.account.messages.send({ conversationId: conv, text: 'x' });
    await expect(t.account.messages.page({ conversationId: conv, beforeId: 'nope-nope', limit: 5 })).rejects.toMatchObject({
      code: 'not_found',
    });
    await t.close();
  });
});
