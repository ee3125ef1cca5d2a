import { MsgBody, type StoredBody } from '../../../shared/domain';
import { AppError, type ErrorShape } from '../../../shared/errors';
import { requestSchemas, type RequestName } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { searchableText } from '../services/messageText';
import { transaction } from '../store/database';
import { markMessageFailed, replacePendingBody } from '../store/tables/messages';
import {
  deleteOutboxOp,
  makeOutboxDue,
  markOutboxTried,
  noteOutboxFailure,
  outboxHead,
  outboxHeads,
  rewriteSendBody,
  type OutboxOp,
  type OutboxPayload,
} from '../store/tables/outbox';
import { applyOpReply, refetchConversationState, undoOp } from './outboxOps';
import { decideSendFailure, OUTBOX_RETRY, type OutboxRetryOptions } from './outboxPolicy';
import type { StoredBatch } from './storeServerMessages';

/** A queued send about to go out, for a `BodyPreparer`. */
export interface SendToPrepare {
  messageRowId: number;
  conversationId: string;
  clientMsgId: string;
  /** The body as queued (it may refer to a file that is not uploaded yet). */
  body: StoredBody;
}

/**
 * Runs before each send leaves (the media module uploads attachments here): returns the
 * body to send instead — stored as the message's and the outbox entry's body before the
 * request — or null to send the queued body as is. Throwing an AppError is handled like a
 * failed send (`offline` waits for the next connect, timeouts back off, refusals fail the
 * message); `signal` aborts when the account closes.
 */
export type BodyPreparer = (send: SendToPrepare, signal: AbortSignal) => Promise<MsgBody | null>;

/**
 * Delivers the outbox (docs/adr/0002): sends and every change queued while offline (edit,
 * recall, reaction, deletion for me, report, clear, delete, settings). Within a conversation
 * strictly in the order queued — so the server assigns seqs in the order the person typed,
 * and a change of a message waits behind its send — one at a time; conversations run side
 * by side, so an upload or an entry the server keeps failing (backing off per entry, see
 * outboxPolicy.ts) never holds up another conversation. Runs whenever kicked while online
 * (a change, every (re)connect, a back-off ending). A lost ack is harmless: a retried send
 * carries the same client message ID, and the other operations are idempotent on the server.
 */
export class OutboxSender {
  /** Conversations whose queue is being worked on. */
  private readonly running = new Set<string>();
  /** Conversations kicked while their worker ran: look at them again when it ends. */
  private readonly rekick = new Set<string>();
  /** Outbox ids whose request is on the wire: they can no longer be cancelled locally. */
  private readonly inFlight = new Set<number>();
  private wakeTimer: NodeJS.Timeout | null = null;
  private wakeTime = Number.POSITIVE_INFINITY;
  private prepareBody: BodyPreparer | null = null;

  constructor(
    private readonly ctx: AccountContext,
    private readonly onStored: (batch: StoredBatch) => void,
    private readonly retry: OutboxRetryOptions = OUTBOX_RETRY,
  ) {
    ctx.tasks.signal.addEventListener('abort', () => this.cancelWake(), { once: true });
  }

  /** Registers the step that readies a send's body (uploads); one preparer per account. */
  setBodyPreparer(preparer: BodyPreparer | null): void {
    this.prepareBody = preparer;
  }

  /** Whether this outbox entry is being delivered right now (a send can then no longer be taken back). */
  isInFlight(opId: number): boolean {
    return this.inFlight.has(opId);
  }

  /** A new connection: entries backing off after failures on the old one are due again. */
  connected(): void {
    if (this.ctx.tasks.closed) return;
    makeOutboxDue(this.ctx.db);
    this.kick();
  }

  kick(): void {
    const { ctx } = this;
    if (ctx.tasks.closed || !ctx.connection.isOnline()) return;
    this.cancelWake();
    for (const head of outboxHeads(ctx.db)) this.startWorker(head.conversationId);
  }

  private startWorker(conversationId: string): void {
    if (this.running.has(conversationId)) {
      this.rekick.add(conversationId);
      return;
    }
    this.running.add(conversationId);
    void this.ctx.tasks.track(
      this.work(conversationId).finally(() => {
        this.running.delete(conversationId);
        if (this.rekick.delete(conversationId)) this.startWorker(conversationId);
      }),
    );
  }

  private async work(conversationId: string): Promise<void> {
    const { ctx } = this;
    while (!ctx.tasks.closed && ctx.connection.isOnline()) {
      this.rekick.delete(conversationId);
      const head = outboxHead(ctx.db, conversationId);
      if (!head) return;
      if (head.nextAttemptAt > ctx.now()) {
        this.wakeAt(head.nextAttemptAt);
        return;
      }
      if ((await this.deliver(head)) === 'stop') return;
    }
  }

