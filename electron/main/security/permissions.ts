import type { Session } from 'electron';
import { originOf } from './appOrigin';
import { decideMediaPermission } from './mediaPermission';

/**
 * Electron grants every permission by default. We grant notifications to the app's own page, and `media` (camera,
 * microphone) to it only while a call on this device wants them (`mediaPermission.ts`); nothing else, to nobody.
 */
const GRANTED_TO_APP = new Set<string>(['notifications']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appOrigin: string, callActive = false): boolean {
  if (permission === 'media') return decideMediaPermission({ requestingUrl, permission, appOrigin, callActive });
  if (!GRANTED_TO_APP.has(permission) || !requestingUrl) return false;
  return originOf(requestingUrl) === appOrigin;
}

/**
 * Both handlers are needed: the request handler answers prompts
 * asynchronously, the check handler answers synchronous queries such as
 * `Notification.permission`, and the same permission may hit either.
 * `callActive` is asked on every request, so media stops being granted the moment the call ends.
 */
export function applyPermissionPolicy(session: Session, appOrigin: string, callActive: () => boolean = () => false): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appOrigin, callActive()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    return isPermissionGranted(permission, requestingOrigin || details.requestingUrl, appOrigin, callActive());
  });
}
