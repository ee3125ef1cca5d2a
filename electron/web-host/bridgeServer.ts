import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { STAGE_CHUNK_BYTES, type EventChannel, type IpcHandlers } from '../../shared/ipc';
import { dispatchIpc } from '../../shared/ipc/dispatch';
import { tokensMatch } from './accessToken';
import { parseRequestFrame, type EventFrame, type ReplyFrame } from './frames';

export const BRIDGE_PATH = '/bridge';
/**
 * The largest request is a file chunk (`files:stageChunk`): STAGE_CHUNK_BYTES of base64
 * (4/3 of it) plus the envelope. Anything larger is not a real request.
 */
export const MAX_FRAME_BYTES = Math.ceil((STAGE_CHUNK_BYTES * 4) / 3) + 64 * 1024;

export interface BridgeServerOptions {
  httpServer: Server;
  /** The only origin whose pages may connect, e.g. `http://127.0.0.1:5123`. */
  origin: string;
  token: string;
  handlers: IpcHandlers;
  logger: Logger;
}

export interface BridgeServer {
  /** Sends a core event to every connected tab. */
  broadcast(event: EventChannel, payload: unknown): void;
  clientCount(): number;
  close(): Promise<void>;
}

/**
 * Carries the IPC contract over a WebSocket. Browsers let any page open a
 * WebSocket to any host, so a connection is accepted only when it presents
 * this launch's token AND comes from a page of this host's own origin.
 */
export function attachBridgeServer(options: BridgeServerOptions): BridgeServer {
  const { httpServer, origin, token, handlers, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = refusalFor(req, origin, token);
    if (refusal) {
      logger.warn({ reason: refusal.reason, origin: req.headers.origin ?? null }, 'web host refused a bridge connection');
      socket.end(`HTTP/1.1 ${refusal.status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  httpServer.on('upgrade', onUpgrade);

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      // One bad frame or failing send must never take the host down.
      handleFrame(ws, data, isBinary).catch((error: unknown) => logger.error({ err: error }, 'bridge frame failed'));
    });
    ws.on('error', (error) => logger.warn({ err: error }, 'bridge socket error'));
  });

  async function handleFrame(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const frame = isBinary ? null : parseRequestFrame(rawText(data));
    if (!frame) {
      logger.warn('web host ignored a malformed bridge frame');
      return;
    }
    const result = await dispatchIpc(handlers, frame.channel, frame.input, (error, channel) =>
      logger.error({ err: error, channel }, 'IPC handler failed unexpectedly'),
    );
    const reply: ReplyFrame = { id: frame.id, result };
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(reply));
  }

  return {
    broadcast(event, payload) {
      const frame: EventFrame = { event, payload };
      const text = JSON.stringify(frame);
      for (const client of wss.clients) {
        if (client.readyState === WebSocket.OPEN) client.send(text);
      }
    },
    clientCount: () => wss.clients.size,
    close() {
      httpServer.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'Web host shutting down');
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function refusalFor(req: IncomingMessage, origin: string, token: string): { status: string; reason: string } | null {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname !== BRIDGE_PATH) return { status: '404 Not Found', reason: 'path' };
  if (req.headers.origin !== origin) return { status: '403 Forbidden', reason: 'origin' };
  if (!tokensMatch(token, url.searchParams.get('token'))) return { status: '401 Unauthorized', reason: 'token' };
  return null;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
