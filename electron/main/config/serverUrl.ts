/** A server address as the contract accepts it (http or https, no credentials), without a trailing slash; else null. */
export function normalizeServerUrl(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return null;
  if (url.search || url.hash) return null;
  return url.href.replace(/\/+$/, '');
}
