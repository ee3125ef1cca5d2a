import { isEventChannel, type EventChannel } from '../../../shared/ipc/channels';
import type { EventPayload, EventSink } from '../../../shared/ipc/contract';
import type { MainLogger } from '../platform/log';

/** The slice of `WebContents` events are sent to. */
export interface EventReceiver {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Anything with the core's `subscribe(sink)`; it may return an unsubscribe function. */
export interface EventSource {
  subscribe(sink: EventSink): void | (() => void);
}

/**
 * Forwards core events to whichever window is current (it can be closed and
 * reopened on macOS). Only names from EVENT_CHANNELS pass; a destroyed or
 * absent window simply misses the event, since the renderer re-reads state
 * from the core when it loads.
 */
export function forwardCoreEvents(
  source: EventSource,
  getTarget: () => EventReceiver | null | undefined,
  log: Pick<MainLogger, 'warn'>,
): () => void {
  const sink: EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
    if (!isEventChannel(event)) {
      log.warn({ event: String(event) }, 'dropped a core event that is not in EVENT_CHANNELS');
      return;
    }
    const target = getTarget();
    if (!target || target.isDestroyed()) return;
    target.send(event, payload);
  };
  const unsubscribe = source.subscribe(sink);
  return typeof unsubscribe === 'function' ? unsubscribe : () => {};
}
