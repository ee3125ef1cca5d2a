import {
  type Ack,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  requestSchemas,
} from '../../../shared/protocol';
import { AppError } from '../../../shared/errors';
import { type Clock, systemClock } from '../clock';
import { badRequestFrom, toAckError } from '../errors';
import { type Logger } from '../logger';
import { DEFAULT_REQUEST_LIMITS, RequestBudget, type RequestLimits } from './requestBudget';
import { type AppSocket } from './types';
import { type WriteCoalescer } from './writeCoalescer';

/** What a handler gets besides its parsed input; the socket is passed explicitly, never through `this`. */
export interface HandlerContext {
  socket: AppSocket;
  /** The authenticated UserID (from the handshake). */
  userId: string;
  log: Logger;
}

export interface Handler<N extends RequestName> {
  readonly name: N;
  run(context: HandlerContext, input: RequestInput<N>): Promise<RequestOutput<N>>;
}

export type AnyHandler = { [N in RequestName]: Handler<N> }[RequestName];

/**
 * Declares the handler for one request of shared/protocol. The input is parsed
 * with that request's schema before `run` sees it; whatever happens, the
 * caller gets exactly one Ack envelope.
 */
export function defineHandler<N extends RequestName>(name: N, run: Handler<N>['run']): Handler<N> {
  return { name, run };
}

type AckFn = (reply: Ack<unknown>) => void;

async function dispatch<N extends RequestName>(handler: Handler<N>, context: HandlerContext, input: unknown): Promise<Ack<RequestOutput<N>>> {
  const parsed = requestSchemas[handler.name].input.safeParse(input);
  if (!parsed.success) return { ok: false, error: badRequestFrom(parsed.error).toShape() };
  try {
    return { ok: true, data: await handler.run(context, parsed.data as RequestInput<N>) };
  } catch (error) {
    return { ok: false, error: toAckError(error, context.log, { event: handler.name, userId: context.userId }) };
  }
}

/** socket.io calls catch-all listeners with the socket as `this`; the dispatcher hands it on explicitly. */
export type SocketListener = (this: AppSocket, event: string, ...args: unknown[]) => void;

export interface DispatcherOptions {
  coalescer?: WriteCoalescer;
  limits?: RequestLimits;
  clock?: Clock;
}

const OVER_BUDGET: Ack<never> = {
  ok: false,
  error: new AppError('rate_limited', 'Too many requests on this connection; slow down and retry in a moment.').toShape(),
};

/**
 * One catch-all listener shared by every socket (rather than a closure per
 * request per socket, which would cost memory on every idle connection).
 * Clients may send anything: a missing ack callback, extra arguments or a
 * non-object payload are tolerated (the request still runs and is answered
 * if it can be); events nobody handles are ignored. A connection over its
 * request budget is answered `rate_limited` without the request running.
 */
export function createDispatcher(handlers: readonly AnyHandler[], log: Logger, options: DispatcherOptions = {}): SocketListener {
  const { coalescer, limits = DEFAULT_REQUEST_LIMITS, clock = systemClock } = options;
  const byName = new Map<string, Handler<RequestName>>(handlers.map((h) => [h.name, h as Handler<RequestName>]));
  return function onEvent(this: AppSocket, event, ...args) {
    const handler = typeof event === 'string' ? byName.get(event) : undefined;
    if (!handler) return;
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as AckFn) : null;
    const input = ack && args.length === 1 ? undefined : args[0];
    const budget = (this.data.budget ??= new RequestBudget(limits, clock));
    const context: HandlerContext = { socket: this, userId: this.data.userId, log };
    const replying = budget.take(handler.name) ? dispatch(handler, context, input) : Promise.resolve(OVER_BUDGET);
    void replying.then((reply) => {
      if (!ack) return;
      coalescer?.hold(this);
      try {
        ack(reply);
      } catch (error) {
        log.warn({ err: error, event: handler.name }, 'ack failed');
      }
    });
  };
}
