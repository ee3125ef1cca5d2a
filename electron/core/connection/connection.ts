import { io } from 'socket.io-client';
import { AppError, ERRORS, type ErrorCode } from '../../../shared/errors';
import type { ConnectionState } from '../../../shared/domain';
import {
  pushSchemas,
  type HandshakeAuth,
  type KickReason,
  type PushName,
  type PushPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from '../../../shared/protocol';
import type { CoreLogger } from '../logger';
import { Emitter } from '../util/emitter';
import { Backoff } from './backoff';
import { classifyConnectError } from './classifyConnectError';
import { parseAck } from './parseAck';
import type { ChatSocket, SocketFactory } from './types';

export interface ConnectionOptions {
  url: string;
  /** Read on every connection attempt, so a refreshed credential is used at once. */
  auth: () => HandshakeAuth;
  logger: CoreLogger;
  connect?: SocketFactory;
  ackTimeoutMs: number;
  connectTimeoutMs?: number;
  backoff?: Backoff;
}

/** A refusal that retrying cannot fix; the session ends with `message` as the reason. */
export interface ConnectionRefusal {
  code: ErrorCode;
  message: string;
}

type PushEvents = { [N in PushName]: [PushPayload<N>] };

export interface ConnectionEvents extends Record<string, unknown[]> {
  state: [ConnectionState];
  /** The handshake succeeded (first connect and every reconnect). */
  connected: [];
  disconnected: [reason: string];
  refused: [ConnectionRefusal];
}

export interface Connection {
  readonly state: ConnectionState;
  isOnline(): boolean;
  /** Starts connecting, and keeps reconnecting with backoff until close() or a refusal. */
  open(): void;
  /** Disconnects for good; pending requests fail with `offline`. */
  close(): void;
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  on<E extends keyof ConnectionEvents>(event: E, listener: (...args: ConnectionEvents[E]) => void): () => void;
  onPush<N extends PushName>(name: N, listener: (payload: PushPayload<N>) => void): () => void;
}

/** The part of a socket `request` needs; the typed socket's emitWithAck cannot be called with a generic event name. */
type AckEmitter = { emitWithAck(event: string, input: unknown): Promise<unknown> };

/**
 * The socket.io-client connection of one signed-in account: handshake auth, typed
 * requests with ack timeouts, validated pushes and a connection state machine.
 *
 * Reconnection is ours rather than the Manager's: socket.io does not retry after a
 * handshake refusal, and its Manager does not say how long until the next attempt,
 * which the renderer shows ("retrying in 4 s").
 */
export function createConnection(options: ConnectionOptions): Connection {
  const { logger } = options;
  const backoff = options.backoff ?? new Backoff();
  const events = new Emitter<ConnectionEvents>((error, event) => logger.error({ err: error, event }, 'connection listener failed'));
  const pushes = new Emitter<PushEvents>((error, event) => logger.error({ err: error, event }, 'push listener failed'));
  let state: ConnectionState = { status: 'offline', retryInMs: null };
  let socket: ChatSocket | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  function setState(next: ConnectionState): void {
    if (next.status === state.status && next.retryInMs === state.retryInMs) return;
    state = next;
    events.emit('state', state);
  }

  function attempt(): void {
    retryTimer = null;
    if (stopped || !socket) return;
    setState({ status: 'connecting', retryInMs: null });
    socket.connect();
  }

  function scheduleRetry(): void {
    if (stopped || retryTimer) return;
    const delay = backoff.next();
    setState({ status: 'offline', retryInMs: delay });
    retryTimer = setTimeout(attempt, delay);
  }

  function refuse(refusal: ConnectionRefusal): void {
    if (stopped) return;
    logger.warn({ code: refusal.code }, 'the server refused this session; not reconnecting');
    shutDown();
    events.emit('refused', refusal);
  }

  function shutDown(): void {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    socket?.disconnect();
    setState({ status: 'offline', retryInMs: null });
  }

  function createSocket(): ChatSocket {
    const connect = options.connect ?? ((url, opts) => io(url, opts) as ChatSocket);
    const created = connect(options.url, {
      autoConnect: false,
      reconnection: false,
      // Each account gets its own Manager: io() would otherwise share one per URL across cores in a process.
      forceNew: true,
      transports: ['websocket'],
      timeout: options.connectTimeoutMs ?? 10_000,
      auth: (cb) => cb(options.auth()),
    });
    created.on('connect', () => {
      backoff.reset();
      setState({ status: 'online', retryInMs: null });
      events.emit('connected');
    });
    created.on('connect_error', (error) => {
      const failure = classifyConnectError(error);
      if (failure.kind === 'signOut') return refuse({ code: failure.code, message: failure.message });
      logger.debug({ reason: failure.message }, 'connection attempt failed');
      scheduleRetry();
    });
    created.on('disconnect', (reason) => {
      logger.info({ reason }, 'disconnected');
      events.emit('disconnected', reason);
      if (reason === 'io client disconnect') return;
      scheduleRetry();
    });
    for (const name of Object.keys(pushSchemas) as PushName[]) {
      created.on(name, (payload: unknown) => receivePush(name, payload));
    }
    return created;
  }

  function receivePush(name: PushName, payload: unknown): void {
    const parsed = pushSchemas[name].safeParse(payload);
    if (!parsed.success) {
      logger.warn({ push: name, issue: parsed.error.issues[0]?.message }, 'dropped an invalid push from the server');
      return;
    }
    if (name === 'session:kicked') {
      const code = kickedErrorCode((parsed.data as PushPayload<'session:kicked'>).code);
      refuse({ code, message: ERRORS[code].message });
      return;
    }
    // The payload was parsed with the schema of `name`, so it has that push's type.
    (pushes.emit as (event: PushName, payload: unknown) => void)(name, parsed.data);
  }

  return {
    get state() {
      return state;
    },
    isOnline: () => !stopped && socket?.connected === true,
    open() {
      if (stopped || socket) return;
      socket = createSocket();
      attempt();
    },
    close() {
      if (stopped) return;
      shutDown();
      events.clear();
      pushes.clear();
    },
    async request(name, input) {
      const current = socket;
      if (stopped || !current?.connected) throw new AppError('offline');
      let reply: unknown;
      try {
        reply = await (current.timeout(options.ackTimeoutMs) as unknown as AckEmitter).emitWithAck(name, input);
      } catch {
        // socket.io rejects both when the ack timer fires and when the socket drops first.
        if (!current.connected) throw new AppError('offline', 'The connection dropped before the server answered.');
        throw new AppError('timeout');
      }
      return parseAck(name, reply);
    },
    on: (event, listener) => events.on(event, listener),
    onPush: (name, listener) => pushes.on(name, listener as (payload: PushEvents[typeof name][0]) => void),
  };
}

/** A5: the server's kick reason as the code the person is shown (Session.reason); unknown or absent → `kicked`. */
export function kickedErrorCode(reason: KickReason | undefined): ErrorCode {
  switch (reason) {
    case 'another_device':
      return 'kicked_another_device';
    case 'signed_out_elsewhere':
      return 'kicked_elsewhere';
    case 'admin_kick':
      return 'kicked_by_admin';
    case 'usersig_revoked':
      return 'usersig_revoked';
    case 'account_deleted':
      return 'account_not_found';
    default:
      return 'kicked';
  }
}
