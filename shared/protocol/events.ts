import type { ErrorShape } from '../errors';
import type { PushName, PushPayload, RequestInput, RequestName, RequestOutput } from './payloads';

/** The one acknowledgement envelope every request gets. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorShape };

/** socket.io event map, client → server. */
export type ClientToServerEvents = {
  [N in RequestName]: (input: RequestInput<N>, ack: (reply: Ack<RequestOutput<N>>) => void) => void;
};

/** socket.io event map, server → client. */
export type ServerToClientEvents = {
  [N in PushName]: (payload: PushPayload<N>) => void;
};
