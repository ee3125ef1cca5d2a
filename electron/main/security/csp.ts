/**
 * The renderer's Content-Security-Policy (Electron checklist 7). The renderer
 * never reaches the network itself (the core does), so `connect-src 'self'`.
 * Inline styles stay allowed because React and react-virtuoso set style
 * attributes for layout; inline scripts do not.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

export function buildCsp(): string {
  return DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Headers on every `app://` reply. */
export function appResponseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
