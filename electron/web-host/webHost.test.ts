import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import { Readable } from 'node:stream';
import { buildCsp, type MediaReply, type MediaRequest } from '../core';
import { STAGE_CHUNK_BYTES, callsRequestSchemas, contactsRequestSchemas, groupsRequestSchemas, type EventSink, type IpcHandlers } from '../../shared/ipc';
import { RendererMissingError, startWebHost, type HostedCore, type WebHost } from './webHost';

const logger = pino({ level: 'silent' });

function fakeHandlers(): IpcHandlers {
  const refuse = async (): Promise<never> => {
    throw new AppError('not_found');
  };
  return {
    'app:info': async () => ({ version: '9.9.9', defaultServerUrl: 'http://127.0.0.1:1', host: 'web', mediaBaseUrl: '', canOpenFiles: false }),
    'session:get': async () => ({ state: 'signedOut', reason: null }),
    'connection:get': async () => ({ status: 'offline', retryInMs: null }),
    'session:register': refuse,
    'session:signIn': refuse,
    'session:signOut': refuse,
    'conversations:list': async () => [],
    'conversations:open': refuse,
    'conversations:openGroup': refuse,
    'messages:receiptMembers': refuse,
    'conversations:markRead': async () => ({}),
    'messages:page': async () => ({ messages: [], hasMore: false }),
    'messages:send': refuse,
    'messages:retry': refuse,
    'typing:notify': async () => ({}),
    'users:lookup': async ({ userId }) => (userId === 'bob' ? { userId: 'bob', nickname: 'Bob' } : null),
    'messages:around': refuse,
    'messages:sendFile': refuse,
    'messages:cancelUpload': refuse,
    'messages:recall': refuse,
    'messages:edit': refuse,
    'messages:react': refuse,
    'messages:deleteForMe': refuse,
    'messages:report': refuse,
    'messages:forward': refuse,
    'relay:open': refuse,
    'files:stageBegin': refuse,
    'files:stageChunk': refuse,
    'files:open': refuse,
    'files:showInFolder': refuse,
    'search:messages': refuse,
    'conversations:setSettings': refuse,
    'conversations:setDraft': refuse,
    'conversations:markAllRead': refuse,
    'conversations:clear': refuse,
    'conversations:delete': refuse,
    ...(Object.fromEntries(Object.keys(contactsRequestSchemas).map((channel) => [channel, refuse])) as unknown as Pick<IpcHandlers, keyof typeof contactsRequestSchemas>),
    ...(Object.fromEntries(Object.keys(groupsRequestSchemas).map((channel) => [channel, refuse])) as unknown as Pick<IpcHandlers, keyof typeof groupsRequestSchemas>),
    ...(Object.fromEntries(Object.keys(callsRequestSchemas).map((channel) => [channel, refuse])) as unknown as Pick<IpcHandlers, keyof typeof callsRequestSchemas>),
  };
}

class FakeCore implements HostedCore {
  api = fakeHandlers();
  sinks: EventSink[] = [];
  started = false;
  stopped = false;
  subscribe(sink: EventSink) {
    this.sinks.push(sink);
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
    };
  }
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
  emit: EventSink = (event, payload) => this.sinks.forEach((sink) => sink(event, payload));
  mediaBaseUrl: (() => string) | null = null;
  served: MediaRequest[] = [];
  media = {
    serve: async (request: MediaRequest): Promise<MediaReply> => {
      this.served.push(request);
      return {
        status: request.range ? 206 : 200,
        headers: { 'Content-Type': 'image/png', 'X-Content-Type-Options': 'nosniff' },
        body: Readable.from([Buffer.from(`file ${request.uuid}`)]),
      };
    },
  };
}

let rendererDir: string;
let dataDir: string;
let core: FakeCore;
let host: WebHost;

