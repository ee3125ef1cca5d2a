import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './appOrigin';
import { createAppRequestHandler } from './appFiles';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins
 * (so `'self'` in the CSP and the sender check mean `app://chat`), `secure`
 * makes it a secure context, and `supportFetchAPI` lets the page fetch its own
 * assets. No `bypassCSP`, no `corsEnabled`: nothing else may read from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves `app://chat/…` from the built renderer folder only (Electron checklist 18). */
export function serveAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler({ root: rendererRoot }));
}
