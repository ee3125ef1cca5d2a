import { parseConversationId, type GroupConversationId, type ServerMessage } from '../../../shared/domain';
import type { AccountContext } from '../accountContext';
import type { BackoffOptions } from '../connection/backoff';
import type { TypingService } from '../services/typing';
import { CatchUp } from './catchUp';
import { LiveMessages } from './liveMessages';
import { Modifications } from './modifications';
import type { OutboxSender } from './outboxSender';
import { fetchNewer, fetchOlder } from './rangeFetch';
import { ReadPositions } from './readPositions';
import { SenderNames } from './senderNames';
import { storeServerMessages, type Coverage, type StoredBatch } from './storeServerMessages';
import type { SyncSession } from './syncSession';

/**
 * Keeps one account's local store in step with the server: wires the connection's
 * events and pushes to catch-up (`catchUp.ts`), live messages (`liveMessages.ts`) and
 * read positions (`readPositions.ts`), and publishes what they store. See sync/README.md.
 */
export class SyncEngine {
  /** Bumped on every connect and disconnect: work from an older connection stops touching anything. */
  private generation = 0;
  private unsubscribe: Array<() => void> = [];
  private readonly session: SyncSession;
  private readonly catchUp: CatchUp;
  private readonly live: LiveMessages;
  private readonly reads: ReadPositions;
  private readonly modifications: Modifications;
  private readonly senderNames: SenderNames;

  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
    private readonly typing: TypingService,
    options: { catchUpRetry?: BackoffOptions } = {},
  ) {
    this.session = {
      ctx,
      generation: () => this.generation,
      isCurrent: (generation) => !ctx.tasks.closed && generation === this.generation && ctx.connection.isOnline(),
      store: (messages, coverage) => this.store(messages, coverage),
    };
    this.reads = new ReadPositions(this.session);
    this.senderNames = new SenderNames(ctx);
    this.live = new LiveMessages(this.session, this.senderNames);
    this.modifications = new Modifications(this.session);
    this.catchUp = new CatchUp(this.session, this.reads, outbox, this.modifications, options.catchUpRetry);
  }

  start(): void {
    const { connection, presence, notify, tasks } = this.ctx;
    this.unsubscribe = [
      connection.on('connected', () => this.onConnected()),
      connection.on('disconnected', () => this.onDisconnected()),
      connection.onPush('message:created', (m) => void tasks.track(this.live.onMessageCreated(m))),
      connection.onPush('conversation:read', (p) => this.reads.onPush(p)),
      connection.onPush('message:updated', (m) => this.modifications.onMessageUpdated(m)),
      connection.onPush('conversation:updated', (c) => this.modifications.onConversationUpdated(c)),
      connection.onPush('conversation:deleted', (p) => this.modifications.onConversationDeleted(p)),
      connection.onPush('message:receipt', (p) => this.modifications.onReceipt(p)),
      connection.onPush('topic:messagesMoved', (p) => void tasks.track(this.refreshMoved([p.fromConversationId, p.toConversationId]))),
      connection.onPush('typing:changed', (p) => this.typing.onPush(p)),
      connection.onPush('presence:changed', (p) => {
        if (presence.set(p.userId, p.status, p.customStatus)) notify.presenceOf([p.userId]);
      }),
    ];
  }

  stop(): void {
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.live.stop();
    this.generation += 1;
  }

  /** Emits events for a stored batch; shared with the outbox. */
  readonly publish = (batch: StoredBatch): void => {
    const { notify } = this.ctx;
    for (const [conversationId, rowIds] of batch.changed) notify.messages(conversationId, rowIds);
    for (const [conversationId, ids] of batch.removed) notify.removed(conversationId, ids);
    notify.conversations(batch.conversations);
    for (const { conversationId, from } of batch.arrivals) {
      if (parseConversationId(conversationId)?.kind === 'group') this.senderNames.note(conversationId, from);
      else this.typing.onMessageFrom(conversationId, from);
    }
    for (const conversationId of batch.conversations) this.live.checkForGapSoon(conversationId);
  };

  /** M4 history paging: fetches and stores up to `limit` messages below `beforeSeq`. */
  fetchOlder(conversationId: string, beforeSeq: number, limit: number): Promise<void> {
    return fetchOlder(this.session, conversationId, beforeSeq, limit);
  }

  /** Paging towards the present: fetches and stores up to `limit` messages after `afterSeq`. */
  fetchNewer(conversationId: string, afterSeq: number, limit: number): Promise<void> {
    return fetchNewer(this.session, conversationId, afterSeq, limit);
  }

  private store(messages: readonly ServerMessage[], coverage?: Coverage): StoredBatch {
    const batch = storeServerMessages(this.ctx.db, this.ctx.me, messages, this.ctx.now(), coverage);
    this.publish(batch);
    return batch;
  }

  /** ADR 0005: a failed refresh is left to the next connect's catch-up, which covers the same ground. */
  private async refreshMoved(conversationIds: readonly GroupConversationId[]): Promise<void> {
    try {
      await this.catchUp.refresh(conversationIds, this.generation);
    } catch (error) {
      this.ctx.logger.info({ err: error, conversationIds }, 'catching up moved topic messages failed; the next connect does');
    }
  }

  private onConnected(): void {
    this.generation += 1;
    this.outbox.connected();
    void this.ctx.tasks.track(this.catchUp.run(this.generation));
  }

  private onDisconnected(): void {
    this.generation += 1;
    const unknown = this.ctx.presence.clear();
    if (unknown.length > 0) this.ctx.notify.presenceOf(unknown);
  }
}
