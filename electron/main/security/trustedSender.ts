import { originOf } from './appOrigin';

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
  readonly detached?: boolean;
}

export interface IpcEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** True when `url` is on the renderer's own origin, compared as a parsed origin, never by prefix. */
export function isTrustedSenderUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/**
 * Electron checklist 17: only the app's own top-level frame may call IPC.
 * `senderFrame` is null or detached after navigation or unload, and a
 * disposed frame throws when read; all of those are refused.
 */
export function isTrustedSender(event: IpcEventLike, appOrigin: string): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached === true || frame.parent !== null) return false;
    return isTrustedSenderUrl(frame.url, appOrigin);
  } catch {
    return false;
  }
}
