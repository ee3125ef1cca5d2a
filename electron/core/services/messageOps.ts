import { messageId, parseMessageId, textBody, type ChatMessage, type Reaction } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { getConversation } from '../store/tables/conversations';
import {
  addPendingOps,
  deleteMessage,
  getMessage,
  getMessagesByRowIds,
  replacePendingBody,
  stateOf,
  writeMessageState,
  type MessageRecord,
  type MessageState,
} from '../store/tables/messages';
import { insertOutboxOp, rewriteSendBody, sendEntryOf, type OutboxKind } from '../store/tables/outbox';
import type { OutboxSender } from '../sync/outboxSender';
import { ownText } from '../sync/storeServerMessages';
import { searchableText } from './messageText';
import { toChatMessage } from './views';

/** The server takes at most this many messages per `message:deleteForMe`. */
const DELETE_BATCH = 100;

/**
 * Changes of stored messages — recall (M5), edit (M14), reactions (M13), delete for me
 * (M10), report (M16). Each is applied to the local store at once (the message shows it,
 * with `hasPendingChanges` until the server confirms) and queued in the outbox behind
 * everything already queued for the conversation, so offline changes replay in order on
 * reconnect. A message whose send has not left yet is changed in place instead: an edit
 * rewrites the queued body; a recall or a deletion cancels the send.
 */
