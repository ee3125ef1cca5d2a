// Drives a web host's core from Node over its /bridge WebSocket, with the same
// frames and token/origin check the page's own bridge uses (electron/web-host/frames.ts).
// The bench uses it for the steps that are not being measured in the browser.
import { WebSocket } from 'ws';
import type { WebHost } from '../electron/web-host';
import type { EventChannel, EventPayload, IpcResult, RequestChannel, RequestInput, RequestOutput } from '../shared/ipc';

export interface BridgeClient {
  call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>>;
  /** Resolves with the first event payload `match` accepts (events from the moment of the call on). */
  nextEvent<E extends EventChannel>(event: E, match: (payload: EventPayload<E>) => boolean, timeoutMs?: number): Promise<EventPayload<E>>;
  close(): void;
}

export async function connectBridge(host: Pick<WebHost, 'origin' | 'token'>): Promise<BridgeClient> {
  const url = `${host.origin.replace(/^http/, 'ws')}/bridge?token=${encodeURIComponent(host.token)}`;
  const ws = new WebSocket(url, { headers: { origin: host.origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Set<(event: EventChannel, payload: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as { id?: number; result?: IpcResult<unknown>; event?: EventChannel; payload?: unknown };
    if (frame.id !== undefined && frame.result) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    } else if (frame.event) {
      for (const listener of listeners) listener(frame.event, frame.payload);
    }
  });
  return {
    async call(channel, input) {
      const id = nextId++;
      const result = await new Promise<IpcResult<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      });
      if (!result.ok) throw new Error(`bench: ${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as RequestOutput<typeof channel>;
    },
    nextEvent(event, match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`bench: timed out waiting for ${event}`));
        }, timeoutMs);
        const listener = (name: EventChannel, payload: unknown) => {
          if (name !== event || !match(payload as EventPayload<typeof event>)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(payload as EventPayload<typeof event>);
        };
        listeners.add(listener);
      });
    },
    close: () => ws.close(),
  };
}
