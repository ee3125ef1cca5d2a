import { type Socket, io } from 'socket.io-client';
import {
  type Ack,
  type ClientToServerEvents,
  type HandshakeAuth,
  type PushName,
  type PushPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type ServerToClientEvents,
  PROTOCOL_VERSION,
} from '../../../shared/protocol';
import { type TestServer, mintTestUserSig } from './testServer';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens a socket.io client with the given auth; resolves on connect, rejects with the connect_error. */
export function openSocket(url: string, auth: Partial<HandshakeAuth> | Record<string, unknown>): Promise<TestSocket> {
  const socket: TestSocket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** A connected, authenticated client for `userId` (a UserSig is minted unless given). */
export function connectTestClient(
  server: Pick<TestServer, 'url' | 'sdkAppId' | 'secretKey'>,
  userId: string,
  options: { userSig?: string; platform?: HandshakeAuth['platform'] } = {},
): Promise<TestSocket> {
  return openSocket(server.url, {
    protocolVersion: PROTOCOL_VERSION,
    sdkAppId: server.sdkAppId,
    userId,
    userSig: options.userSig ?? mintTestUserSig(server, userId),
    platform: options.platform ?? 'Linux',
  });
}

/** Sends a request and resolves with its Ack envelope (rejects on a 5 s timeout). */
export function request<N extends RequestName>(socket: TestSocket, name: N, input: RequestInput<N>): Promise<Ack<RequestOutput<N>>> {
  const timed = socket.timeout(5000);
  const emit = timed.emitWithAck as (event: string, input: unknown) => Promise<Ack<RequestOutput<N>>>;
  return emit.call(timed, name, input);
}

/** Like {@link request}, but returns the data and throws on an error ack. */
export async function call<N extends RequestName>(socket: TestSocket, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const reply = await request(socket, name, input);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.data;
}

/** Collects every push of one kind a socket receives, for assertions. */
export function collect<N extends PushName>(socket: TestSocket, name: N): Array<PushPayload<N>> {
  const received: Array<PushPayload<N>> = [];
  (socket.on as (event: string, listener: (payload: PushPayload<N>) => void) => void)(name, (payload) => received.push(payload));
  return received;
}

/** Resolves with the next push of one kind (rejects after `timeoutMs`). */
export function nextPush<N extends PushName>(socket: TestSocket, name: N, timeoutMs = 5000): Promise<PushPayload<N>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No ${name} within ${timeoutMs} ms`)), timeoutMs);
    (socket.once as (event: string, listener: (payload: PushPayload<N>) => void) => void)(name, (payload) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Waits until `check` holds, polling (for effects that arrive asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Gives in-flight pushes a moment to arrive, so tests can assert that something did NOT arrive. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