export class MessageOps {
  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
  ) {}

  recall(input: ParsedInput<'messages:recall'>): ChatMessage {
    const message = this.mustGetOwn(input.id);
    if (message.recalled) throw new AppError('already_recalled');
    const recalled: MessageState = { ...stateOf(message), body: [], text: '', recalled: true, recalledText: ownText(message) };
    if (this.cancelUnsent(message)) return toChatMessage({ ...message, ...recalled }, this.ctx.me, 0);
    this.queueChange(message, 'message:recall', { conversationId: message.conversationId, messageId: input.id }, recalled);
    return this.view(message.rowId);
  }

  edit(input: ParsedInput<'messages:edit'>): ChatMessage {
    const message = this.mustGetOwn(input.id);
    if (message.recalled) throw new AppError('already_recalled');
    if (ownText(message) === null) throw new AppError('not_editable');
    const body = textBody(input.text);
    if (this.isUnsent(message)) {
      transaction(this.ctx.db, () => {
        replacePendingBody(this.ctx.db, message.rowId, body, searchableText(body));
        rewriteSendBody(this.ctx.db, message.rowId, body);
      });
      this.ctx.notify.messages(message.conversationId, [message.rowId]);
      this.ctx.notify.conversations([message.conversationId]);
      return this.view(message.rowId);
    }
    const edited: MessageState = { ...stateOf(message), body, text: searchableText(body), editedAt: this.ctx.now() };
    this.queueChange(message, 'message:edit', { conversationId: message.conversationId, messageId: input.id, body }, edited);
    return this.view(message.rowId);
  }

  react(input: ParsedInput<'messages:react'>): ChatMessage {
    const message = this.mustGet(input.id);
    if (message.recalled) throw new AppError('already_recalled');
    const reactions = withReaction(message.reactions, input.emoji, this.ctx.me, input.add);
    this.queueChange(
      message,
      'message:react',
      { conversationId: message.conversationId, messageId: input.id, emoji: input.emoji, add: input.add },
      { ...stateOf(message), reactions },
    );
    return this.view(message.rowId);
  }

  /** M10: gone from this device at once (`messages:removed`); the server hears of those it holds. */
  deleteForMe(input: ParsedInput<'messages:deleteForMe'>): void {
    const { db, notify, now } = this.ctx;
    const byConversation = new Map<string, { ids: string[]; queued: string[] }>();
    for (const id of new Set(input.ids)) {
      const message = this.find(id);
      if (!message || message.deleted) continue;
      const entry = byConversation.get(message.conversationId) ?? { ids: [], queued: [] };
      byConversation.set(message.conversationId, entry);
      entry.ids.push(id);
      if (this.cancelUnsent(message, false)) continue;
      transaction(db, () => writeMessageState(db, message.rowId, { ...stateOf(message), body: [], text: '', deleted: true }));
      entry.queued.push(id);
    }
    for (const [conversationId, { ids, queued }] of byConversation) {
      transaction(db, () => {
        for (let i = 0; i < queued.length; i += DELETE_BATCH) {
          const messageIds = queued.slice(i, i + DELETE_BATCH);
          insertOutboxOp(db, { kind: 'message:deleteForMe', messageRowId: null, conversationId, payload: { conversationId, messageIds }, createdAt: now() });
        }
      });
      notify.removed(conversationId, ids);
      notify.conversations([conversationId]);
    }
    this.outbox.kick();
  }

  /** M16: queued like every other change (a report made offline is delivered on reconnect). */
  report(input: ParsedInput<'messages:report'>): void {
    const message = this.mustGet(input.id);
    if (message.seq === null && message.sender === this.ctx.me) throw new AppError('bad_request', 'Only delivered messages can be reported.');
    const payload = { conversationId: message.conversationId, messageId: input.id, reason: input.reason, ...(input.note ? { note: input.note } : {}) };
    insertOutboxOp(this.ctx.db, { kind: 'message:report', messageRowId: null, conversationId: message.conversationId, payload, createdAt: this.ctx.now() });
    this.outbox.kick();
  }

  /** Applies a change locally and queues it, in one transaction. */
  private queueChange(message: MessageRecord, kind: OutboxKind, payload: unknown, next: MessageState): void {
    const { db, notify, now } = this.ctx;
    transaction(db, () => {
      writeMessageState(db, message.rowId, next);
      addPendingOps(db, message.rowId, 1);
      insertOutboxOp(db, { kind, messageRowId: message.rowId, conversationId: message.conversationId, payload, undo: stateOf(message), createdAt: now() });
    });
    notify.messages(message.conversationId, [message.rowId]);
    notify.conversations([message.conversationId]);
    this.outbox.kick();
  }

  /**
   * Own and not acknowledged, and its send has never left: it can still be changed or taken
   * back locally. A send that is on the wire, or left before without an ack (a drop, a
   * timeout, a quit), may be stored on the server: changes then queue behind it.
   */
  private isUnsent(message: MessageRecord): boolean {
    if (message.seq !== null || message.sender !== this.ctx.me) return false;
    const send = sendEntryOf(this.ctx.db, message.rowId);
    return !send || (!send.tried && !this.outbox.isInFlight(send.id));
  }

  /** Takes back a message that never reached the server (its send goes with it); returns false if it may have. */
  private cancelUnsent(message: MessageRecord, announce = true): boolean {
    if (!this.isUnsent(message)) return false;
    deleteMessage(this.ctx.db, message.rowId);
    if (announce) {
      this.ctx.notify.removed(message.conversationId, [messageId(message.sender, message.clientMsgId)]);
      this.ctx.notify.conversations([message.conversationId]);
    }
    return true;
  }

  private find(id: string): MessageRecord | null {
    const key = parseMessageId(id);
    return (key && getMessage(this.ctx.db, key.sender, key.clientMsgId)) ?? null;
  }

  private mustGet(id: string): MessageRecord {
    const message = this.find(id);
    if (!message || message.deleted) throw new AppError('message_not_found');
    return message;
  }

  private mustGetOwn(id: string): MessageRecord {
    const message = this.mustGet(id);
    if (message.sender !== this.ctx.me) throw new AppError('not_own_message');
    return message;
  }

  private view(rowId: number): ChatMessage {
    const { db, me } = this.ctx;
    const stored = getMessagesByRowIds(db, [rowId])[0];
    if (!stored) throw new AppError('message_not_found');
    return toChatMessage(stored, me, getConversation(db, stored.conversationId)?.peerReadSeq ?? 0);
  }
}

/** M13: adds or removes the user's reaction with `emoji` (idempotent, like the server). */
export function withReaction(reactions: readonly Reaction[], emoji: string, me: string, add: boolean): Reaction[] {
  const next = reactions.map((r) => (r.emoji === emoji ? { emoji, userIds: r.userIds.filter((u) => u !== me) } : r));
  const index = next.findIndex((r) => r.emoji === emoji);
  if (add) {
    if (index === -1) next.push({ emoji, userIds: [me] });
    else next[index]?.userIds.push(me);
  }
  return next.filter((r) => r.userIds.length > 0);
}
