/**
 * Where the renderer lives. In a build it is always `app://chat`, served by our
 * own protocol handler (Electron checklist 18). During `electron-vite dev` the
 * renderer comes from Vite's loopback server instead; every guard is given the
 * resulting origin, so trust never widens beyond the one page we load.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'chat';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface RendererTarget {
  /** The URL the main window loads. */
  entryUrl: string;
  /** The only origin allowed to call IPC, navigate, or be granted permissions. */
  origin: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Picks the renderer URL. A development server is honoured only in an
 * unpackaged app and only on loopback http, so an environment variable can
 * never point a shipped app at a remote page.
 */
export function resolveRendererTarget(options: { isPackaged: boolean; devServerUrl?: string | undefined }): RendererTarget {
  const dev = options.isPackaged ? null : parseLoopbackHttpUrl(options.devServerUrl);
  if (dev) return { entryUrl: dev.href, origin: dev.origin };
  return { entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN };
}

function parseLoopbackHttpUrl(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** The origin of `url`, or null when it cannot be parsed. `URL.origin` is "null" for non-special schemes, so we compose it. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
