import type { EventChannel, EventPayload, EventSink } from '../../shared/ipc';
import type { CoreLogger } from './logger';

/** Fans core events out to every subscribed host sink; a failing sink is logged and never stops the others. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly logger: CoreLogger) {}

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => {
      this.sinks.delete(sink);
    };
  }

  readonly emit: EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    for (const sink of [...this.sinks]) {
      try {
        sink(event, payload);
      } catch (error) {
        this.logger.error({ err: error, event }, 'an event sink failed');
      }
    }
  };
}