  private async deliver(op: OutboxOp): Promise<'next' | 'stop'> {
    const { ctx } = this;
    this.inFlight.add(op.id);
    try {
      const payload = op.kind === 'message:send' ? await this.prepared(op) : op.payload;
      if (ctx.tasks.closed) return 'stop';
      const input = requestSchemas[op.kind].input.safeParse(payload);
      if (!input.success) {
        this.refused(op, { code: 'bad_request', message: 'This change could not be sent: it is malformed.' });
        return 'next';
      }
      // Written before the request leaves (and survives a quit): a send that may have reached the
      // server can no longer be taken back locally, its later changes must follow it (messageOps).
      if (op.kind === 'message:send' && !op.tried) markOutboxTried(ctx.db, op.id);
      const reply: unknown = await ctx.connection.request(op.kind as RequestName, input.data as never);
      if (ctx.tasks.closed) return 'stop';
      const output = requestSchemas[op.kind].output.safeParse(reply);
      if (!output.success) throw new AppError('internal', 'The server sent a reply this app cannot read.');
      if (op.kind === 'message:send' && !acknowledges(output.data, (op.payload as OutboxPayload).clientMsgId)) {
        throw new AppError('internal', 'The server acknowledged another message.');
      }
      this.onStored(applyOpReply(ctx, op, output.data));
      return 'next';
    } catch (error) {
      if (ctx.tasks.closed) return 'stop';
      const failure = error instanceof AppError ? error : new AppError('internal');
      if (!(error instanceof AppError)) ctx.logger.error({ err: error }, 'unexpected error while delivering the outbox');
      const attempts = op.attempts + 1;
      const decision = decideSendFailure(failure.code, attempts, this.retry);
      const log = { code: failure.code, kind: op.kind, outboxId: op.id, attempts };
      if (decision.kind === 'stop') return 'stop';
      if (decision.kind === 'fail') {
        ctx.logger.info(log, 'outbox entry refused for good');
        this.refused(op, failure.toShape());
        return 'next';
      }
      ctx.logger.info({ ...log, retryInMs: decision.delayMs }, 'outbox entry not acknowledged; will retry');
      noteOutboxFailure(ctx.db, op.id, ctx.now() + decision.delayMs);
      return 'next';
    } finally {
      this.inFlight.delete(op.id);
    }
  }

  /** The send's payload after the body preparer ran (its new body stored first, so a restart does not upload twice). */
  private async prepared(op: OutboxOp): Promise<unknown> {
    const payload = op.payload as OutboxPayload;
    if (!this.prepareBody || op.messageRowId === null) return payload;
    const body = await this.prepareBody(
      { messageRowId: op.messageRowId, conversationId: op.conversationId, clientMsgId: payload.clientMsgId, body: payload.body as StoredBody },
      this.ctx.tasks.signal,
    );
    if (body === null || this.ctx.tasks.closed) return payload;
    const checked = MsgBody.parse(body);
    const rowId = op.messageRowId;
    transaction(this.ctx.db, () => {
      replacePendingBody(this.ctx.db, rowId, checked, searchableText(checked));
      rewriteSendBody(this.ctx.db, rowId, checked);
    });
    this.ctx.notify.messages(op.conversationId, [rowId]);
    return { ...payload, body: checked };
  }

  /** A refusal a retry cannot change: a send fails its message (retry re-queues it); any other change is undone. */
  private refused(op: OutboxOp, reason: ErrorShape): void {
    const { ctx } = this;
    if (op.kind === 'message:send' && op.messageRowId !== null) {
      const rowId = op.messageRowId;
      transaction(ctx.db, () => {
        markMessageFailed(ctx.db, rowId, reason);
        deleteOutboxOp(ctx.db, op.id);
      });
      ctx.notify.messages(op.conversationId, [rowId]);
      ctx.notify.conversations([op.conversationId]);
      return;
    }
    undoOp(ctx, op, reason);
    if (op.kind.startsWith('conversation:')) {
      void ctx.tasks.track(
        refetchConversationState(ctx, op).catch((error: unknown) => {
          // The next catch-up brings the same state; nothing is lost by waiting for it.
          ctx.logger.info({ err: error, conversationId: op.conversationId }, 'could not refetch a conversation after a refusal');
        }),
      );
    }
  }

  /** Every head is backing off: look again when the first is due. */
  private wakeAt(time: number): void {
    if (this.wakeTimer && time >= this.wakeTime) return;
    this.cancelWake();
    this.wakeTime = time;
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.wakeTime = Number.POSITIVE_INFINITY;
      this.kick();
    }, Math.max(0, time - this.ctx.now()));
    this.wakeTimer.unref?.();
  }

  private cancelWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wakeTime = Number.POSITIVE_INFINITY;
  }
}

function acknowledges(reply: unknown, clientMsgId: string): boolean {
  return (reply as { message?: { clientMsgId?: string } }).message?.clientMsgId === clientMsgId;
}
