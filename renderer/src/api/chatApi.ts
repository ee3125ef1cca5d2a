import type { ChatBridge } from '../../../shared/ipc';

/**
 * Whether the page can reach its host. In Electron the preload is always
 * there; in a browser the WebSocket to the web host can drop (the host was
 * stopped or restarted).
 */
export type HostLink = 'connecting' | 'open' | 'lost';

/** Everything the rest of the renderer knows about the outside world. */
export interface ChatApi extends ChatBridge {
  onHostLinkChanged(listener: (link: HostLink) => void): () => void;
}

export function apiFromPreload(bridge: ChatBridge): ChatApi {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input),
    on: (event, listener) => bridge.on(event, listener),
    onHostLinkChanged(listener) {
      listener('open');
      return () => undefined;
    },
  };
}
