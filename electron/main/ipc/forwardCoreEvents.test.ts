import { describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../../../shared/ipc/contract';
import { forwardCoreEvents, type EventReceiver } from './forwardCoreEvents';

function fakeCore(returnsUnsubscribe = true) {
  let sink: EventSink | null = null;
  const unsubscribe = vi.fn(() => {
    sink = null;
  });
  return {
    subscribe: (s: EventSink) => {
      sink = s;
      return returnsUnsubscribe ? unsubscribe : undefined;
    },
    emit: (event: string, payload: unknown) => (sink as unknown as ((e: string, p: unknown) => void) | null)?.(event, payload),
    unsubscribe,
  };
}

function receiver(destroyed = false) {
  return { isDestroyed: () => destroyed, send: vi.fn() } satisfies EventReceiver;
}

describe('forwardCoreEvents', () => {
  it('sends allow-listed core events to the current window, payload untouched', () => {
    const core = fakeCore();
    const window = receiver();
    forwardCoreEvents(core, () => window, { warn: vi.fn() });
    const payload = { conversationId: 'c2c_alice_bob', userId: 'bob', typing: true };
    core.emit('typing:changed', payload);
    expect(window.send).toHaveBeenCalledWith('typing:changed', payload);
  });

  it('D1 drops event names outside EVENT_CHANNELS', () => {
    const core = fakeCore();
    const window = receiver();
    const log = { warn: vi.fn() };
    forwardCoreEvents(core, () => window, log);
    core.emit('session:secret', { token: 'x' });
    expect(window.send).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('follows the window as it is replaced, and skips a destroyed or missing one', () => {
    const core = fakeCore();
    let current: EventReceiver | null = null;
    forwardCoreEvents(core, () => current, { warn: vi.fn() });
    expect(() => core.emit('connection:changed', { state: 'online' })).not.toThrow();
    const dead = receiver(true);
    current = dead;
    core.emit('connection:changed', { state: 'online' });
    expect(dead.send).not.toHaveBeenCalled();
    const fresh = receiver();
    current = fresh;
    core.emit('connection:changed', { state: 'offline' });
    expect(fresh.send).toHaveBeenCalledWith('connection:changed', { state: 'offline' });
  });

  it('returns the core unsubscribe, or a no-op when the core gives none', () => {
    const core = fakeCore();
    forwardCoreEvents(core, () => null, { warn: vi.fn() })();
    expect(core.unsubscribe).toHaveBeenCalledOnce();
    expect(() => forwardCoreEvents(fakeCore(false), () => null, { warn: vi.fn() })()).not.toThrow();
  });
});
