import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from '../../shared/ipc/channels';
import type { ChatBridge } from '../../shared/ipc/contract';
import { createBridge, type IpcRendererLike } from './createBridge';

/** ipcRenderer as main would drive it: events arrive with an IpcRendererEvent first. */
function fakeIpcRenderer(reply: (channel: string, input: unknown) => Promise<unknown> = async () => ({ ok: true, value: {} })) {
  const emitter = new EventEmitter();
  const invoke = vi.fn(reply);
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => invoke(channel, args[0]),
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  const fromMain = (channel: string, payload: unknown) => emitter.emit(channel, { sender: 'ipcRenderer', senderFrame: 'secret' }, payload);
  return { ipc, invoke, emitter, fromMain };
}

/** What hostile page code can do: call with any strings. */
const loose = (bridge: ChatBridge) =>
  bridge as unknown as {
    invoke(channel: string, input: unknown): Promise<unknown>;
    on(event: string, listener: unknown): () => void;
  };

describe('createBridge', () => {
  it('D1 forwards allow-listed requests to main with their input and returns main’s envelope', async () => {
    const { ipc, invoke } = fakeIpcRenderer(async () => ({ ok: true, value: { userId: 'bob', nickname: 'Bob' } }));
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('users:lookup', { userId: 'bob' })).resolves.toEqual({ ok: true, value: { userId: 'bob', nickname: 'Bob' } });
    expect(invoke).toHaveBeenCalledWith('users:lookup', { userId: 'bob' });
  });

  it.each(['fs:readFile', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString', '', 'session:changed'])(
    'D1 refuses the request channel %s without calling main',
    async (channel) => {
      const { ipc, invoke } = fakeIpcRenderer();
      await expect(loose(createBridge(ipc)).invoke(channel, {})).resolves.toEqual({
        ok: false,
        error: { code: 'bad_request', message: 'Unknown channel.' },
      });
      expect(invoke).not.toHaveBeenCalled();
    },
  );

  it('D1 refuses a non-string channel without calling main', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    await expect(loose(createBridge(ipc)).invoke({ toString: () => 'app:info' } as unknown as string, {})).resolves.toMatchObject({ ok: false });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns a rejected invoke (no handler in main) into an error envelope', async () => {
    const { ipc } = fakeIpcRenderer(() => Promise.reject(new Error("No handler registered for 'app:info'")));
    await expect(createBridge(ipc).invoke('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('D1 gives listeners the payload only, never the IpcRendererEvent', () => {
    const { ipc, fromMain } = fakeIpcRenderer();
    const listener = vi.fn();
    createBridge(ipc).on('typing:changed', listener);
    const payload = { conversationId: 'c2c_alice_bob', userId: 'bob', typing: true };
    fromMain('typing:changed', payload);
    expect(listener).toHaveBeenCalledOnce();
    expect(listener.mock.calls[0]).toEqual([payload]);
  });

  it('D1 refuses to subscribe to events outside EVENT_CHANNELS', () => {
    const { ipc, emitter } = fakeIpcRenderer();
    for (const event of ['messages:send', 'ELECTRON_GUEST_WINDOW', '']) {
      expect(() => loose(createBridge(ipc)).on(event, () => {})).toThrow(TypeError);
    }
    expect(() => loose(createBridge(ipc)).on('typing:changed', 'not a function')).toThrow(TypeError);
    expect(emitter.eventNames()).toEqual([]);
  });

  it('returns an unsubscribe that removes exactly its own listener, once', () => {
    const { ipc, emitter, fromMain } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.on('connection:changed', first);
    bridge.on('connection:changed', second);
    offFirst();
    offFirst();
    fromMain('connection:changed', { state: 'online' });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
    expect(emitter.listenerCount('connection:changed')).toBe(1);
  });

  it('accepts every channel and event of the contract', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const bridge = loose(createBridge(ipc));
    for (const channel of REQUEST_CHANNELS) await bridge.invoke(channel, {});
    expect(invoke).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
    for (const event of EVENT_CHANNELS) expect(typeof bridge.on(event, () => {})).toBe('function');
  });
});
