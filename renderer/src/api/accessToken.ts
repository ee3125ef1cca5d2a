const STORAGE_KEY = 'openchat.webHostToken';

/**
 * The web host prints a URL carrying its per-launch token. Keep it for this
 * tab only (sessionStorage survives a reload, not the browser), then drop it
 * from the address bar so it does not linger in history or screen shares.
 */
export function takeAccessToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}
