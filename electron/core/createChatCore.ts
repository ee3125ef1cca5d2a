import type { EventSink, IpcHandlers } from '../../shared/ipc';
import type { Platform } from '../../shared/protocol';
import { CallActivityTracker, type CallActivity } from './callActivity';
import type { SocketFactory } from './connection/types';
import { EventHub } from './events';
import type { DesktopFiles } from './media/desktopFiles';
import { replyWithStatus, type MediaReply, type MediaRequest } from './media/mediaReply';
import type { CoreLogger } from './logger';
import { createRendererApi } from './rendererApi';
import { SessionManager } from './services/session/sessionManager';
import { TYPING_SHOW_MS } from './services/typing';

export interface ChatCoreDeps {
  /** This person's folder: `session.json` and `accounts/<server>-<user>/chat.sqlite` live under it. */
  dataDir: string;
  /** The embedded server in Electron, `--server` in the web host; offered by `app:info`. */
  defaultServerUrl: string | null;
  host: 'electron' | 'web';
  appVersion: string;
  platform: Platform;
  logger: CoreLogger;
  now?: () => number;
  /** Makes the socket.io socket; defaults to socket.io-client's `io`. */
  connect?: SocketFactory;
  fetch?: typeof fetch;
  /**
   * Media for the renderer (electron/core/media): where the host serves `ChatCore.media.serve`
   * (`app:info.mediaBaseUrl`, ends with '/'; a function when the host learns its address
   * only after it listens), and the desktop's "open with" / "show in folder" (Electron;
   * without it `canOpenFiles` is false and files:open refuses).
   */
  media?: { mediaBaseUrl: string | (() => string); desktop?: DesktopFiles | null };
  timeouts?: {
    /** How long a request waits for its ack (default 10 s). */
    ackMs?: number;
    /** How long a "typing" indicator shows without renewal (default 6 s). */
    typingMs?: number;
  };
}

export interface ChatCore {
  /** What hosts hand to `dispatchIpc`. */
  api: IpcHandlers;
  /** Hosts forward these events to their renderer(s); returns an unsubscribe function. */
  subscribe(sink: EventSink): () => void;
  /** Files for the renderer by blob UUID, for the host's media route / protocol handler. */
  media: { serve(request: MediaRequest): Promise<MediaReply> };
  /**
   * Calls on this device (issue 6), for the host: the Electron permission handler grants `media` (camera,
   * microphone) only while `calls.state().active`, and can follow `calls.onChange`.
   */
  calls: CallActivity;
  /** Restores the saved session: opens the local store (history is served at once) and connects in the background. */
  start(): Promise<void>;
  /** Disconnects and closes the store, keeping the session for the next start. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_ACK_MS = 10_000;

/** The composition root of the Electron-free client core. */
export function createChatCore(deps: ChatCoreDeps): ChatCore {
  const events = new EventHub(deps.logger);
  const calls = new CallActivityTracker();
  events.subscribe(calls.sink);
  const sessions = new SessionManager({
    dataDir: deps.dataDir,
    defaultServerUrl: deps.defaultServerUrl,
    platform: deps.platform,
    logger: deps.logger,
    now: deps.now ?? Date.now,
    connect: deps.connect,
    fetch: deps.fetch ?? globalThis.fetch,
    ackTimeoutMs: deps.timeouts?.ackMs ?? DEFAULT_ACK_MS,
    typingShowMs: deps.timeouts?.typingMs ?? TYPING_SHOW_MS,
    emit: events.emit,
    desktop: deps.media?.desktop ?? null,
  });
  const mediaBaseUrl = deps.media?.mediaBaseUrl ?? '';
  const api = createRendererApi({
    sessions,
    appInfo: {
      version: deps.appVersion,
      defaultServerUrl: deps.defaultServerUrl,
      host: deps.host,
      // A getter: the web host knows its address only once it listens, after the core exists.
      get mediaBaseUrl() {
        return typeof mediaBaseUrl === 'function' ? mediaBaseUrl() : mediaBaseUrl;
      },
      canOpenFiles: Boolean(deps.media?.desktop),
    },
  });
  return {
    api,
    subscribe: (sink) => events.subscribe(sink),
    media: {
      serve: async (request) => {
        let account;
        try {
          account = sessions.requireAccount();
        } catch {
          return replyWithStatus(401, 'Signed out');
        }
        return account.media.serve(request);
      },
    },
    calls,
    start: () => sessions.restore(),
    stop: async () => {
      await sessions.stop();
      calls.reset();
    },
  };
}
