import type { MainLogger } from '../platform/log';
import { isAppUrl } from './urlPolicy';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationPolicyOptions {
  appOrigin: string;
  /** `openExternalSafely` bound to the shell; only ever called with a URL the page asked to open in a new window. */
  openExternal: (url: string) => Promise<boolean>;
  log: Pick<MainLogger, 'warn'>;
}

export interface NavigationPolicy {
  /** For `will-navigate`, `will-frame-navigate` and `will-redirect`. */
  onNavigate(event: PreventableEvent, url: string): void;
  /** For `setWindowOpenHandler`: never a new Electron window; allowed links go to the system browser. */
  onWindowOpen(details: { url: string }): { action: 'deny' };
  /** For `will-attach-webview`: the app uses no `<webview>`, so none may attach. */
  onAttachWebview(event: PreventableEvent): void;
}

/**
 * Electron checklist 11–14 as plain functions, so they are tested without
 * Electron. Navigation away from the app is refused outright (this also stops
 * a dropped file or link from replacing the page); only window-open requests,
 * which are what `target="_blank"` links produce, are handed to the browser.
 */
export function createNavigationPolicy(options: NavigationPolicyOptions): NavigationPolicy {
  const { appOrigin, openExternal, log } = options;
  return {
    onNavigate(event, url) {
      if (isAppUrl(url, appOrigin)) return;
      event.preventDefault();
      log.warn({ url: url.slice(0, 200) }, 'blocked navigation away from the app');
    },
    onWindowOpen(details) {
      void openExternal(details.url);
      return { action: 'deny' };
    },
    onAttachWebview(event) {
      event.preventDefault();
      log.warn('blocked a <webview> from attaching');
    },
  };
}
