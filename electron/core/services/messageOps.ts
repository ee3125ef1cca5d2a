import { messageId, parseMessageId, textBody, type ChatMessage } from '../../../shared/domain';
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
  isHidden,
  replacePendingBody,
  stateOf,
  writeMessageState,
  type MessageRecord,
} from '../store/tables/messages';
import { insertOutboxOp, rewriteSendBody, sendEntryOf } from '../store/tables/outbox';
import { applyChange, ownText, type MessageChange } from '../sync/messageChanges';
import type { OutboxSender } from '../sync/outboxSender';
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
    const change = { kind: 'message:recall', payload: { conversationId: message.conversationId, messageId: input.id }, createdAt: this.ctx.now() } as const;
    if (this.cancelUnsent(message)) return toChatMessage({ ...message, ...applyChange(change, stateOf(message), this.ctx.me) }, this.ctx.me, 0);
    this.queueChange(message, change);
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
    this.queueChange(message, { kind: 'message:edit', payload: { conversationId: message.conversationId, messageId: input.id, body }, createdAt: this.ctx.now() });
    return this.view(message.rowId);
  }

  react(input: ParsedInput<'messages:react'>): ChatMessage {
    const message = this.mustGet(input.id);
    if (message.recalled) throw new AppError('already_recalled');
    const payload = { conversationId: message.conversationId, messageId: input.id, emoji: input.emoji, add: input.add };
    this.queueChange(message, { kind: 'message:react', payload, createdAt: this.ctx.now() });
    return this.view(message.rowId);
  }

  /** M10: gone from this device at once (`messages:removed`); the server hears of those it holds. */
  deleteForMe(input: ParsedInput<'messages:deleteForMe'>): void {
    const { db, notify, now } = this.ctx;
    const byConversation = new Map<string, { ids: string[]; queued: string[] }>();
    for (const id of new Set(input.ids)) {
      const message = this.find(id);
      if (!message || isHidden(message)) continue;
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

  /**
   * Applies a change locally and queues it, in one transaction. The state it replaced is kept
   * with it: if the server refuses it, the changes still queued are replayed over that (outboxOps).
   */
  private queueChange(message: MessageRecord, change: MessageChange): void {
    const { db, notify, me } = this.ctx;
    const { kind, payload, createdAt } = change;
    transaction(db, () => {
      writeMessageState(db, message.rowId, applyChange(change, stateOf(message), me));
      addPendingOps(db, message.rowId, 1);
      insertOutboxOp(db, { kind, messageRowId: message.rowId, conversationId: message.conversationId, payload, undo: stateOf(message), createdAt });
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
    if (!message || isHidden(message)) throw new AppError('message_not_found');
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
    return toChatMessage(stored, me, getConversation(db, stored.conversationId)?.peerReadSeq ?? 0, db);
  }
}
