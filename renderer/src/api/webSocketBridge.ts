import { isEventChannel, type EventChannel, type EventPayload, type IpcResult } from '../../../shared/ipc';
import type { ChatApi, HostLink } from './chatApi';

type Pending = (result: IpcResult<unknown>) => void;
type AnyListener = (payload: unknown) => void;

export interface WebSocketBridgeOptions {
  /** e.g. `ws://127.0.0.1:5173/bridge?token=…` */
  url: string;
  createSocket?: (url: string) => WebSocket;
  /** Waits between reconnect attempts after the link drops. */
  retryDelaysMs?: readonly number[];
}

/** WebSocket.OPEN, spelled out so the module does not depend on a global WebSocket being present. */
const OPEN = 1;

const LOST: IpcResult<never> = { ok: false, error: { code: 'offline', message: 'Lost the connection to the app host.' } };

export function bridgeUrlFor(location: Location, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

/**
 * The IPC contract over the web host's WebSocket: `{ id, channel, input }`
 * out, `{ id, result }` and `{ event, payload }` in. Used only when the page
 * runs in a browser, where no preload provides `window.chat`.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): ChatApi {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const retryDelays = options.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000];
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<AnyListener>>();
  const linkListeners = new Set<(link: HostLink) => void>();
  const outbox: string[] = [];
  let nextId = 1;
  let link: HostLink = 'connecting';
  let attempt = 0;
  let socket = open();

  function setLink(next: HostLink): void {
    if (link === next) return;
    link = next;
    linkListeners.forEach((listener) => listener(next));
  }

  function open(): WebSocket {
    const ws = createSocket(options.url);
    ws.addEventListener('open', () => {
      attempt = 0;
      setLink('open');
      for (const frame of outbox.splice(0)) ws.send(frame);
    });
    ws.addEventListener('message', (event) => receive(event.data));
    ws.addEventListener('close', () => {
      for (const resolve of pending.values()) resolve(LOST);
      pending.clear();
      setLink('lost');
      const delay = retryDelays[Math.min(attempt, retryDelays.length - 1)] ?? 1000;
      attempt += 1;
      setTimeout(() => {
        socket = open();
      }, delay);
    });
    return ws;
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('id' in frame && 'result' in frame && typeof frame.id === 'number') {
      const resolve = pending.get(frame.id);
      pending.delete(frame.id);
      resolve?.(frame.result as IpcResult<unknown>);
    } else if ('event' in frame && isEventChannel(frame.event)) {
      const payload = 'payload' in frame ? frame.payload : undefined;
      listeners.get(frame.event)?.forEach((listener) => listener(payload));
    }
  }

  return {
    invoke(channel, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        if (socket.readyState === OPEN) socket.send(frame);
        else if (link === 'lost') {
          pending.delete(id);
          resolve(LOST);
        } else outbox.push(frame);
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      const wrapped = listener as AnyListener;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onHostLinkChanged(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
  };
}
