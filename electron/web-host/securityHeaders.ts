/**
 * Headers on every HTTP reply. The page may talk only to its own host: the
 * renderer never reaches the network itself, the core does (ARCHITECTURE.md).
 */
export function contentSecurityPolicy(origin: string): string {
  const socketOrigin = origin.replace(/^http:/, 'ws:');
  return [
    "default-src 'self'",
    `connect-src 'self' ${socketOrigin}`,
    "img-src 'self' data: blob:",
    // React and react-virtuoso set inline style attributes for layout.
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(origin: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
