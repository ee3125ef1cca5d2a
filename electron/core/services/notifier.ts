import { c2cConversationId, type ServerMessage } from '../../../shared/domain';
import type { ErrorShape } from '../../../shared/errors';
import type { EventSink, FailedOperation } from '../../../shared/ipc';
import type { ReadableDB } from '../store/database';
import { getConversation } from '../store/tables/conversations';
import { getMessagesByRowIds, recentFromSender } from '../store/tables/messages';
import type { LiveRooms } from '../sync/liveRooms';
import type { PresenceBook } from './presence';
import { liveChatMessage, toChatMessage, toConversation } from './views';

/** A sender's messages shown again when their name becomes known (the newest of them: what is on screen). */
const RENAMED_MESSAGES = 50;

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
    private readonly liveRooms?: LiveRooms,
  ) {}

  /** `rowIds` are messages.id values: the store's own key (the renderer's ID is sender + client message ID). */
  messages(conversationId: string, rowIds: readonly number[]): void {
    if (rowIds.length === 0) return;
    const conversation = getConversation(this.db, conversationId);
    const peerReadSeq = conversation?.peerReadSeq ?? 0;
    // Deleted-for-me tombstones are announced with `messages:removed`, not as changes.
    const messages = getMessagesByRowIds(this.db, [...new Set(rowIds)])
      .filter((m) => !m.deleted)
      .map((m) => toChatMessage(m, this.me, peerReadSeq, this.db));
    if (messages.length > 0) this.emit('messages:changed', { conversationId, messages });
  }

  /** Seq-0 group messages just kept in the live ring (never stored): shown, and the list entry moves. */
  liveMessages(conversationId: string, messages: readonly ServerMessage[]): void {
    if (messages.length === 0) return;
    this.emit('messages:changed', { conversationId, messages: messages.map((m) => liveChatMessage(this.db, m, this.me)) });
    this.conversations([conversationId]);
  }

  /** A group sender's name became known (a profile fetched, a name card cached): their recent messages name them. */
  senderRenamed(conversationId: string, userId: string): void {
    this.messages(
      conversationId,
      recentFromSender(this.db, conversationId, userId, RENAMED_MESSAGES).map((m) => m.rowId),
    );
    this.liveMessages(conversationId, this.liveRooms?.list(conversationId).filter((m) => m.from === userId) ?? []);
  }

  conversations(conversationIds: Iterable<string>): void {
    const conversations = [...new Set(conversationIds)].flatMap((id) => {
      const record = getConversation(this.db, id);
      return record && !record.hidden ? [toConversation(this.db, record, this.me, (userId) => this.presence.get(userId), this.liveRooms)] : [];
    });
    if (conversations.length > 0) this.emit('conversations:changed', { conversations, removed: [] });
  }

  /** Messages gone from view (deleted for me, a cancelled send) or everything up to a cleared seq (M10). */
  removed(conversationId: string, ids: readonly string[], clearedUpToSeq: number | null = null): void {
    if (ids.length === 0 && clearedUpToSeq === null) return;
    this.emit('messages:removed', { conversationId, ids: [...ids], clearedUpToSeq });
  }

  /** Conversations gone from the list (M10: deleted until a new message arrives). */
  conversationsRemoved(conversationIds: readonly string[]): void {
    if (conversationIds.length > 0) this.emit('conversations:changed', { conversations: [], removed: [...conversationIds] });
  }

  /** Presence is per user; one-to-one conversations are named after the peer. */
  presenceOf(userIds: readonly string[]): void {
    this.conversations(userIds.map(c2cConversationId));
  }

  /** A queued change the server refused for good, so the person learns why it was undone. */
  operationFailed(conversationId: string, messageId: string | null, op: FailedOperation, error: ErrorShape): void {
    this.emit('operations:failed', { conversationId, messageId, op, error });
  }

  typing(conversationId: string, userId: string, typing: boolean): void {
    this.emit('typing:changed', { conversationId, userId, typing });
  }
}
