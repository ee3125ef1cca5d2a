import { type Logger } from '../logger';
import { type AppSocket } from './types';

/**
 * The parts of engine.io and ws this relies on. They are not public API, so
 * every access is guarded: if a future version changes them, holding simply
 * does nothing and packets go out one write at a time as before.
 */
interface RawSocket {
  cork(): void;
  uncork(): void;
}
interface EngineTransport {
  name: string;
  writable: boolean;
  socket?: { _socket?: RawSocket };
}
interface EngineConnection {
  readyState: string;
  transport: EngineTransport;
  flush(): void;
}

function engineOf(socket: AppSocket): EngineConnection | null {
  const conn = socket.conn as unknown as Partial<EngineConnection>;
  const transport = conn.transport;
  if (typeof conn.flush !== 'function' || !transport || transport.name !== 'websocket') return null;
  return conn as EngineConnection;
}

/**
 * Coalesces the frames one event-loop turn sends to a socket into a single
 * write. A group commit acks hundreds of sends at once, and a socket typically
 * gets its own acks plus pushes from others in the same turn; written one by
 * one, each frame costs a writev system call, the largest single cost of a
 * send. Holding a socket makes engine.io queue its packets (its transport
 * reads as busy) until the turn ends; then they are flushed under a cork,
 * so the kernel sees one write.
 */
export class WriteCoalescer {
  private held = new Set<EngineConnection>();
  private scheduled = false;

  constructor(private readonly log?: Logger) {}

  /** Call before sending to `socket`; its packets go out together when this turn ends. */
  hold(socket: AppSocket): void {
    const conn = engineOf(socket);
    // A transport already busy is batching on its own; leave it alone.
    if (!conn || !conn.transport.writable || this.held.has(conn)) return;
    conn.transport.writable = false;
    this.held.add(conn);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.release());
    }
  }

  private release(): void {
    this.scheduled = false;
    const held = this.held;
    this.held = new Set();
    // Each connection on its own: one that throws must not leave the others muted (writable = false)
    // until their ping timeout.
    for (const conn of held) {
      try {
        this.flush(conn);
      } catch (error) {
        this.log?.warn({ err: error }, 'flushing a held connection failed');
      }
    }
  }

  private flush(conn: EngineConnection): void {
    conn.transport.writable = true;
    const raw = conn.transport.socket?._socket;
    const corkable = raw && typeof raw.cork === 'function' && typeof raw.uncork === 'function';
    if (corkable) raw.cork();
    try {
      if (conn.readyState !== 'closed') conn.flush();
    } finally {
      if (corkable) raw.uncork();
    }
  }
}
