import { toSafeExternalUrl } from './urlPolicy';

export type OpenExternal = (url: string) => Promise<void>;

/**
 * The only path from the app to `shell.openExternal`. Returns whether the URL
 * was handed over; refused or failing URLs are logged, never thrown, because
 * a click on a bad link must not break the window that made it.
 */
export async function openExternalSafely(
  openExternal: OpenExternal,
  raw: string,
  log: { warn: (details: object, message: string) => void },
): Promise<boolean> {
  const url = toSafeExternalUrl(raw);
  if (!url) {
    log.warn({ url: String(raw).slice(0, 200) }, 'refused to open a link with a disallowed scheme');
    return false;
  }
  try {
    await openExternal(url);
    return true;
  } catch (error) {
    log.warn({ err: error, url }, 'the system could not open a link');
    return false;
  }
}
