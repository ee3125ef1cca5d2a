import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, enough to run the built main process
 * in plain Node (the Electron binary cannot be installed on our machines). It
 * records what main asks of Electron, and its `utilityProcess.fork` runs the
 * real server bundle as a Node child, translating the server's stdout line and
 * the shutdown message to what a utility process would do.
 */

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventable<T extends object>(extra: T = {} as T): PreventableEvent & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A `utilityProcess` built on `child_process.fork`. */
export class FakeUtilityProcess extends EventEmitter {
  readonly child: ChildProcess;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
  ) {
    super();
    this.child = fork(modulePath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let buffered = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /OpenChat server listening on (\S+)/.exec(buffered);
      if (match) {
        buffered = '';
        this.emit('message', { type: 'listening', url: match[1] });
      }
    });
    this.child.on('exit', (code) => this.emit('exit', code ?? 0));
  }
  get stdout() {
    return this.child.stdout;
  }
  get stderr() {
    return this.child.stderr;
  }
  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }
  postMessage(message: unknown): void {
    // The server stops gracefully on { type: 'shutdown' } from its parent port, and on SIGTERM in plain Node.
    if ((message as { type?: string }).type === 'shutdown') this.child.kill('SIGTERM');
  }
  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

export interface PermissionHandlers {
  request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
  check?: (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean;
}

export interface FakeApp extends EventEmitter {
  readonly quitted: boolean;
  quit(): void;
}

export interface FakeWindow {
  readonly webContents: FakeWebContents;
  readonly loadedUrl: string | null;
  readonly options: { webPreferences?: Record<string, unknown> };
}

export interface FakeElectron {
  /** What `require('electron')` returns to the code under test. */
  electron: object;
  app: FakeApp;
  /** Pre-ready calls in order, marked when made too late. */
  calls: string[];
  windows: FakeWindow[];
  forks: FakeUtilityProcess[];
  ipcHandlers: Map<string, (event: unknown, input?: unknown) => Promise<unknown>>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  privilegedSchemes: unknown[];
  permission: PermissionHandlers;
  dialogs: unknown[];
  opened: string[];
}

export function createFakeElectron(paths: { userData: string; logs: string }): FakeElectron {
  const calls: string[] = [];
  const windows: FakeWindow[] = [];
  const forks: FakeUtilityProcess[] = [];
  const ipcHandlers = new Map<string, (event: unknown, input?: unknown) => Promise<unknown>>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const privilegedSchemes: unknown[] = [];
  const permission: PermissionHandlers = {};
  const dialogs: unknown[] = [];
  const opened: string[] = [];
  let ready = false;
  let quitted = false;

  class App extends EventEmitter {
    isPackaged = false;
    get isReady() {
      return ready;
    }
    enableSandbox() {
      calls.push(ready ? 'enableSandbox after ready' : 'enableSandbox');
    }
    requestSingleInstanceLock() {
      calls.push('requestSingleInstanceLock');
      return true;
    }
    getPath(name: string) {
      if (name === 'userData') return paths.userData;
      if (name === 'logs') return paths.logs;
      throw new Error(`unexpected getPath(${name})`);
    }
    getVersion() {
      return '0.1.0-test';
    }
    setAppUserModelId() {}
    whenReady() {
      ready = true;
      return Promise.resolve();
    }
    quit() {
      const event = preventable();
      this.emit('before-quit', event);
      if (event.defaultPrevented) return;
      quitted = true;
      this.emit('will-quit', preventable());
      this.emit('quit');
    }
    get quitted() {
      return quitted;
    }
  }
  const app = new App();

  class FakeBrowserWindow extends EventEmitter implements FakeWindow {
    static getAllWindows() {
      return windows.filter((w) => !w.webContents.destroyed);
    }
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      queueMicrotask(() => this.emit('ready-to-show'));
      return Promise.resolve();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isVisible() {
      return true;
    }
    isDestroyed() {
      return this.webContents.destroyed;
    }
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        calls.push(ready ? 'registerSchemesAsPrivileged after ready' : 'registerSchemesAsPrivileged');
        privilegedSchemes.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        protocol: {
          handle(scheme: string, handler: (request: Request) => Promise<Response>) {
            protocolHandlers.set(scheme, handler);
          },
        },
        setPermissionRequestHandler(handler: PermissionHandlers['request']) {
          permission.request = handler;
        },
        setPermissionCheckHandler(handler: PermissionHandlers['check']) {
          permission.check = handler;
        },
      },
    },
    ipcMain: {
      handle(channel: string, listener: (event: unknown, input?: unknown) => Promise<unknown>) {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, listener);
      },
      removeHandler(channel: string) {
        ipcHandlers.delete(channel);
      },
    },
    utilityProcess: {
      fork(modulePath: string, args: string[]) {
        const child = new FakeUtilityProcess(modulePath, args);
        forks.push(child);
        return child;
      },
    },
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        dialogs.push(args);
        return Promise.resolve({ response: 0 });
      },
      showErrorBox: (...args: unknown[]) => void dialogs.push(args),
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
      openPath: (path: string) => {
        opened.push(path);
        return Promise.resolve('');
      },
      showItemInFolder: (path: string) => void opened.push(path),
    },
  };

  return { electron, app, calls, windows, forks, ipcHandlers, protocolHandlers, privilegedSchemes, permission, dialogs, opened };
}
