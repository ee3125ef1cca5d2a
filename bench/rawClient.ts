import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../shared/protocol';

/**
 * A minimal socket.io v4 client over a bare WebSocket, for load generation only:
 * socket.io-client's per-packet work would make the generator, not the server,
 * the bottleneck on a two-core machine. Speaks just what the benchmark needs:
 * the engine.io open/ping, the namespace CONNECT with auth, EVENT with an ack id,
 * and incoming EVENT/ACK packets.
 */
export class RawClient {
  private nextAckId = 0;
  private readonly acks = new Map<number, (reply: unknown) => void>();
  private readonly listeners = new Map<string, (payload: unknown) => void>();
  private rawListener: ((text: string) => boolean) | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onPacket(data.toString()));
  }

  static connect(url: string, auth: Record<string, unknown>): Promise<RawClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('error', reject);
      const onOpenPacket = (data: Buffer) => {
        const text = data.toString();
        if (text.startsWith('0')) ws.send(`40${JSON.stringify({ ...auth, protocolVersion: PROTOCOL_VERSION })}`);
        else if (text.startsWith('40')) {
          ws.off('message', onOpenPacket);
          resolve(client);
        } else if (text.startsWith('44')) reject(new Error(`refused: ${text}`));
      };
      ws.on('message', onOpenPacket);
    });
  }

  on(event: string, listener: (payload: unknown) => void): void {
    this.listeners.set(event, listener);
  }

  /**
   * Sees every EVENT packet's text before it is parsed; returning true consumes it. Thousands of simulated
   * members parsing every push would make the generator, not the server, what a fan-out benchmark measures.
   */
  onRaw(listener: (text: string) => boolean): void {
    this.rawListener = listener;
  }

  emitWithAck(event: string, payload: unknown): Promise<unknown> {
    const id = this.nextAckId++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.close();
  }

  private onPacket(text: string): void {
    if (text === '2') {
      this.ws.send('3');
      return;
    }
    if (text.startsWith('43')) {
      const bracket = text.indexOf('[');
      const id = Number(text.slice(2, bracket));
      const resolve = this.acks.get(id);
      this.acks.delete(id);
      resolve?.((JSON.parse(text.slice(bracket)) as unknown[])[0]);
      return;
    }
    if (text.startsWith('42[')) {
      if (this.rawListener?.(text)) return;
      const [event, payload] = JSON.parse(text.slice(2)) as [string, unknown];
      this.listeners.get(event)?.(payload);
    }
  }
}
