import { buildCsp } from '../../core';
import { MEDIA_ORIGIN } from './mediaProtocol';

/**
 * The renderer's Content-Security-Policy over `app://` (Electron checklist 7):
 * the same builder as the web host's, with no origin to connect to besides
 * its own, since the core (not the renderer) reaches the network; images and
 * media may also come from the core's `app-media://media`.
 */
export function appCsp(): string {
  return buildCsp({ connectSrc: [], mediaSrc: [MEDIA_ORIGIN] });
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
