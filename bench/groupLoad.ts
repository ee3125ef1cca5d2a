import { RawClient } from './rawClient';
import { authFor, type Ready } from './serverBench';
import { nowMs } from './stats';

const CREATED_PREFIX = '42["message:created",';
const ID_KEY = '"clientMsgId":"';

/** Connects u<first>…u<first+count-1> as raw socket.io clients, 50 at a time. */
export async function connectMembers(ready: Ready, first: number, count: number): Promise<RawClient[]> {
  const clients: RawClient[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => RawClient.connect(ready.url, authFor(ready, `u${first + i + j}`)));
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

interface Pending {
  sentAt: number;
  expected: number;
  received: number;
  done: (elapsedMs: number) => void;
}

/**
 * Counts `message:created` pushes per clientMsgId over every connected member (reading the ID from the
 * frame's text, see RawClient.onRaw) and reports, per message, the time from its send to its last recipient.
 */
export class DeliveryTracker {
  private readonly pending = new Map<string, Pending>();
  readonly strays: string[] = [];

  constructor(clients: readonly RawClient[]) {
    for (const client of clients) client.onRaw((text) => this.onFrame(text));
  }

  /** Sends through `sender` and resolves with ms until `expected` members have the message (or rejects after timeoutMs). */
  async send(sender: RawClient, conversationId: string, clientMsgId: string, expected: number, timeoutMs: number): Promise<number> {
    let cancel = (): void => {};
    const delivered = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        const entry = this.pending.get(clientMsgId);
        this.pending.delete(clientMsgId);
        reject(new Error(`${clientMsgId}: ${entry?.received ?? 0} of ${expected} recipients within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(clientMsgId, {
        sentAt: nowMs(),
        expected,
        received: 0,
        done: (elapsed) => {
          clearTimeout(timer);
          resolve(elapsed);
        },
      });
      cancel = () => clearTimeout(timer);
    });
    const ack = (await sender.emitWithAck('message:send', {
      groupConversationId: conversationId,
      clientMsgId,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: clientMsgId } }],
    })) as { ok: boolean; error?: unknown };
    if (!ack.ok) {
      cancel();
      this.pending.delete(clientMsgId);
      throw new Error(`group send refused: ${JSON.stringify(ack.error)}`);
    }
    return delivered;
  }

  private onFrame(text: string): boolean {
    if (!text.startsWith(CREATED_PREFIX)) return false;
    const at = text.indexOf(ID_KEY);
    const id = at < 0 ? '' : text.slice(at + ID_KEY.length, text.indexOf('"', at + ID_KEY.length));
    const entry = this.pending.get(id);
    if (!entry) {
      if (this.strays.length < 10) this.strays.push(id);
      return true;
    }
    entry.received += 1;
    if (entry.received === entry.expected) {
      this.pending.delete(id);
      entry.done(nowMs() - entry.sentAt);
    }
    return true;
  }
}
