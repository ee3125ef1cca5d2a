import { AppError, type ErrorShape } from '../../../shared/errors';
import { requestSchemas } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { markMessageFailed } from '../store/tables/messages';
import { deleteOutboxEntry, makeOutboxDue, noteOutboxFailure, outboxHeads, type OutboxEntry } from '../store/tables/outbox';
import { decideSendFailure, OUTBOX_RETRY, type OutboxRetryOptions } from './outboxPolicy';
import { storeServerMessages, type StoredBatch } from './storeServerMessages';

/**
 * Delivers the outbox, one message at a time. Within a conversation, strictly in the
 * order they were written, so the server assigns seqs in the order the person typed;
 * across conversations, whichever heads are due, so a message the server keeps failing
 * (backing off per entry, see outboxPolicy.ts) never holds up another conversation.
 * Runs whenever kicked while online (a send, every (re)connect, a back-off ending). A lost
 * ack is harmless: the retry carries the same client message ID and the server answers
 * with the stored message (duplicate: true).
 */
export class OutboxSender {
  private draining: Promise<void> | null = null;
  private kickedWhileDraining = false;
  private wakeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: AccountContext,
    private readonly onStored: (batch: StoredBatch) => void,
    private readonly retry: OutboxRetryOptions = OUTBOX_RETRY,
  ) {
    ctx.tasks.signal.addEventListener('abort', () => this.cancelWake(), { once: true });
  }

  /** A new connection: entries backing off after failures on the old one are due again. */
  connected(): void {
    if (this.ctx.tasks.closed) return;
    makeOutboxDue(this.ctx.db);
    this.kick();
  }

  kick(): void {
    if (this.ctx.tasks.closed) return;
    if (this.draining) {
      this.kickedWhileDraining = true;
      return;
    }
    this.cancelWake();
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
      const heads = outboxHeads(ctx.db);
      const now = ctx.now();
      const due = heads.filter((entry) => entry.nextAttemptAt <= now);
      if (due.length === 0) {
        if (heads.length > 0) this.wakeAt(Math.min(...heads.map((entry) => entry.nextAttemptAt)));
        return;
      }
      for (const entry of due) {
        if (ctx.tasks.closed || !ctx.connection.isOnline()) return;
        if ((await this.sendOne(entry)) === 'stop') return;
      }
    }
  }

  private async sendOne(entry: OutboxEntry): Promise<'next' | 'stop'> {
    const { ctx } = this;
    const payload = requestSchemas['message:send'].input.safeParse(entry.payload);
    if (!payload.success) {
      this.fail(entry, { code: 'bad_request', message: 'This message could not be sent: it is malformed.' });
      return 'next';
    }
    try {
      const { message } = await ctx.connection.request('message:send', payload.data);
      if (ctx.tasks.closed) return 'stop';
      if (message.clientMsgId !== entry.payload.clientMsgId) throw new AppError('internal', 'The server acknowledged another message.');
      this.onStored(storeServerMessages(ctx.db, ctx.me, [message], ctx.now()));
      return 'next';
    } catch (error) {
      if (ctx.tasks.closed) return 'stop';
      const failure = error instanceof AppError ? error : new AppError('internal');
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'unexpected error while sending');
      const attempts = entry.attempts + 1;
      const decision = decideSendFailure(failure.code, attempts, this.retry);
      const log = { code: failure.code, clientMsgId: entry.payload.clientMsgId, attempts };
      if (decision.kind === 'stop') return 'stop';
      if (decision.kind === 'fail') {
        ctx.logger.info(log, 'send failed for good');
        this.fail(entry, failure.toShape());
        return 'next';
      }
      ctx.logger.info({ ...log, retryInMs: decision.delayMs }, 'send not acknowledged; will retry');
      noteOutboxFailure(ctx.db, entry.messageRowId, ctx.now() + decision.delayMs);
      return 'next';
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

  /** Every head is backing off: look again when the first is due. */
  private wakeAt(time: number): void {
    this.cancelWake();
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.kick();
    }, Math.max(0, time - this.ctx.now()));
    this.wakeTimer.unref?.();
  }

  private cancelWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }
}
