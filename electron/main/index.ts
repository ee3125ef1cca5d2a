import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { createChatCore } from '../core';
import { setUpServer } from './app/serverSetup';
import { createShutdown } from './app/shutdown';
import { forwardCoreEvents } from './ipc/forwardCoreEvents';
import { registerIpcHandlers } from './ipc/registerIpcHandlers';
import { watchIncomingCalls } from './platform/callAlerts';
import { clientPlatform } from './platform/clientPlatform';
import { createMainLogger } from './platform/logger';
import { appPaths } from './platform/paths';
import { resolveRendererTarget } from './security/appOrigin';
import { registerAppScheme, serveAppProtocol, serveMediaProtocol } from './security/appProtocol';
import { createMediaRequestHandler, MEDIA_BASE_URL } from './security/mediaProtocol';
import { applyNavigationGuards } from './security/navigationGuards';
import { createNavigationPolicy } from './security/navigationPolicy';
import { openExternalSafely } from './security/openExternalSafely';
import { applyPermissionPolicy } from './security/permissions';
import { isTrustedSender } from './security/trustedSender';
import { createMainWindow, revealWindow } from './windows/mainWindow';

// The composition root: the only file that knows every part. Everything here
// must happen before `ready`: privileged schemes, the sandbox for every
// renderer (popups included), and the single-instance lock.
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  main();
}

function main(): void {
  const userData = app.getPath('userData');
  const paths = appPaths({ mainDir: __dirname, userData, logsDir: logsDirectory(userData) });
  const log = createMainLogger({ logFile: paths.logFile });
  const target = resolveRendererTarget({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
  const navigation = createNavigationPolicy({
    appOrigin: target.origin,
    openExternal: (url) => openExternalSafely((safe) => shell.openExternal(safe), url, log),
    log,
  });
  let mainWindow: BrowserWindow | null = null;
  let callAlerts: ReturnType<typeof watchIncomingCalls> | null = null;
  // D1: camera and microphone only while a call on this device wants them (the core says so once it exists).
  let callActive = (): boolean => false;
  const stopSteps: { name: string; run: () => Promise<void> | void }[] = [];
  const shutdown = createShutdown(() => [...stopSteps].reverse(), { log, stepTimeoutMs: 5_000 });
  let quitting = false;
  let shutDown = false;

  if (process.platform === 'win32') app.setAppUserModelId('org.openchat.desktop');
  app.on('web-contents-created', (_event, contents) => applyNavigationGuards(contents, navigation));
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  });
  app.on('window-all-closed', () => {
    // macOS apps stay running without windows; the core keeps syncing in the background.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (shutDown) return;
    quitting = true;
    event.preventDefault();
    void shutdown().finally(() => {
      shutDown = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  const openWindow = () => {
    mainWindow = createMainWindow({ preloadPath: paths.preloadPath, entryUrl: target.entryUrl, log });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    mainWindow.on('focus', () => callAlerts?.windowFocused());
    return mainWindow;
  };

  app
    .whenReady()
    .then(async () => {
      serveAppProtocol(session.defaultSession, paths.rendererRoot);
      applyPermissionPolicy(session.defaultSession, target.origin, () => callActive());

      const server = await setUpServer({
        paths,
        argv: process.argv,
        env: process.env,
        resourcesPath: app.isPackaged ? process.resourcesPath : null,
        log,
        onEmbeddedServerLost: (reason) => {
          const box = {
            type: 'error' as const,
            title: 'OpenChat',
            message: 'The built-in server stopped and could not be restarted.',
            detail: `${reason}\n\nQuit and reopen OpenChat to try again, or sign in to another server.`,
          };
          void (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, box) : dialog.showMessageBox(box));
        },
      });
      const embedded = server.embedded;
      if (quitting) {
        // The user quit while the server was starting, after the shutdown steps were taken.
        await embedded?.stop();
        return;
      }
      if (embedded) stopSteps.push({ name: 'embedded server', run: () => embedded.stop() });

      const core = createChatCore({
        dataDir: paths.coreDataDir,
        defaultServerUrl: server.defaultServerUrl,
        host: 'electron',
        appVersion: app.getVersion(),
        platform: clientPlatform(process.platform),
        logger: log,
        media: {
          mediaBaseUrl: MEDIA_BASE_URL,
          desktop: {
            openPath: async (path) => {
              const problem = await shell.openPath(path);
              if (problem) throw new Error(problem);
            },
            showItemInFolder: (path) => shell.showItemInFolder(path),
          },
        },
      });
      callActive = () => core.calls.state().active;
      serveMediaProtocol(session.defaultSession, createMediaRequestHandler({ serve: (request) => core.media.serve(request), appOrigin: target.origin }));
      stopSteps.push({ name: 'core', run: () => core.stop() });
      const unregister = registerIpcHandlers(ipcMain, core.api, {
        isTrusted: (event) => isTrustedSender(event, target.origin),
        log,
      });
      stopSteps.push({ name: 'ipc handlers', run: unregister });
      const stopForwarding = forwardCoreEvents(core, () => mainWindow?.webContents, log);
      stopSteps.push({ name: 'event forwarding', run: stopForwarding });
      // C3: an incoming call while the window is in the background flashes it and shows a notification.
      const alerts = watchIncomingCalls({ subscribe: (sink) => core.subscribe(sink), lookup: core.api['users:lookup'], contacts: core.api['contacts:list'], getWindow: () => mainWindow, log });
      callAlerts = alerts;
      stopSteps.push({ name: 'call alerts', run: () => alerts.stop() });
      await core.start();
      if (quitting) return;

      const window = openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
      if (server.problem) {
        void dialog.showMessageBox(window, {
          type: 'warning',
          title: 'OpenChat',
          message: 'The built-in server could not start.',
          detail: `${server.problem}\n\nYou can still sign in to another server by entering its address.`,
        });
      }
    })
    .catch((error: unknown) => {
      log.error({ err: error }, 'OpenChat could not start');
      dialog.showErrorBox('OpenChat could not start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}

function logsDirectory(userData: string): string {
  try {
    return app.getPath('logs');
  } catch {
    // Older Electron builds threw here until setAppLogsPath had run; the user-data folder is where it would point.
    return join(userData, 'logs');
  }
}
