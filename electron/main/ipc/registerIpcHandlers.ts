import { REQUEST_CHANNELS } from '../../../shared/ipc/channels';
import type { IpcHandlers } from '../../../shared/ipc/contract';
import { dispatchIpc } from '../../../shared/ipc/dispatch';
import type { IpcResult } from '../../../shared/ipc/result';
import type { MainLogger } from '../platform/log';
import type { IpcEventLike } from '../security/trustedSender';

/** The slice of Electron's `ipcMain` the registrar uses; a test passes a Map-backed fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, input?: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface RegisterIpcOptions {
  isTrusted: (event: IpcEventLike) => boolean;
  log: Pick<MainLogger, 'warn' | 'error'>;
}

const REFUSED: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This window may not talk to the chat core.' },
};

/**
 * One `ipcMain.handle` per request channel, all identical: trusted sender →
 * `dispatchIpc` (channel allow-list, schema parse, handler, envelope). Adding
 * a channel to shared/ipc needs no change here. Returns an unregister function.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, api: IpcHandlers, options: RegisterIpcOptions): () => void {
  const { isTrusted, log } = options;
  const onUnexpected = (error: unknown, channel: string) => log.error({ err: error, channel }, 'an IPC handler failed unexpectedly');
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      if (!isTrusted(event)) {
        log.warn({ channel, url: senderUrlForLog(event) }, 'refused an IPC call from an untrusted frame');
        return REFUSED;
      }
      return dispatchIpc(api, channel, input, onUnexpected);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

function senderUrlForLog(event: IpcEventLike): string | null {
  try {
    return event.senderFrame?.url.slice(0, 200) ?? null;
  } catch {
    return null;
  }
}
