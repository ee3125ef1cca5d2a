import type { EventSink, IpcHandlers } from '../../shared/ipc';
import type { Platform } from '../../shared/protocol';
import type { SocketFactory } from './connection/types';
import { EventHub } from './events';
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
  /** `app:info` media fields (set by the media module's host wiring); default: none, files cannot be opened. */
  media?: { mediaBaseUrl: string; canOpenFiles: boolean };
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
  /** Restores the saved session: opens the local store (history is served at once) and connects in the background. */
  start(): Promise<void>;
  /** Disconnects and closes the store, keeping the session for the next start. Safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_ACK_MS = 10_000;

/** The composition root of the Electron-free client core. */
export function createChatCore(deps: ChatCoreDeps): ChatCore {
  const events = new EventHub(deps.logger);
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
  });
  const api = createRendererApi({
    sessions,
    appInfo: {
      version: deps.appVersion,
      defaultServerUrl: deps.defaultServerUrl,
      host: deps.host,
      mediaBaseUrl: deps.media?.mediaBaseUrl ?? '',
      canOpenFiles: deps.media?.canOpenFiles ?? false,
    },
  });
  return {
    api,
    subscribe: (sink) => events.subscribe(sink),
    start: () => sessions.restore(),
    stop: () => sessions.stop(),
  };
}
