import type { CallView } from '../../../shared/ipc';

/**
 * C3: an incoming call while the app is in the background. Main asks the window for attention (flashFrame; the
 * dock bounces on macOS) and shows a system notification ("Incoming video call from Bob") whose click brings the
 * window forward; both stop once the call stops ringing for me (answered, declined, answered on another device,
 * cancelled, timed out). Everything here is pure; `callAlerts.ts` is the thin Electron part.
 */

export type CallAlertStep =
  /** Ring for attention: flash, bounce, notify. */
  | { type: 'alert'; call: CallView }
  /** The call no longer rings for me: close the notification, stop flashing. */
  | { type: 'dismiss'; callId: CallView['callId'] };

/** Whether this call rings for me now (invited, not over). */
export function ringsForMe(call: CallView): boolean {
  return call.state !== 'ended' && call.myState === 'invited';
}

/**
 * Follows `calls:changed` and says what main should do. A call alerts once, only when it starts ringing while
 * the window is not focused; a later change of the same ringing call does not alert again.
 */
export class IncomingCallAlerts {
  private readonly ringing = new Set<string>();
  private readonly alerted = new Set<string>();

  callChanged(call: CallView, windowFocused: boolean): CallAlertStep | null {
    if (!ringsForMe(call)) {
      this.ringing.delete(call.callId);
      if (this.alerted.delete(call.callId)) return { type: 'dismiss', callId: call.callId };
      return null;
    }
    const isNew = !this.ringing.has(call.callId);
    this.ringing.add(call.callId);
    if (!isNew || windowFocused || this.alerted.has(call.callId)) return null;
    this.alerted.add(call.callId);
    return { type: 'alert', call };
  }

  isAlerted(callId: string): boolean {
    return this.alerted.has(callId);
  }

  alertedCount(): number {
    return this.alerted.size;
  }

  /** The window came forward: the person has seen the ringing screen, so the alerts go. */
  windowFocused(): CallAlertStep[] {
    const steps = [...this.alerted].map((callId) => ({ type: 'dismiss', callId }) as CallAlertStep);
    this.alerted.clear();
    return steps;
  }

  /** Signed out or shutting down. */
  reset(): CallAlertStep[] {
    this.ringing.clear();
    return this.windowFocused();
  }
}

type Lang = 'en' | 'zh-CN';

/** The system's language as main knows it (app.getLocale()): Chinese in any region reads Simplified Chinese. */
export function alertLanguage(locale: string): Lang {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const TEXT = {
  en: {
    video: (name: string) => `Incoming video call from ${name}`,
    audio: (name: string) => `Incoming voice call from ${name}`,
    groupVideo: (name: string) => `Incoming group video call from ${name}`,
    groupAudio: (name: string) => `Incoming group voice call from ${name}`,
    body: 'Click to open OpenChat and answer.',
  },
  'zh-CN': {
    video: (name: string) => `${name} 邀请你视频通话`,
    audio: (name: string) => `${name} 邀请你语音通话`,
    groupVideo: (name: string) => `${name} 邀请你加入群视频通话`,
    groupAudio: (name: string) => `${name} 邀请你加入群语音通话`,
    body: '点击打开 OpenChat 接听。',
  },
} as const;

/** What the notification says: "Incoming video call from Bob" (the caller as the core names them). */
/** The caller as my screens name them: my remark for a friend, else their nickname, else their UserID. */
export function callerName(caller: string, friends: readonly { userId: string; remark: string }[], nickname: string | undefined): string {
  return friends.find((f) => f.userId === caller)?.remark.trim() || nickname?.trim() || caller;
}

export function incomingCallText(call: Pick<CallView, 'media' | 'kind'>, callerName: string, locale: string): { title: string; body: string } {
  const text = TEXT[alertLanguage(locale)];
  const name = callerName.trim() || '?';
  const title = call.kind === 'group' ? (call.media === 'video' ? text.groupVideo(name) : text.groupAudio(name)) : call.media === 'video' ? text.video(name) : text.audio(name);
  return { title, body: text.body };
}
