import type { ChatMessage } from '../../../shared/domain';

type Transfer = NonNullable<ChatMessage['transfer']>;

/**
 * Uploads in progress, by renderer message ID (`<sender>:<clientMsgId>`). Kept in
 * memory: a message is only ever pending with an upload on the one device whose
 * outbox holds it (no other device can have it before it is sent), so the ID is
 * unique across the accounts one process may run. `views.ts` reads it into
 * `ChatMessage.transfer`.
 */
const transfers = new Map<string, Transfer>();

export function currentTransfer(messageId: string): Transfer | null {
  return transfers.get(messageId) ?? null;
}

export function setTransfer(messageId: string, transfer: Transfer | null): void {
  if (transfer === null) transfers.delete(messageId);
  else transfers.set(messageId, transfer);
}

/** At most one call per `intervalMs` (~5 events/s for progress), the last value always delivered. */
export function throttle(intervalMs: number, now: () => number, run: () => void): { poke(): void; flush(): void; cancel(): void } {
  let last = -Infinity;
  let timer: NodeJS.Timeout | null = null;
  const fire = () => {
    timer = null;
    last = now();
    run();
  };
  return {
    poke() {
      if (timer) return;
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else {
        timer = setTimeout(fire, wait);
        timer.unref?.();
      }
    },
    flush() {
      if (timer) clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
