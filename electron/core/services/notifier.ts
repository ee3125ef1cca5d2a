import { c2cConversationId } from '../../../shared/domain';
import type { EventSink } from '../../../shared/ipc';
import type { ReadableDB } from '../store/database';
import { getConversation } from '../store/tables/conversations';
import { getMessagesByRowIds } from '../store/tables/messages';
import type { PresenceBook } from './presence';
import { toChatMessage, toConversation } from './views';

/**
 * Turns "these rows changed" into renderer events, reading the current state from the
 * store so every event carries what the renderer would get by asking again.
 */
export class Notifier {
  constructor(
    private readonly db: ReadableDB,
    private readonly me: string,
    private readonly presence: PresenceBook,
    private readonly emit: EventSink,
  ) {}

  /** `rowIds` are messages.id values: the store's own key (the renderer's ID is sender + client message ID). */
  messages(conversationId: string, rowIds: readonly number[]): void {
    if (rowIds.length === 0) return;
    const conversation = getConversation(this.db, conversationId);
    const peerReadSeq = conversation?.peerReadSeq ?? 0;
    const messages = getMessagesByRowIds(this.db, [...new Set(rowIds)]).map((m) => toChatMessage(m, this.me, peerReadSeq));
    if (messages.length > 0) this.emit('messages:changed', { conversationId, messages });
  }

  conversations(conversationIds: Iterable<string>): void {
    const conversations = [...new Set(conversationIds)].flatMap((id) => {
      const record = getConversation(this.db, id);
      return record ? [toConversation(this.db, record, this.me, this.presence.get(record.peer))] : [];
    });
    if (conversations.length > 0) this.emit('conversations:changed', { conversations, removed: [] });
  }

  /** Presence is per user; one-to-one conversations are named after the peer. */
  presenceOf(userIds: readonly string[]): void {
    this.conversations(userIds.map(c2cConversationId));
  }

  typing(conversationId: string, userId: string, typing: boolean): void {
    this.emit('typing:changed', { conversationId, userId, typing });
  }
}
