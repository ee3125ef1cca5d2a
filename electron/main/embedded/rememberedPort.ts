/**
 * The embedded server's port is remembered between launches. A session stores
 * the server URL it signed in to, so reusing the port keeps that URL valid
 * after a restart; `--port 0` (any free port) is the fallback when the old one
 * is taken.
 */
export const REMEMBERED_PORT_FILE = 'embedded-server.json';

export function parseRememberedPort(text: string | null): number | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    const port = typeof value === 'object' && value !== null ? (value as { port?: unknown }).port : undefined;
    return typeof port === 'number' && Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export function serializeRememberedPort(serverUrl: string): string | null {
  try {
    const port = Number(new URL(serverUrl).port);
    return Number.isInteger(port) && port > 0 ? `${JSON.stringify({ port })}\n` : null;
  } catch {
    return null;
  }
}

/** Ports to try in order: the remembered one, then any free port. */
export function portsToTry(remembered: number | null): number[] {
  return remembered === null ? [0] : [remembered, 0];
}

/** The server's command line (flags defined by server/src/main.ts). Loopback only: the embedded server serves this user alone. */
export function embeddedServerArgs(port: number, dataDir: string): string[] {
  return ['--port', String(port), '--data', dataDir, '--host', '127.0.0.1'];
}
