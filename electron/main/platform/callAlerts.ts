import { app, Notification, type BrowserWindow } from 'electron';
import type { CallView, EventChannel, EventPayload, EventSink, IpcHandlers } from '../../../shared/ipc';
import { revealWindow } from '../windows/mainWindow';
import { callerName, incomingCallText, IncomingCallAlerts, type CallAlertStep } from './incomingCallAlert';
import type { MainLogger } from './log';

export interface CallAlertDeps {
  /** The core's event hub (`ChatCore.subscribe`). */
  subscribe(sink: EventSink): () => void;
  /** Names the caller as the core knows them: my remark for a friend, else their profile's nickname. */
  lookup: IpcHandlers['users:lookup'];
  contacts: IpcHandlers['contacts:list'];
  getWindow(): BrowserWindow | null;
  log: Pick<MainLogger, 'warn'>;
}

/**
 * C3, the Electron part (thin; decisions in incomingCallAlert.ts): a call that starts ringing for me while the
 * window is not focused flashes the window (bounces the dock on macOS) and shows "Incoming video call from Bob";
 * a click brings the window forward, where the ringing screen is. Returns `{ windowFocused, stop }`.
 */
export function watchIncomingCalls(deps: CallAlertDeps): { windowFocused(): void; stop(): void } {
  const alerts = new IncomingCallAlerts();
  const shown = new Map<string, Notification>();
  let bounce: number | null = null;

  const windowNow = () => {
    const window = deps.getWindow();
    return window && !window.isDestroyed() ? window : null;
  };

  const alert = async (call: CallView) => {
    const window = windowNow();
    window?.flashFrame(true);
    if (process.platform === 'darwin' && app.dock) bounce = app.dock.bounce('critical');
    if (typeof Notification?.isSupported !== 'function' || !Notification.isSupported()) return;
    const [profile, contacts] = await Promise.all([deps.lookup({ userId: call.caller }).catch(() => null), deps.contacts({}).catch(() => null)]);
    const { title, body } = incomingCallText(call, callerName(call.caller, contacts?.friends ?? [], profile?.nickname), app.getLocale());
    if (!alerts.isAlerted(call.callId)) return; // stopped ringing while the name was looked up
    const notification = new Notification({ title, body, urgency: 'critical', timeoutType: 'never' });
    notification.on('click', () => {
      const target = windowNow();
      if (target) revealWindow(target);
    });
    shown.set(call.callId, notification);
    notification.show();
  };

  const dismiss = (callId: string) => {
    shown.get(callId)?.close();
    shown.delete(callId);
    if (alerts.alertedCount() > 0) return;
    windowNow()?.flashFrame(false);
    if (bounce !== null && app.dock) app.dock.cancelBounce(bounce);
    bounce = null;
  };

  const apply = (step: CallAlertStep | null) => {
    if (step?.type === 'alert') void alert(step.call).catch((error: unknown) => deps.log.warn({ err: error }, 'the incoming-call alert failed'));
    else if (step?.type === 'dismiss') dismiss(step.callId);
  };

  const sink: EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    if (event === 'calls:changed') {
      const { call } = payload as EventPayload<'calls:changed'>;
      apply(alerts.callChanged(call, windowNow()?.isFocused() ?? false));
    } else if (event === 'session:changed' && (payload as EventPayload<'session:changed'>).state !== 'signedIn') {
      alerts.reset().forEach(apply);
    }
  };
  const unsubscribe = deps.subscribe(sink);
  return {
    windowFocused: () => alerts.windowFocused().forEach(apply),
    stop: () => {
      unsubscribe();
      alerts.reset().forEach(apply);
    },
  };
}