beforeEach(async () => {
  const root = mkdtempSync(join(tmpdir(), 'web-host-test-'));
  rendererDir = join(root, 'renderer');
  dataDir = join(root, 'data');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>chat</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  core = new FakeCore();
  host = await startWebHost({
    serverUrl: 'http://127.0.0.1:1',
    port: 0,
    dataDir,
    rendererDir,
    logger,
    createCore: (deps) => {
      core.mediaBaseUrl = deps.media.mediaBaseUrl;
      return core;
    },
  });
  return async () => {
    await host.close();
    rmSync(root, { recursive: true, force: true });
  };
});


function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function bridgeUrl(token: string | null = host.token) {
  return `ws://127.0.0.1:${host.port}/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Resolves with the HTTP status of a refused upgrade, or 101 once open. */
function connectStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

async function openBridge(): Promise<WebSocket> {
  const ws = new WebSocket(bridgeUrl(), { origin: host.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
}

describe('web host', () => {
  it('listens on loopback only and prints a URL carrying a fresh random token', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const other = await startWebHost({ serverUrl: 'http://127.0.0.1:1', port: 0, dataDir, rendererDir, logger, createCore: () => new FakeCore() });
    expect(other.token).not.toBe(host.token);
    await other.close();
    expect(core.started).toBe(true);
  });

  it('serves the renderer with a strict CSP and nosniff', async () => {
    const res = await get('/', { host: `127.0.0.1:${host.port}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>chat</title>');
    // The one policy both hosts build (electron/core/hosting/csp.ts), plus this host's bridge socket.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(buildCsp({ connectSrc: [`ws://127.0.0.1:${host.port}`] }));
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(csp).toContain("form-action 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const asset = await get('/assets/app-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c..%5csecret.txt', '/.hidden', '/%00'])(
    'never serves a file outside the bundle: %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('do not serve');
    },
  );

  it('M1 serves the core\'s files under the launch token to the page\'s own origin, Range and download passed on', async () => {
    const uuid = 'a'.repeat(64);
    expect(core.mediaBaseUrl?.()).toBe(`${host.origin}/media/${host.token}/`);
    const res = await get(`/media/${host.token}/${uuid}?download=${encodeURIComponent('发票.pdf')}`, { range: 'bytes=0-3' });
    expect(res.status).toBe(206);
    expect(res.body).toBe(`file ${uuid}`);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(core.served.at(-1)).toEqual({ uuid, method: 'GET', range: 'bytes=0-3', download: '发票.pdf' });
    const sameOrigin = await get(`/media/${host.token}/${uuid}`, { origin: host.origin, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses media without the token, with a wrong one, from another origin or site, and for another Host', async () => {
    const uuid = 'b'.repeat(64);
    expect((await get(`/media/${uuid}`)).status).toBe(401);
    expect((await get(`/media/${'x'.repeat(32)}/${uuid}`)).status).toBe(401);
    expect((await get(`/media/${host.token}/${uuid}/extra`)).status).toBe(401);
    expect((await get(`/media/${host.token}/${uuid}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/media/${host.token}/${uuid}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get(`/media/${host.token}/${uuid}`, { host: `evil.example:${host.port}` })).status).toBe(421);
    expect(core.served).toHaveLength(0);
  });

  it('refuses requests for another Host name (DNS rebinding)', async () => {
    const res = await get('/', { host: `evil.example:${host.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a bridge connection without the token or with a wrong one', async () => {
    expect(await connectStatus(bridgeUrl(null), host.origin)).toBe(401);
    expect(await connectStatus(bridgeUrl('x'.repeat(32)), host.origin)).toBe(401);
    expect(await connectStatus(bridgeUrl(host.token.slice(0, -1)), host.origin)).toBe(401);
    expect(await connectStatus(bridgeUrl(), host.origin)).toBe(101);
  });

  it('refuses a bridge connection from another origin even with the token', async () => {
    expect(await connectStatus(bridgeUrl(), 'http://evil.example')).toBe(403);
    expect(await connectStatus(bridgeUrl(), `http://localhost:${host.port}`)).toBe(403);
    expect(await connectStatus(bridgeUrl(), undefined)).toBe(403);
  });

  it('dispatches requests through the contract and answers with the envelope', async () => {
    const ws = await openBridge();
    ws.send(JSON.stringify({ id: 1, channel: 'users:lookup', input: { userId: 'bob' } }));
    expect(await nextFrame(ws)).toEqual({ id: 1, result: { ok: true, value: { userId: 'bob', nickname: 'Bob' } } });
    ws.send(JSON.stringify({ id: 'b', channel: 'users:lookup', input: { userId: 'not valid!' } }));
    expect(await nextFrame(ws)).toMatchObject({ id: 'b', result: { ok: false, error: { code: 'bad_request' } } });
    ws.send(JSON.stringify({ id: 2, channel: 'session:signIn', input: { serverUrl: 'http://x.test', userId: 'a', password: 'p' } }));
    expect(await nextFrame(ws)).toMatchObject({ id: 2, result: { ok: false, error: { code: 'not_found' } } });
    ws.send(JSON.stringify({ id: 3, channel: 'fs:readFile', input: {} }));
    expect(await nextFrame(ws)).toMatchObject({ id: 3, result: { ok: false, error: { code: 'bad_request', message: 'Unknown channel.' } } });
    ws.close();
  });

  it('M2 carries a full 1 MiB file chunk (base64) in one frame', async () => {
    let received = 0;
    core.api['files:stageChunk'] = async (input) => {
      received = Buffer.from(input.data, 'base64').length;
      return { received };
    };
    const ws = await openBridge();
    const data = Buffer.alloc(STAGE_CHUNK_BYTES, 7).toString('base64');
    ws.send(JSON.stringify({ id: 9, channel: 'files:stageChunk', input: { stageId: 's', offset: 0, data } }));
    expect(await nextFrame(ws)).toEqual({ id: 9, result: { ok: true, value: { received: STAGE_CHUNK_BYTES } } });
    expect(received).toBe(STAGE_CHUNK_BYTES);
    ws.close();
  });

  it('ignores malformed frames and keeps serving the connection', async () => {
    const ws = await openBridge();
    ws.send('not json');
    ws.send(JSON.stringify({ channel: 'app:info' }));
    ws.send(JSON.stringify({ id: { nested: true }, channel: 'app:info' }));
    ws.send(JSON.stringify([1, 2, 3]));
    ws.send(Buffer.from([0xff, 0x00, 0x01]), { binary: true });
    ws.send('null');
    ws.send(JSON.stringify({ id: 7, channel: 'app:info', input: {} }));
    expect(await nextFrame(ws)).toEqual({
      id: 7,
      result: { ok: true, value: { version: '9.9.9', defaultServerUrl: 'http://127.0.0.1:1', host: 'web', mediaBaseUrl: '', canOpenFiles: false } },
    });
    ws.close();
  });

  it('forwards core events to every connected tab', async () => {
    const [a, b] = await Promise.all([openBridge(), openBridge()]);
    const frames = Promise.all([nextFrame(a), nextFrame(b)]);
    core.emit('connection:changed', { status: 'online', retryInMs: null });
    expect(await frames).toEqual([
      { event: 'connection:changed', payload: { status: 'online', retryInMs: null } },
      { event: 'connection:changed', payload: { status: 'online', retryInMs: null } },
    ]);
    a.close();
    b.close();
  });

  it('stops the core and closes tabs on close()', async () => {
    const ws = await openBridge();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await host.close();
    expect(await closed).toBe(1001);
    expect(core.stopped).toBe(true);
    expect(core.sinks).toHaveLength(0);
  });

  it('tells the user to build when the renderer bundle is missing', async () => {
    await expect(
      startWebHost({ serverUrl: 'http://127.0.0.1:1', port: 0, dataDir, rendererDir: join(dataDir, 'nowhere'), logger, createCore: () => new FakeCore() }),
    ).rejects.toThrow(RendererMissingError);
    await expect(
      startWebHost({ serverUrl: 'http://127.0.0.1:1', port: 0, dataDir, rendererDir: join(dataDir, 'nowhere'), logger, createCore: () => new FakeCore() }),
    ).rejects.toThrow(/npm run build/);
  });
});
