import { BrowserWindow, nativeTheme } from 'electron';
import type { MainLogger } from '../platform/log';
import { secureWebPreferences } from './secureWebPreferences';

export interface MainWindowOptions {
  preloadPath: string;
  entryUrl: string;
  log: MainLogger;
}

// Matches the renderer's page background so the window never flashes white (or black) before the first paint.
const BACKGROUND = { light: '#ffffff', dark: '#1b1d22' } as const;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'OpenChat',
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log.error({ reason: details.reason, exitCode: details.exitCode }, 'the renderer process went away');
  });
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    options.log.error({ err: error, preloadPath }, 'the preload script failed');
  });
  void window.loadURL(options.entryUrl).catch((error: unknown) => {
    options.log.error({ err: error, url: options.entryUrl }, 'the main window could not load the renderer');
  });
  return window;
}

/** Brings the window forward, e.g. when the user starts the app a second time. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
