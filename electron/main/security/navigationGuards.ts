import type { WebContents } from 'electron';
import type { NavigationPolicy } from './navigationPolicy';

/** Wires the navigation policy onto a webContents; applied to every webContents the app creates. */
export function applyNavigationGuards(contents: WebContents, policy: NavigationPolicy): void {
  contents.on('will-navigate', (event) => policy.onNavigate(event, event.url));
  contents.on('will-frame-navigate', (event) => policy.onNavigate(event, event.url));
  contents.on('will-redirect', (event) => policy.onNavigate(event, event.url));
  contents.on('will-attach-webview', (event) => policy.onAttachWebview(event));
  contents.setWindowOpenHandler((details) => policy.onWindowOpen(details));
}
