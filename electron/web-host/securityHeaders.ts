import { buildCsp } from '../core';

/**
 * Headers on every HTTP reply. The page may talk only to its own host (the
 * bridge WebSocket): the renderer never reaches the network itself, the core
 * does (ARCHITECTURE.md). The policy is the one Electron's `app://` sends, plus
 * that socket.
 */
export function contentSecurityPolicy(origin: string): string {
  return buildCsp({ connectSrc: [origin.replace(/^http:/, 'ws:')] });
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
