import { originOf } from './appOrigin';

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to hand to the operating system, or null. Only http, https and
 * mailto pass, parsed with `URL` (never prefix checks) and re-serialised, so
 * `file:`, `javascript:`, `ms-msdt:`-style handlers and malformed strings never
 * reach `shell.openExternal` (Electron checklist 15). Credentials in a link are
 * refused: they are a classic way to disguise the real host.
 */
export function toSafeExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && (!url.hostname || url.username || url.password)) return null;
  return url.href;
}

export function isAllowedExternalUrl(raw: string): boolean {
  return toSafeExternalUrl(raw) !== null;
}

/** True when `url` belongs to the renderer's own origin. */
export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}
