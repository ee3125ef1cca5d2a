import { protocol, type Session } from 'electron';
import { APP_SCHEME } from './appOrigin';
import { createAppRequestHandler } from './appFiles';
import { MEDIA_SCHEME, MEDIA_SCHEME_PRIVILEGES } from './mediaProtocol';

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins
 * (so `'self'` in the CSP and the sender check mean `app://chat`), `secure`
 * makes it a secure context, and `supportFetchAPI` lets the page fetch its own
 * assets. No `bypassCSP`, no `corsEnabled`: nothing else may read from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    // The renderer's files (images, voice, video, downloads), answered by the core: see mediaProtocol.ts.
    { scheme: MEDIA_SCHEME, privileges: { ...MEDIA_SCHEME_PRIVILEGES } },
  ]);
}

/** Serves `app://chat/…` from the built renderer folder only (Electron checklist 18). */
export function serveAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, createAppRequestHandler({ root: rendererRoot }));
}

/** Serves `app-media://media/<uuid>` from the core (registered once the core exists). */
export function serveMediaProtocol(session: Session, handler: (request: Request) => Promise<Response>): void {
  session.protocol.handle(MEDIA_SCHEME, handler);
}
