import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { REQUEST_CHANNELS } from '../../../shared/ipc/channels';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import type { IpcEventLike } from '../security/trustedSender';
import { isTrustedSender } from '../security/trustedSender';
import { registerIpcHandlers, type IpcMainLike } from './registerIpcHandlers';

type Listener = (event: IpcEventLike, input?: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (channel: string, event: IpcEventLike, input?: unknown) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, input);
  };
  return { ipcMain, handlers, call };
}

function api(overrides: Partial<IpcHandlers>): IpcHandlers {
  return new Proxy(overrides as IpcHandlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (() => Promise.reject(new Error('unexpected call'))),
  });
}

const appFrame: IpcEventLike = { senderFrame: { url: 'app://chat/index.html', parent: null } };
const foreignFrame: IpcEventLike = { senderFrame: { url: 'https://evil.example/', parent: null } };
const subFrame: IpcEventLike = { senderFrame: { url: 'app://chat/index.html', parent: {} } };

function setup(handlers: Partial<IpcHandlers>) {
  const fake = fakeIpcMain();
  const log = { warn: vi.fn(), error: vi.fn() };
  const unregister = registerIpcHandlers(fake.ipcMain, api(handlers), {
    isTrusted: (event) => isTrustedSender(event, 'app://chat'),
    log,
  });
  return { ...fake, log, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per request channel, and removes them all', () => {
    const { handlers, unregister } = setup({});
    expect([...handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('D1 answers a trusted call through the contract: parsed input in, ok envelope out', async () => {
    const lookup = vi.fn(async () => ({ userId: 'bob', nickname: 'Bob' }));
    const { call } = setup({ 'users:lookup': lookup });
    await expect(call('users:lookup', appFrame, { userId: 'bob', extra: 'dropped' })).resolves.toEqual({
      ok: true,
      value: { userId: 'bob', nickname: 'Bob' },
    });
    expect(lookup).toHaveBeenCalledWith({ userId: 'bob' });
  });

  it('D1 refuses untrusted senders with forbidden and never reaches the core', async () => {
    const lookup = vi.fn(async () => null);
    const { call, log } = setup({ 'users:lookup': lookup });
    for (const event of [foreignFrame, subFrame, { senderFrame: null }]) {
      await expect(call('users:lookup', event, { userId: 'bob' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(lookup).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(3);
  });

  it('refuses malformed input with bad_request and calls nothing', async () => {
    const send = vi.fn();
    const { call } = setup({ 'messages:send': send });
    const result = await call('messages:send', appFrame, { conversationId: 42, text: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(send).not.toHaveBeenCalled();
  });

  it('passes typed errors through and hides unexpected ones behind internal, logging them', async () => {
    const { call, log } = setup({
      'users:lookup': async () => {
        throw new AppError('user_not_found');
      },
      'conversations:list': async () => {
        throw new Error('SQLITE_CORRUPT at /home/alice/.config');
      },
    });
    await expect(call('users:lookup', appFrame, { userId: 'bob' })).resolves.toMatchObject({ ok: false, error: { code: 'user_not_found' } });
    const hidden = await call('conversations:list', appFrame, {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ channel: 'conversations:list' }), expect.any(String));
  });

  it('treats a missing input as an empty object', async () => {
    const list = vi.fn(async () => []);
    const { call } = setup({ 'conversations:list': list });
    await expect(call('conversations:list', appFrame)).resolves.toEqual({ ok: true, value: [] });
  });
});
