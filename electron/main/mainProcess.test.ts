// The whole main process, run in plain Node: electron/main/index.ts and the
// server entry are bundled the way electron-vite does (CommonJS, dependencies
// external), `electron` is replaced by a recording fake, and everything else
// is real: the core with its SQLite store in a temporary user-data folder, the
// embedded server as a child process, the IPC registrar, event forwarding and
// the ordered shutdown. It proves the composition root wires D1 and D2 together.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../../shared/ipc/channels';
import { appCsp } from './security/csp';
import { secureWebPreferences } from './windows/secureWebPreferences';
import { createFakeElectron, preventable } from './testing/fakeElectron';

const ROOT = join(__dirname, '..', '..');
// Inside the repository so the bundle's external requires (zod, pino, better-sqlite3…) resolve from node_modules.
const CACHE = join(ROOT, 'node_modules', '.cache');
const trusted = { senderFrame: { url: 'app://chat/index.html', parent: null, detached: false } };
const foreign = { senderFrame: { url: 'https://evil.example/', parent: null, detached: false } };

type ModuleLoader = { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const loader = Module as unknown as ModuleLoader;
const originalLoad = loader._load;

let workDir: string;
let userData: string;
let fake: ReturnType<typeof createFakeElectron>;
let signalListeners: { SIGINT: Set<unknown>; SIGTERM: Set<unknown> };
const savedEnv = { server: process.env.OPENCHAT_SERVER_URL, level: process.env.OPENCHAT_LOG_LEVEL };

async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function invoke(channel: string, input: unknown, event: unknown = trusted): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input);
}

