import { connect, createServer, type Server, type Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A loopback TCP proxy that slows what the client sends to `bytesPerSecond`, so a
 * test can act in the middle of an upload (stop the server, cancel) that loopback
 * would otherwise finish in a blink. The target may go away and come back on the
 * same port: each new client connection dials it afresh.
 *
 *   const proxy = await startThrottledProxy(targetPort, 10 * 1024 * 1024);
 *   proxy.url  → http://127.0.0.1:<port>
 *   proxy.setRate(n) / proxy.close()
 */
export interface ThrottledProxy {
  url: string;
  port: number;
  setRate(bytesPerSecond: number): void;
  /** Cuts every open connection, as a network drop would. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startThrottledProxy(targetPort: number, bytesPerSecond: number): Promise<ThrottledProxy> {
  let rate = bytesPerSecond;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(new Throttle(() => rate)).pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setRate(bytes) {
      rate = bytes;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Passes bytes on no faster than the rate, in slices of at most 64 KB. */
class Throttle extends Transform {
  /** When the link is free again (ms); idle time earns no burst. */
  private freeAt = 0;

  constructor(private readonly rate: () => number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    void this.pass(chunk).then(() => done(), done);
  }

  private async pass(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length; offset += 64 * 1024) {
      const slice = chunk.subarray(offset, offset + 64 * 1024);
      const now = Date.now();
      const wait = this.freeAt - now;
      this.freeAt = Math.max(now, this.freeAt) + (slice.length / this.rate()) * 1000;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.push(slice);
    }
  }
}
