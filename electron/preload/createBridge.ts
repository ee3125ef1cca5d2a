import { isEventChannel, isRequestChannel, type RequestChannel } from '../../shared/ipc/channels';
import type { ChatBridge, RequestInput, RequestOutput } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';

/**
 * The slice of `ipcRenderer` the bridge uses. Listeners receive Electron's
 * IpcRendererEvent first; the bridge drops it before page code sees anything.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const UNKNOWN_CHANNEL: IpcResult<never> = { ok: false, error: { code: 'bad_request', message: 'Unknown channel.' } };
const UNAVAILABLE: IpcResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'The app could not reach its core. Restart OpenChat.' },
};

/**
 * `window.chat` (Electron checklist 20): only allow-listed channels in, only
 * allow-listed events out, payloads only. Main validates everything again;
 * this layer keeps a compromised page from reaching any other IPC name.
 */
export function createBridge(ipc: IpcRendererLike): ChatBridge {
  return {
    invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<IpcResult<RequestOutput<C>>> {
      if (!isRequestChannel(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
      // Main answers with an envelope it validated; a rejection means no handler (or a dead main), still a value here.
      return ipc.invoke(channel, input).catch(() => UNAVAILABLE) as Promise<IpcResult<RequestOutput<C>>>;
    },
    on(event, listener) {
      if (!isEventChannel(event)) throw new TypeError(`Unknown event "${String(event)}".`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const wrapped = (_event: unknown, payload: unknown) => {
        (listener as (payload: unknown) => void)(payload);
      };
      ipc.on(event, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(event, wrapped);
      };
    },
  };
}
