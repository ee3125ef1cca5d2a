import type { WebPreferences } from 'electron';

/**
 * The only way windows get webPreferences (Electron checklist 2–4, 6, 8–12).
 * Most values equal Electron's defaults; they are spelled out so a reader and
 * the test can see them, and so a changed default cannot weaken us.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}
