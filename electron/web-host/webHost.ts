import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { EventSink, IpcHandlers } from '../../shared/ipc';
import type { MediaReply, MediaRequest } from '../core';
import { newAccessToken } from './accessToken';
import { attachBridgeServer, type BridgeServer } from './bridgeServer';
import { createMediaRoute, mediaBaseUrl } from './mediaRoute';
import { securityHeaders } from './securityHeaders';
import { createStaticHandler, reply } from './staticFiles';

/** Loopback only: the page and its token must never be reachable from another machine. */
export const WEB_HOST_ADDRESS = '127.0.0.1';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'out/renderer');

/** The part of electron/core's ChatCore the web host relies on. */
export interface HostedCore {
  api: IpcHandlers;
  subscribe(sink: EventSink): (() => void) | void;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  /** Files for the page (`app:info.mediaBaseUrl`); the real core has it. */
  media?: { serve(request: MediaRequest): Promise<MediaReply> };
}

export interface HostedCoreDeps {
  dataDir: string;
  defaultServerUrl: string;
  host: 'web';
  appVersion: string;
  platform: 'Web';
  logger: Logger;
  /** Known once the host listens: `<origin>/media/<token>/`. */
  media: { mediaBaseUrl: () => string };
}

export type CoreFactory = (deps: HostedCoreDeps) => HostedCore;

export interface WebHostOptions {
  serverUrl: string;
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  rendererDir?: string;
  logger: Logger;
  appVersion?: string;
  /** Tests pass a fake; by default the real electron/core. */
  createCore?: CoreFactory;
}

export interface WebHost {
  /** What the person opens: the host's origin with this launch's token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export class RendererMissingError extends Error {
  constructor(dir: string) {
    super(`The renderer bundle is missing (${join(dir, 'index.html')}). Run \`npm run build\` first.`);
    this.name = 'RendererMissingError';
  }
}

/**
 * Runs one person's chat core and serves the renderer to their browser,
 * carrying the IPC contract over a token- and origin-checked WebSocket.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!existsSync(join(rendererDir, 'index.html'))) throw new RendererMissingError(rendererDir);
  mkdirSync(options.dataDir, { recursive: true });
  const logger = options.logger;

  const createCore = options.createCore ?? (await loadRealCoreFactory());
  const token = newAccessToken();
  let origin = '';
  const core = createCore({
    dataDir: options.dataDir,
    defaultServerUrl: options.serverUrl,
    host: 'web',
    appVersion: options.appVersion ?? readAppVersion(),
    platform: 'Web',
    logger,
    media: { mediaBaseUrl: () => mediaBaseUrl(origin, token) },
  });

  // Events may start flowing during start(); they go nowhere until the bridge exists.
  let bridge: BridgeServer | null = null;
  const unsubscribe = core.subscribe((event, payload) => bridge?.broadcast(event, payload));
  await core.start();

  let handleStatic: ReturnType<typeof createStaticHandler> | null = null;
  let handleMedia: ReturnType<typeof createMediaRoute> | null = null;
  const httpServer = createServer((req, res) => {
    if (!handleStatic) return reply(res, 503, {}, 'Starting');
    // A page on another name resolving to 127.0.0.1 (DNS rebinding) is not this host's page.
    if (`http://${req.headers.host ?? ''}` !== origin) return reply(res, 421, {}, 'Wrong host');
    const serveStatic = handleStatic;
    void (async () => {
      try {
        if (handleMedia && (await handleMedia(req, res))) return;
      } catch (error) {
        logger.error({ err: error }, 'a media request failed');
        if (!res.headersSent) reply(res, 500, {}, 'Internal error');
        else res.destroy();
        return;
      }
      await serveStatic(req, res);
    })();
  });

  let port: number;
  try {
    port = await listen(httpServer, options.port);
  } catch (error) {
    await stopQuietly(core, logger);
    throw error;
  }
  origin = `http://${WEB_HOST_ADDRESS}:${port}`;
  handleStatic = createStaticHandler(rendererDir, securityHeaders(origin));
  const media = core.media;
  handleMedia = createMediaRoute({ origin, token, serve: media ? (request) => media.serve(request) : null });
  bridge = attachBridgeServer({
    httpServer,
    origin,
    token,
    handlers: core.api,
    logger,
  });

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close() {
      closing ??= (async () => {
        await bridge?.close();
        await new Promise<void>((done) => {
          httpServer.close(() => done());
          httpServer.closeAllConnections();
        });
        if (typeof unsubscribe === 'function') unsubscribe();
        await stopQuietly(core, logger);
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, WEB_HOST_ADDRESS, () => {
      server.off('error', reject);
      const address = server.address();
      if (address && typeof address === 'object') resolvePort(address.port);
      else reject(new Error('The web host has no TCP address.'));
    });
  });
}

async function stopQuietly(core: HostedCore, logger: Logger): Promise<void> {
  try {
    await core.stop();
  } catch (error) {
    logger.error({ err: error }, 'the chat core failed to stop cleanly');
  }
}

async function loadRealCoreFactory(): Promise<CoreFactory> {
  const { createChatCore } = await import('../core');
  return createChatCore;
}

function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
