import type { Session } from 'electron';
import { originOf } from './appOrigin';

/**
 * Electron grants every permission by default. We grant only notifications,
 * and only to the app's own page; media arrives with calls, which will add
 * `media` scoped by `details.mediaTypes`.
 */
const GRANTED_TO_APP = new Set<string>(['notifications']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appOrigin: string): boolean {
  if (!GRANTED_TO_APP.has(permission) || !requestingUrl) return false;
  return originOf(requestingUrl) === appOrigin;
}

/**
 * Both handlers are needed: the request handler answers prompts
 * asynchronously, the check handler answers synchronous queries such as
 * `Notification.permission`, and the same permission may hit either.
 */
export function applyPermissionPolicy(session: Session, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return isPermissionGranted(permission, requestingOrigin || details.requestingUrl, appOrigin);
  });
}
