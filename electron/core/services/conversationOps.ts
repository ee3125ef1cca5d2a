import type { Conversation } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { getConversation, listConversations, setConversationSettings, setDraft, unreadCount } from '../store/tables/conversations';
import { highestSeq } from '../store/tables/messages';
import { insertOutboxOp } from '../store/tables/outbox';
import { applyClear, applyDeleted } from '../sync/conversationState';
import type { OutboxSender } from '../sync/outboxSender';
import type { ConversationService } from './conversations';

/**
 * M10/M12 changes of whole conversations: settings (pin, receive option), drafts, mark all
 * read, clear and delete. Settings, clear and delete apply locally at once and go to the
 * server through the outbox (in order with the conversation's other queued changes); drafts
 * stay on this device.
 */
export class ConversationOps {
  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
    private readonly conversations: ConversationService,
  ) {}

  setSettings(input: ParsedInput<'conversations:setSettings'>): Conversation {
    const { db, notify, now } = this.ctx;
    this.mustGet(input.conversationId);
    const { conversationId, pinned, recvOpt } = input;
    if (pinned === undefined && recvOpt === undefined) return this.conversations.get(conversationId);
    const payload = { conversationId, ...(pinned === undefined ? {} : { pinned }), ...(recvOpt === undefined ? {} : { recvOpt }) };
    transaction(db, () => {
      setConversationSettings(db, conversationId, { pinned, recvOpt });
      insertOutboxOp(db, { kind: 'conversation:setSettings', messageRowId: null, conversationId, payload, createdAt: now() });
    });
    notify.conversations([conversationId]);
    this.outbox.kick();
    return this.conversations.get(conversationId);
  }

  /** M12: kept in the local store (survives restarts); empty or blank text clears it. */
  setDraft(input: ParsedInput<'conversations:setDraft'>): void {
    const { db, notify, now } = this.ctx;
    const conversation = this.mustGet(input.conversationId);
    const draft = input.text.trim() === '' ? null : input.text;
    if (draft === conversation.draft) return;
    setDraft(db, conversation.id, draft, now());
    notify.conversations([conversation.id]);
  }

  /** M12 (Shift+Esc): every conversation read up to the newest message this device holds. */
  markAllRead(): void {
    const { db } = this.ctx;
    for (const conversation of listConversations(db)) {
      if (unreadCount(db, conversation) > 0) this.conversations.markRead(conversation.id, highestSeq(db, conversation.id));
    }
  }

  /** M10: my history of the conversation up to its last message goes, here at once and on the server. */
  clear(input: ParsedInput<'conversations:clear'>): void {
    const conversation = this.mustGet(input.conversationId);
    applyClear(this.ctx, conversation.id, conversation.lastSeq);
    this.queue(conversation.id, 'conversation:clear');
  }

  /** M10: cleared, and out of the list until a new message arrives. */
  delete(input: ParsedInput<'conversations:delete'>): void {
    const conversation = this.mustGet(input.conversationId);
    applyDeleted(this.ctx, conversation.id, conversation.lastSeq);
    this.queue(conversation.id, 'conversation:delete');
  }

  private queue(conversationId: string, kind: 'conversation:clear' | 'conversation:delete'): void {
    insertOutboxOp(this.ctx.db, { kind, messageRowId: null, conversationId, payload: { conversationId }, createdAt: this.ctx.now() });
    this.outbox.kick();
  }

  private mustGet(conversationId: string) {
    const conversation = getConversation(this.ctx.db, conversationId);
    if (!conversation) throw new AppError('not_found', 'No such conversation.');
    return conversation;
  }
}
