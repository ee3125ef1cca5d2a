/**
 * The renderer's Content-Security-Policy, one builder for both hosts (Electron's
 * `app://` handler and the web host), so the two cannot drift apart (Electron
 * checklist 7). The renderer never reaches the network itself (the core does):
 * it may connect to its own origin and to `connectSrc` only (the web host's
 * WebSocket bridge). Inline styles stay allowed because React and
 * react-virtuoso set style attributes for layout; inline and evaluated scripts
 * do not.
 */
export interface CspOptions {
  /** Origins the page may connect to besides its own, e.g. `ws://127.0.0.1:5173`. */
  connectSrc: readonly string[];
  /**
   * Where the page loads files from besides its own origin (images, voice, video):
   * Electron's `app-media://media`. The web host serves them from its own origin.
   */
  mediaSrc?: readonly string[];
}

/** A custom scheme's origin (`app-media://media`): nothing that could end a directive or widen it. */
const MEDIA_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/;

/** A scheme, a host and an optional port: nothing that could end a directive or widen it. */
const ORIGIN = /^(?:https?|wss?):\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^(?:https?|wss?):\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

export function buildCsp({ connectSrc, mediaSrc = [] }: CspOptions): string {
  for (const origin of connectSrc) {
    if (!ORIGIN.test(origin)) throw new Error(`Not an origin for connect-src: ${JSON.stringify(origin)}`);
  }
  for (const origin of mediaSrc) {
    if (!MEDIA_ORIGIN.test(origin)) throw new Error(`Not an origin for media: ${JSON.stringify(origin)}`);
  }
  const media = mediaSrc.map((origin) => ` ${origin}`).join('');
  const directives: readonly (readonly [string, string])[] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', `'self' data: blob:${media}`],
    // blob: for a voice recording played back before it is sent.
    ['media-src', `'self' blob:${media}`],
    ['connect-src', ["'self'", ...connectSrc].join(' ')],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    // The renderer's forms are handled in script; none may navigate anywhere.
    ['form-action', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
