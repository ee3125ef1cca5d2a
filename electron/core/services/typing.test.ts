import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestAccount, removeTestDirs } from '../testing/testAccount';

afterEach(() => {
  vi.useRealTimers();
  removeTestDirs();
});

describe('typing', () => {
  it('M9 sends typing:set at most once per 3 s per conversation, and never offline', async () => {
    let clock = 0;
    const t = openTestAccount({ now: () => clock });
    const typingSent = () => t.connection.sent.filter((r) => r.name === 'typing:set').map((r) => r.input);
    t.account.typing.notify('c2c_bob');
    expect(typingSent()).toEqual([]);
    t.connection.goOnline();
    await Promise.resolve();
    t.account.typing.notify('c2c_bob');
    clock = 1_000;
    t.account.typing.notify('c2c_bob');
    t.account.typing.notify('c2c_carol');
    clock = 2_999;
    t.account.typing.notify('c2c_bob');
    clock = 3_000;
    t.account.typing.notify('c2c_bob');
    expect(typingSent()).toEqual([{ conversationId: 'c2c_bob' }, { conversationId: 'c2c_carol' }, { conversationId: 'c2c_bob' }]);
    await t.close();
  });

  it('M9 typing right after a send is announced at once, not held back by the throttle', async () => {
    let clock = 0;
    const t = openTestAccount({ now: () => clock });
    t.connection.goOnline();
    await Promise.resolve();
    t.account.typing.notify('c2c_bob');
    clock = 500;
    t.account.typing.messageSent('c2c_bob');
    t.account.typing.notify('c2c_bob');
    expect(t.connection.sent.filter((r) => r.name === 'typing:set')).toHaveLength(2);
    await t.close();
  });

  it('M9 shows the peer typing until the indicator lapses', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = openTestAccount({ typingShowMs: 6_000 });
    t.connection.goOnline();
    t.connection.push('typing:changed', { conversationId: 'c2c_me', from: 'bob' });
    expect(t.eventsOf('typing:changed')).toEqual([{ conversationId: 'c2c_bob', userId: 'bob', typing: true }]);
    vi.advanceTimersByTime(4_000);
    t.connection.push('typing:changed', { conversationId: 'c2c_me', from: 'bob' });
    vi.advanceTimersByTime(4_000);
    expect(t.eventsOf('typing:changed')).toHaveLength(1);
    vi.advanceTimersByTime(2_001);
    expect(t.eventsOf('typing:changed').at(-1)).toEqual({ conversationId: 'c2c_bob', userId: 'bob', typing: false });
    vi.useRealTimers();
    await t.close();
  });

  it('M9 hides the indicator when a message from that person arrives', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await new Promise((r) => setTimeout(r, 10));
    t.connection.push('typing:changed', { conversationId: 'c2c_me', from: 'bob' });
    const { message } = t.server.store('bob', 'me', 'typed-0001', 'done typing');
    t.connection.push('message:created', message);
    await new Promise((r) => setTimeout(r, 20));
    expect(t.eventsOf('typing:changed').map((e) => e.typing)).toEqual([true, false]);
    await t.close();
  });

  it('M9 is one-to-one: typing in a group or topic conversation sends nothing and does not fail', async () => {
    const t = openTestAccount();
    t.connection.goOnline();
    await Promise.resolve();
    t.account.typing.notify('group_team a#1');
    t.account.typing.notify('group_@TGS#_fans@TOPIC#_news');
    expect(t.connection.sent.filter((r) => r.name === 'typing:set')).toEqual([]);
    expect(() => t.account.typing.notify('team')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    await t.close();
  });
});
