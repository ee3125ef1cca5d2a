import { AppError, type ErrorCode, type ErrorShape } from '../../../shared/errors';
import { requestSchemas } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { markMessageFailed } from '../store/tables/messages';
import { deleteOutboxEntry, nextOutboxEntry, noteOutboxAttempt, type OutboxEntry } from '../store/tables/outbox';
import { sleep } from '../util/taskTracker';
import { storeServerMessages, type StoredBatch } from './storeServerMessages';

/** Refusals a retry cannot change: the message fails for good and leaves the outbox. */
export const PERMANENT_SEND_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'user_not_found',
  'body_too_large',
  'bad_request',
  'forbidden',
  'not_found',
]);

/** Wait before re-sending after a timeout or a transient server error while still connected. */
const RETRY_DELAY_MS = 1_000;

type Outcome = 'next' | 'stop' | 'retryLater';

/**
 * Delivers the outbox: strictly one message at a time in the order they were written,
 * so the server assigns seqs in the order the person typed. Runs whenever kicked while
 * online (a send, every (re)connect). A lost ack is harmless: the retry carries the same
 * client message ID and the server answers with the stored message (duplicate: true).
 */
export class OutboxSender {
  private draining: Promise<void> | null = null;
  private kickedWhileDraining = false;

  constructor(
    private readonly ctx: AccountContext,
    private readonly onStored: (batch: StoredBatch) => void,
  ) {}

  kick(): void {
    if (this.ctx.tasks.closed) return;
    if (this.draining) {
      this.kickedWhileDraining = true;
      return;
    }
    this.draining = this.ctx.tasks.track(
      this.drain().finally(() => {
        this.draining = null;
        if (this.kickedWhileDraining) {
          this.kickedWhileDraining = false;
          this.kick();
        }
      }),
    );
  }

  private async drain(): Promise<void> {
    const { ctx } = this;
    while (!ctx.tasks.closed && ctx.connection.isOnline()) {
      const entry = nextOutboxEntry(ctx.db);
      if (!entry) return;
      const outcome = await this.sendOne(entry);
      if (outcome === 'stop') return;
      if (outcome === 'retryLater') await sleep(RETRY_DELAY_MS, ctx.tasks.signal);
    }
  }

  private async sendOne(entry: OutboxEntry): Promise<Outcome> {
    const { ctx } = this;
    const payload = requestSchemas['message:send'].input.safeParse(entry.payload);
    if (!payload.success) {
      this.fail(entry, { code: 'bad_request', message: 'This message could not be sent: it is malformed.' });
      return 'next';
    }
    noteOutboxAttempt(ctx.db, entry.messageRowId);
    try {
      const { message } = await ctx.connection.request('message:send', payload.data);
      if (ctx.tasks.closed) return 'stop';
      if (message.clientMsgId !== entry.payload.clientMsgId) throw new AppError('internal', 'The server acknowledged another message.');
      this.onStored(storeServerMessages(ctx.db, ctx.me, [message], ctx.now()));
      return 'next';
    } catch (error) {
      if (ctx.tasks.closed) return 'stop';
      const code = error instanceof AppError ? error.code : 'internal';
      if (PERMANENT_SEND_ERRORS.has(code)) {
        this.fail(entry, { code, message: error instanceof Error ? error.message : String(error) });
        return 'next';
      }
      ctx.logger.info({ code, clientMsgId: entry.payload.clientMsgId, attempts: entry.attempts + 1 }, 'send not acknowledged; will retry');
      return code === 'offline' || code === 'unauthenticated' ? 'stop' : 'retryLater';
    }
  }

  private fail(entry: OutboxEntry, reason: ErrorShape): void {
    const { ctx } = this;
    transaction(ctx.db, () => {
      markMessageFailed(ctx.db, entry.messageRowId, reason);
      deleteOutboxEntry(ctx.db, entry.messageRowId);
    });
    ctx.notify.messages(entry.conversationId, [entry.messageRowId]);
    ctx.notify.conversations([entry.conversationId]);
  }
}
