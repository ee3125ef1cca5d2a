import { afterEach, describe, expect, it } from 'vitest';
import { eventually, openTestAccount, removeTestDirs } from '../testing/testAccount';
import { isC2cConversation } from '../../../shared/domain';

afterEach(removeTestDirs);

describe('conversations', () => {
  it('opens a chat with an existing user online, with their profile and presence', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    const opened = await t.account.conversations.open('carol');
    expect(opened).toMatchObject({ id: 'c2c_carol', peer: { userId: 'carol', nickname: 'CAROL' }, unreadCount: 0, lastMessage: null });
    expect(t.eventsOf('conversations:changed').some((e) => e.conversations.some((c) => c.id === 'c2c_carol'))).toBe(true);
    await eventually(() => expect(t.account.conversations.list().filter(isC2cConversation)[0]?.presence).toBe('online'));
    expect((await t.account.conversations.open('carol')).id).toBe('c2c_carol');
    await t.close();
  });

  it('refuses an unknown user online with a clear message', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await expect(t.account.conversations.open('nobody')).rejects.toMatchObject({ code: 'user_not_found', message: 'No user with the ID nobody.' });
    expect(t.account.conversations.list()).toEqual([]);
    await t.close();
  });

  it('M4 opens a chat offline on trust', async () => {
    const t = openTestAccount();
    expect(await t.account.conversations.open('nobody')).toMatchObject({ id: 'c2c_nobody', peer: { userId: 'nobody', nickname: 'nobody' }, presence: null });
    await t.close();
  });

  it('lists conversations by latest activity', async () => {
    let clock = 1_000;
    const t = openTestAccount({ now: () => clock });
    await t.account.conversations.open('bob');
    clock += 10;
    await t.account.conversations.open('carol');
    expect(t.account.conversations.list().map((c) => c.id)).toEqual(['c2c_carol', 'c2c_bob']);
    clock += 10;
    t.account.messages.send({ conversationId: 'c2c_bob', text: 'hi' });
    expect(t.account.conversations.list().map((c) => c.id)).toEqual(['c2c_bob', 'c2c_carol']);
    await t.close();
  });

  it('M6 marks read: unread drops to 0 and the server hears the new read position', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 3; i += 1) t.server.store('bob', 'me', `in-0000000${i}`, `in ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.unreadCount).toBe(3));
    t.account.conversations.markRead('c2c_bob', 3);
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(0);
    expect(t.eventsOf('conversations:changed').at(-1)?.conversations[0]?.unreadCount).toBe(0);
    await eventually(() => expect(t.server.readSeq('me', 'bob')).toBe(3));
    await t.close();
  });

  it('M6 marks read only up to what was on screen, and never past what this device holds', async () => {
    const t = openTestAccount();
    for (let i = 1; i <= 3; i += 1) t.server.store('bob', 'me', `in-0000000${i}`, `in ${i}`);
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.unreadCount).toBe(3));
    t.account.conversations.markRead('c2c_bob', 2);
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(1);
    await eventually(() => expect(t.server.readSeq('me', 'bob')).toBe(2));
    // seq 4 exists on the server but has not reached this device: it cannot have been seen.
    t.server.store('bob', 'me', 'in-00000004', 'in 4');
    t.account.conversations.markRead('c2c_bob', 4);
    await eventually(() => expect(t.server.readSeq('me', 'bob')).toBe(3));
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(0);
    t.account.conversations.markRead('c2c_bob', 1);
    expect(t.server.readSeq('me', 'bob')).toBe(3);
    expect(() => t.account.conversations.markRead('c2c_nobody', 1)).toThrow(expect.objectContaining({ code: 'not_found' }));
    await t.close();
  });

  it('M6 sends a read position marked offline on the next connect', async () => {
    const t = openTestAccount();
    t.server.store('bob', 'me', 'in-00000001', 'in');
    t.connection.goOnline();
    await eventually(() => expect(t.account.conversations.list()[0]?.unreadCount).toBe(1));
    t.connection.goOffline();
    t.account.conversations.markRead('c2c_bob', 1);
    expect(t.server.readSeq('me', 'bob')).toBe(0);
    t.connection.goOnline();
    await eventually(() => expect(t.server.readSeq('me', 'bob')).toBe(1));
    expect(t.account.conversations.list()[0]?.unreadCount).toBe(0);
    await t.close();
  });

  it('looks users up on the server online and in the local store offline', async () => {
    const t = openTestAccount();
    // Never seen and no server to ask: unknown, not "does not exist".
    await expect(t.account.conversations.lookup('carol')).rejects.toMatchObject({ code: 'offline' });
    t.connection.goOnline();
    expect(await t.account.conversations.lookup('carol')).toEqual({ userId: 'carol', nickname: 'CAROL' });
    expect(await t.account.conversations.lookup('nobody')).toBeNull();
    t.connection.goOffline();
    expect(await t.account.conversations.lookup('carol')).toEqual({ userId: 'carol', nickname: 'CAROL' });
    await t.close();
  });
});
