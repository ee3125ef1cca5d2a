import type { ConnectionState } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PushName, PushPayload, RequestInput, RequestName, RequestOutput } from '../../../shared/protocol';
import type { Connection, ConnectionEvents } from '../connection/connection';
import { Emitter } from '../util/emitter';
import type { FakeServer } from './fakeServer';

type PushEvents = { [N in PushName]: [PushPayload<N>] };

/**
 * A Connection without a socket: requests go straight to a FakeServer's handlers.
 * Tests flip it online/offline, push events, and can hold or fail requests.
 */
export class FakeConnection implements Connection {
  state: ConnectionState = { status: 'offline', retryInMs: null };
  readonly sent: Array<{ name: RequestName; input: unknown }> = [];
  /** Return a value to answer instead of the server, throw to fail, or return undefined to pass through. */
  intercept: (name: RequestName, input: unknown) => Promise<unknown> | undefined = () => undefined;
  private online = false;
  /** Like socket.io, a drop fails every request still waiting for its ack. */
  private readonly inFlight = new Set<(error: AppError) => void>();
  private readonly events = new Emitter<ConnectionEvents>();
  private readonly pushes = new Emitter<PushEvents>();

  constructor(private readonly server: FakeServer) {}

  isOnline(): boolean {
    return this.online;
  }

  open(): void {}

  close(): void {
    this.goOffline();
  }

  goOnline(): void {
    this.online = true;
    this.state = { status: 'online', retryInMs: null };
    this.events.emit('state', this.state);
    this.events.emit('connected');
  }

  goOffline(): void {
    if (!this.online) return;
    this.online = false;
    for (const reject of this.inFlight) reject(new AppError('offline'));
    this.inFlight.clear();
    this.state = { status: 'offline', retryInMs: 500 };
    this.events.emit('state', this.state);
    this.events.emit('disconnected', 'transport close');
  }

  push<N extends PushName>(name: N, payload: PushPayload<N>): void {
    (this.pushes.emit as (event: PushName, payload: unknown) => void)(name, payload);
  }

  refuse(code: 'usersig_expired' | 'kicked', message: string): void {
    this.online = false;
    this.events.emit('refused', { code, message });
  }

  async request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
    if (!this.online) throw new AppError('offline');
    this.sent.push({ name, input });
    await Promise.resolve();
    const handler = this.server.handlers[name] as ((input: RequestInput<N>) => RequestOutput<N> | Promise<RequestOutput<N>>) | undefined;
    const answer = (this.intercept(name, input) as Promise<RequestOutput<N>> | undefined) ??
      Promise.resolve().then(() => {
        if (!handler) throw new AppError('internal', `The fake server does not handle ${name}.`);
        return handler(input);
      });
    let reject: (error: AppError) => void = () => {};
    const dropped = new Promise<never>((_, r) => {
      reject = r;
    });
    this.inFlight.add(reject);
    try {
      return await Promise.race([answer, dropped]);
    } finally {
      this.inFlight.delete(reject);
    }
  }

  on<E extends keyof ConnectionEvents>(event: E, listener: (...args: ConnectionEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  onPush<N extends PushName>(name: N, listener: (payload: PushPayload<N>) => void): () => void {
    return this.pushes.on(name, listener as (...args: PushEvents[N]) => void);
  }
}
