import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors';
import type { IpcHandlers } from './contract';
import { dispatchIpc } from './dispatch';

function handlers(overrides: Partial<IpcHandlers>): IpcHandlers {
  return new Proxy(overrides as IpcHandlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? (() => Promise.reject(new Error('unexpected call'))),
  });
}

describe('dispatchIpc', () => {
  it('refuses channels outside the allow-list without calling anything', async () => {
    const result = await dispatchIpc(handlers({}), 'fs:readFile', {}, vi.fn());
    expect(result).toEqual({ ok: false, error: { code: 'bad_request', message: 'Unknown channel.' } });
  });

  it('parses input with the channel schema and refuses bad input with a typed error', async () => {
    const open = vi.fn();
    const result = await dispatchIpc(handlers({ 'conversations:open': open }), 'conversations:open', { peer: 'no spaces allowed' }, vi.fn());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bad_request');
    expect(open).not.toHaveBeenCalled();
  });

  it('wraps a handler value in the ok envelope', async () => {
    const lookup = vi.fn(async () => ({ userId: 'bob', nickname: 'Bob' }));
    const result = await dispatchIpc(handlers({ 'users:lookup': lookup }), 'users:lookup', { userId: 'bob' }, vi.fn());
    expect(result).toEqual({ ok: true, value: { userId: 'bob', nickname: 'Bob' } });
    expect(lookup).toHaveBeenCalledWith({ userId: 'bob' });
  });

  it('passes typed domain errors through and hides unexpected ones', async () => {
    const onUnexpected = vi.fn();
    const typed = await dispatchIpc(
      handlers({ 'users:lookup': async () => { throw new AppError('user_not_found'); } }),
      'users:lookup', { userId: 'bob' }, onUnexpected,
    );
    expect(typed).toMatchObject({ ok: false, error: { code: 'user_not_found' } });
    expect(onUnexpected).not.toHaveBeenCalled();

    const crash = await dispatchIpc(
      handlers({ 'users:lookup': async () => { throw new Error('SQLITE_CORRUPT at /home/secret/path'); } }),
      'users:lookup', { userId: 'bob' }, onUnexpected,
    );
    expect(crash).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side.' } });
    expect(onUnexpected).toHaveBeenCalledOnce();
  });

  it('refuses a whitespace-only message before it reaches the core', async () => {
    const send = vi.fn();
    const result = await dispatchIpc(handlers({ 'messages:send': send }), 'messages:send', { conversationId: 'c2c_bob', text: '   ' }, vi.fn());
    expect(result.ok).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});
