import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostLink } from './chatApi';
import { createWebSocketBridge } from './webSocketBridge';

type Listener = (event: { data?: unknown }) => void;

/** Just enough of a browser WebSocket to drive the bridge by hand. */
class FakeSocket {
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string) {
    this.sent.push(data);
  }
  fire(type: string, event: { data?: unknown } = {}) {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    this.listeners.get(type)?.forEach((l) => l(event));
  }
  reply(frame: unknown) {
    this.fire('message', { data: JSON.stringify(frame) });
  }
}

let sockets: FakeSocket[];
let links: HostLink[];

function makeBridge() {
  const bridge = createWebSocketBridge({
    url: 'ws://127.0.0.1:1/bridge?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    retryDelaysMs: [100],
  });
  bridge.onHostLinkChanged((link) => links.push(link));
  return bridge;
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  links = [];
  return () => vi.useRealTimers();
});

describe('createWebSocketBridge', () => {
  it('queues requests until the socket opens, then matches replies by id', async () => {
    const bridge = makeBridge();
    const reply = bridge.invoke('users:lookup', { userId: 'bob' });
    const socket = sockets[0]!;
    expect(socket.sent).toEqual([]);
    socket.fire('open');
    expect(JSON.parse(socket.sent[0]!)).toEqual({ id: 1, channel: 'users:lookup', input: { userId: 'bob' } });
    socket.reply({ id: 99, result: { ok: true, value: 'not mine' } });
    socket.reply({ id: 1, result: { ok: true, value: { userId: 'bob', nickname: 'Bob' } } });
    await expect(reply).resolves.toEqual({ ok: true, value: { userId: 'bob', nickname: 'Bob' } });
    expect(links).toEqual(['connecting', 'open']);
  });

  it('delivers events to their listeners until unsubscribed, ignoring junk', () => {
    const bridge = makeBridge();
    const socket = sockets[0]!;
    socket.fire('open');
    const seen: unknown[] = [];
    const off = bridge.on('connection:changed', (payload) => seen.push(payload));
    socket.fire('message', { data: 'not json' });
    socket.fire('message', { data: new ArrayBuffer(2) });
    socket.reply({ event: 'no:such', payload: 1 });
    socket.reply({ event: 'connection:changed', payload: { status: 'online', retryInMs: null } });
    off();
    socket.reply({ event: 'connection:changed', payload: { status: 'offline', retryInMs: 5 } });
    expect(seen).toEqual([{ status: 'online', retryInMs: null }]);
  });

  it('answers pending calls with an offline error when the host goes away, then reconnects', async () => {
    const bridge = makeBridge();
    sockets[0]!.fire('open');
    const pending = bridge.invoke('app:info', {});
    sockets[0]!.fire('close');
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
    await expect(bridge.invoke('app:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(links.at(-1)).toBe('lost');
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    sockets[1]!.fire('open');
    expect(links.at(-1)).toBe('open');
  });
});
