import { c2cConversationId, parseConversationId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { PushPayload } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';

/** M9: at most one `typing:set` per conversation in this window. */
export const TYPING_SEND_INTERVAL_MS = 3_000;
/** How long a "typing" indicator lasts without a renewal; senders renew every 3 s. */
export const TYPING_SHOW_MS = 6_000;

/**
 * M9 typing indicator, online only and never stored. Outbound notifications are
 * throttled per conversation; inbound ones show for a few seconds, or until a
 * message from that person arrives.
 */
export class TypingService {
  private readonly lastSent = new Map<string, number>();
  private readonly shown = new Map<string, { userId: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly ctx: AccountContext,
    private readonly showMs: number = TYPING_SHOW_MS,
  ) {}

  /** Called as the person types; sends at most once per 3 s per conversation, and nothing offline. */
  notify(target: string): void {
    const { connection, now, logger } = this.ctx;
    const parsed = parseConversationId(target);
    if (parsed === null) throw new AppError('bad_request', 'Unknown conversation ID.');
    // M9 is one-to-one (the server refuses typing:set in groups): the composer of a group conversation calls
    // this as in any other, and it is simply not announced, rather than an error the person cannot act on.
    if (parsed.kind === 'group') return;
    const conversationId = c2cConversationId(parsed.peer);
    if (!connection.isOnline()) return;
    const last = this.lastSent.get(conversationId);
    if (last !== undefined && now() - last < TYPING_SEND_INTERVAL_MS) return;
    this.lastSent.set(conversationId, now());
    this.ctx.tasks.track(
      connection.request('typing:set', { conversationId }).catch((error: unknown) => {
        logger.debug({ err: error, conversationId }, 'typing notification not delivered');
      }),
    );
  }

  /**
   * The peer hides our indicator when our message arrives, so typing right after a
   * send must be announced at once rather than waiting out the throttle.
   */
  messageSent(conversationId: string): void {
    this.lastSent.delete(conversationId);
  }

  onPush(payload: PushPayload<'typing:changed'>): void {
    // Someone else's typing shows in the conversation named after them; our own other devices are not shown.
    if (payload.from === this.ctx.me) return;
    const conversationId = c2cConversationId(payload.from);
    const current = this.shown.get(conversationId);
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => this.hide(conversationId), this.showMs);
    this.shown.set(conversationId, { userId: payload.from, timer });
    if (!current) this.ctx.notify.typing(conversationId, payload.from, true);
  }

  /** A message from `userId` arrived: they have stopped typing it. */
  onMessageFrom(conversationId: string, userId: string): void {
    if (this.shown.get(conversationId)?.userId === userId) this.hide(conversationId);
  }

  stop(): void {
    for (const { timer } of this.shown.values()) clearTimeout(timer);
    this.shown.clear();
  }

  private hide(conversationId: string): void {
    const current = this.shown.get(conversationId);
    if (!current) return;
    clearTimeout(current.timer);
    this.shown.delete(conversationId);
    this.ctx.notify.typing(conversationId, current.userId, false);
  }
}
