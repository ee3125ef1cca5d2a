import { originOf } from './appOrigin';

export interface MediaRequest {
  /** The page asking (a URL or an origin; Electron gives either depending on the handler). */
  requestingUrl: string | undefined;
  permission: string;
  /** The only origin ever granted anything (`app://chat`, or the loopback dev server). */
  appOrigin: string;
  /** A call on this device wants media now (`ChatCore.calls.state().active`). */
  callActive: boolean;
}

/**
 * D1 with calls (issue 6): camera and microphone (`media`) go only to the app's own page, and only while a call on
 * this device wants them — one ringing for me, one I am in here, a group call I may join. Any other origin, or the
 * app page between calls, is refused, so a compromised page cannot listen in between calls. Screen capture
 * (`display-capture`) is not part of calls and stays refused.
 */
export function decideMediaPermission({ requestingUrl, permission, appOrigin, callActive }: MediaRequest): boolean {
  if (permission !== 'media' || !callActive || !requestingUrl) return false;
  return originOf(requestingUrl) === appOrigin;
}
