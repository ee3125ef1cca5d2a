import { buildCsp } from '../../core';

/**
 * The renderer's Content-Security-Policy over `app://` (Electron checklist 7):
 * the same builder as the web host's, with no origin to connect to besides
 * its own, since the core (not the renderer) reaches the network.
 */
export function appCsp(): string {
  return buildCsp({ connectSrc: [] });
}

/** Headers on every `app://` reply. */
export function appResponseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': appCsp(),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
