/**
 * C3: a system notification for an incoming call while the app is in the background (document hidden).
 * Permission is asked only then, never up front; clicking the notification brings the app forward.
 */
export function notifyIncomingCall(tag: string, title: string, body: string): () => void {
  const N = (globalThis as { Notification?: typeof Notification }).Notification;
  if (!N || typeof document === 'undefined' || !document.hidden) return () => undefined;
  let shown: Notification | null = null;
  let closed = false;
  const show = () => {
    if (closed || N.permission !== 'granted') return;
    try {
      shown = new N(title, { body, tag, requireInteraction: true });
      shown.onclick = () => {
        window.focus();
        shown?.close();
      };
    } catch {
      shown = null;
    }
  };
  if (N.permission === 'default') void N.requestPermission().then(show, () => undefined);
  else show();
  return () => {
    closed = true;
    shown?.close();
  };
}