beforeAll(async () => {
  mkdirSync(CACHE, { recursive: true });
  workDir = mkdtempSync(join(CACHE, 'openchat-main-'));
  userData = join(workDir, 'userData');
  await build({
    entryPoints: { index: join(ROOT, 'electron/main/index.ts'), server: join(ROOT, 'server/src/main.ts') },
    outdir: join(workDir, 'out', 'main'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    logLevel: 'silent',
  });
  mkdirSync(join(workDir, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(workDir, 'out', 'renderer', 'index.html'), '<!doctype html><title>OpenChat</title>');

  loader._load = function load(request, parent, isMain) {
    if (request === 'electron') return fake.electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  signalListeners = { SIGINT: new Set(process.listeners('SIGINT')), SIGTERM: new Set(process.listeners('SIGTERM')) };
  delete process.env.OPENCHAT_SERVER_URL;
  process.env.OPENCHAT_LOG_LEVEL = 'error';
  await launch();
}, 60_000);

/** Starts the bundled main process as a fresh app launch over the same user-data folder. */
async function launch(): Promise<void> {
  fake = createFakeElectron({ userData, logs: join(userData, 'logs') });
  const require = createRequire(import.meta.url);
  const entry = join(workDir, 'out', 'main', 'index.cjs');
  delete require.cache[entry];
  require(entry);
  await until(() => fake.windows.length === 1, 'the main window');
}

afterAll(async () => {
  if (!fake.app.quitted) fake.app.quit();
  await until(() => fake.app.quitted, 'quit').catch(() => undefined);
  for (const child of fake.forks) if (child.pid !== undefined) child.child.kill('SIGKILL');
  loader._load = originalLoad;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].has(listener)) process.removeListener(signal, listener);
    }
  }
  if (savedEnv.server === undefined) delete process.env.OPENCHAT_SERVER_URL;
  else process.env.OPENCHAT_SERVER_URL = savedEnv.server;
  if (savedEnv.level === undefined) delete process.env.OPENCHAT_LOG_LEVEL;
  else process.env.OPENCHAT_LOG_LEVEL = savedEnv.level;
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('the Electron main process (bundled, with a fake electron module)', () => {
  it('D1 sets up the sandbox, the single-instance lock and the app:// scheme before ready', () => {
    expect(fake.calls.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']);
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
      { scheme: 'app-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
    ]);
  });

  it('D1 opens one window with the secure preferences on app://chat, once the core is ready', () => {
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toEqual(secureWebPreferences(join(workDir, 'out', 'preload', 'index.cjs')));
    expect(window?.loadedUrl).toBe('app://chat/index.html');
  });

  it('D2 starts the embedded server on loopback with its data in the user-data folder', () => {
    expect(fake.forks).toHaveLength(1);
    const [server] = fake.forks;
    expect(server?.modulePath).toBe(join(workDir, 'out', 'main', 'server.cjs'));
    expect(server?.args).toEqual(['--port', '0', '--data', join(userData, 'server'), '--host', '127.0.0.1']);
    expect(fake.dialogs).toEqual([]);
  });

  it('D2 offers the embedded server as the default, and remembers its port', async () => {
    const info = (await invoke('app:info', {})) as { ok: true; value: { defaultServerUrl: string; host: string; version: string } };
    expect(info.ok).toBe(true);
    expect(info.value.host).toBe('electron');
    expect(info.value.version).toBe('0.1.0-test');
    expect(info.value.defaultServerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(info.value.defaultServerUrl).port);
    expect(JSON.parse(readFileSync(join(userData, 'embedded-server.json'), 'utf8'))).toEqual({ port });
  });

  it('registers one handler per request channel', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it('D1 refuses IPC from a frame that is not the app', async () => {
    await expect(invoke('app:info', {}, foreign)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(invoke('app:info', {}, { senderFrame: null })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('D2 signs up against the embedded server through IPC, and forwards the core events to the window', async () => {
    const info = (await invoke('app:info', {})) as { value: { defaultServerUrl: string } };
    const session = await invoke('session:register', {
      serverUrl: info.value.defaultServerUrl,
      userId: 'alice',
      password: 'correct horse battery',
      nickname: 'Alice',
    });
    expect(session).toMatchObject({ ok: true, value: { state: 'signedIn', userId: 'alice', serverUrl: info.value.defaultServerUrl } });
    const webContents = fake.windows[0]!.webContents;
    await until(() => webContents.sent.some((e) => e.channel === 'connection:changed' && (e.payload as { status: string }).status === 'online'), 'online');
    expect(webContents.sent.some((e) => e.channel === 'session:changed')).toBe(true);
    await expect(invoke('messages:send', { conversationId: 42, text: '' })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
  }, 30_000);

  it('D1 serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const page = await handler!(new Request('app://chat/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(appCsp());
    const escape = await handler!(new Request('app://chat/..%2fmain%2fserver.cjs'));
    expect(escape.status).toBe(404);
  });

  it('M1 serves the core\'s files over app-media:// and tells the renderer where, with files openable', async () => {
    const media = fake.protocolHandlers.get('app-media');
    expect(media).toBeDefined();
    const notOurs = await media!(new Request('app-media://media/not-a-hash'));
    expect([401, 404]).toContain(notOurs.status);
    expect((await media!(new Request('app-media://media/abc', { headers: { origin: 'https://evil.example' } }))).status).toBe(403);
    await expect(invoke('app:info', {})).resolves.toMatchObject({ ok: true, value: { mediaBaseUrl: 'app-media://media/', canOpenFiles: true } });
  });

  it('D1 guards the window: no navigation away, no new windows, links to the browser, no webviews', async () => {
    const webContents = fake.windows[0]!.webContents;
    const away = preventable({ url: 'https://evil.example/' });
    webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const inside = preventable({ url: 'app://chat/index.html#/chat' });
    webContents.emit('will-frame-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    expect(webContents.windowOpenHandler?.({ url: 'https://example.com/doc' })).toEqual({ action: 'deny' });
    expect(webContents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await until(() => fake.opened.length > 0, 'the external link');
    expect(fake.opened).toEqual(['https://example.com/doc']);
    const webview = preventable();
    webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('D1 grants notifications to the app only, and nothing else', () => {
    const granted: boolean[] = [];
    fake.permission.request?.({}, 'notifications', (g) => granted.push(g), { requestingUrl: 'app://chat/index.html' });
    fake.permission.request?.({}, 'media', (g) => granted.push(g), { requestingUrl: 'app://chat/index.html' });
    fake.permission.request?.({}, 'notifications', (g) => granted.push(g), { requestingUrl: 'https://evil.example/' });
    expect(granted).toEqual([true, false, false]);
    expect(fake.permission.check?.({}, 'notifications', 'app://chat', {})).toBe(true);
    expect(fake.permission.check?.({}, 'geolocation', 'app://chat', {})).toBe(false);
  });

  it('D2 quits cleanly: the core stops, then the embedded server shuts down, then the app quits', async () => {
    const [server] = fake.forks;
    fake.app.quit();
    expect(fake.app.quitted).toBe(false);
    await until(() => fake.app.quitted, 'the app to quit');
    expect(server?.pid).toBeUndefined();
    // Exit code 0 is the server's own graceful shutdown (it closes sockets and its database first).
    expect(server?.child.exitCode).toBe(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(existsSync(join(userData, 'server'))).toBe(true);
  }, 30_000);

  it('D2 on the next launch reuses the port, so the saved session reconnects to the same embedded server', async () => {
    const port = (JSON.parse(readFileSync(join(userData, 'embedded-server.json'), 'utf8')) as { port: number }).port;
    await launch();
    expect(fake.forks[0]?.args.slice(0, 2)).toEqual(['--port', String(port)]);
    const info = (await invoke('app:info', {})) as { value: { defaultServerUrl: string } };
    expect(info.value.defaultServerUrl).toBe(`http://127.0.0.1:${port}`);
    await expect(invoke('session:get', {})).resolves.toMatchObject({ ok: true, value: { state: 'signedIn', userId: 'alice' } });
    const webContents = fake.windows[0]!.webContents;
    await until(() => webContents.sent.some((e) => e.channel === 'connection:changed' && (e.payload as { status: string }).status === 'online'), 'online again');
    fake.app.quit();
    await until(() => fake.app.quitted, 'the second quit');
  }, 30_000);
});
