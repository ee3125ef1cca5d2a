import { type Clock } from '../clock';
import { type Logger } from '../logger';
import { type AppSocket } from './types';

interface Entry {
  /** Unix seconds; the UserSig is valid through this second. */
  expiresAt: number;
  socket: AppSocket;
  live: boolean;
}

/**
 * Closes each socket once its UserSig has expired, as Tencent's SDK signs out
 * on onUserSigExpired. A timer per socket would cost memory on every idle
 * connection; instead one interval looks at the sockets ordered by expiry (a
 * min-heap), so a tick with nothing due is O(1). Sockets that leave earlier
 * are only marked dead and dropped when they come up, or when dead entries
 * outnumber live ones (then the heap is rebuilt), so memory stays within twice
 * the connected sockets.
 *
 * The socket is closed without a push: the client reconnects with the same
 * UserSig and is refused `usersig_expired`, which tells it exactly why.
 */
export class SessionExpiry {
  private heap: Entry[] = [];
  private readonly bySocket = new Map<string, Entry>();
  private dead = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Watches a connected socket whose UserSig is valid through `socket.data.expiresAt`. */
  track(socket: AppSocket): void {
    const entry: Entry = { expiresAt: socket.data.expiresAt, socket, live: true };
    this.bySocket.set(socket.id, entry);
    this.push(entry);
  }

  untrack(socket: AppSocket): void {
    const entry = this.bySocket.get(socket.id);
    if (!entry) return;
    this.bySocket.delete(socket.id);
    entry.live = false;
    this.dead += 1;
    if (this.dead > 1024 && this.dead > this.bySocket.size) this.rebuild();
  }

  /** Closes every socket whose UserSig expired before the current second. */
  sweep(): void {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    let top = this.heap[0];
    while (top && top.expiresAt < nowSeconds) {
      this.pop();
      if (top.live) {
        this.bySocket.delete(top.socket.id);
        top.live = false;
        this.log.debug({ userId: top.socket.data.userId }, 'UserSig expired; closing the socket');
        top.socket.disconnect(true);
      } else {
        this.dead -= 1;
      }
      top = this.heap[0];
    }
  }

  private rebuild(): void {
    this.heap = [];
    this.dead = 0;
    for (const entry of this.bySocket.values()) this.push(entry);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.expiresAt <= entry.expiresAt) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.expiresAt < heap[left]!.expiresAt ? right : left;
      if (heap[child]!.expiresAt >= last.expiresAt) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}
