import { type ServerConversation, c2cConversationId } from '../../../../shared/domain';
import { type Delivery } from '../../gateway/delivery';
import { type Store } from '../../store/types';
import { fallbackProfile, toProfile } from '../accounts/profile';
import { toServerMessage } from '../messages/view';

/** M4 conversation list and M6 one-to-one read receipts. */
export class ConversationsService {
  constructor(private readonly deps: { store: Store; delivery: Delivery }) {}

  async list(userId: string): Promise<ServerConversation[]> {
    const records = await this.deps.store.conversations.listFor(userId);
    const accounts = await this.deps.store.accounts.getMany([...new Set(records.map((r) => r.peerId))]);
    const profiles = new Map(accounts.map((a) => [a.userId, toProfile(a)]));
    return records.map((record) => ({
      conversationId: c2cConversationId(record.peerId),
      peer: profiles.get(record.peerId) ?? fallbackProfile(record.peerId),
      lastSeq: record.lastSeq,
      lastMessage: record.lastMessage ? toServerMessage(record.lastMessage, userId) : null,
      unreadCount: record.unreadCount,
      readSeq: record.readSeq,
      peerReadSeq: record.peerReadSeq,
    }));
  }

  /**
   * Raises the reader's read position (never lowers it) and, when it moved,
   * tells the peer's devices and the reader's other devices.
   */
  async markRead(reader: string, peer: string, readSeq: number, originSocketId?: string): Promise<{ readSeq: number }> {
    const result = await this.deps.store.conversations.markRead(reader, peer, readSeq);
    if (result.changed) {
      const { delivery } = this.deps;
      if (peer !== reader) {
        delivery.toUser(peer, 'conversation:read', { conversationId: c2cConversationId(reader), reader, readSeq: result.readSeq });
      }
      delivery.toUser(
        reader,
        'conversation:read',
        { conversationId: c2cConversationId(peer), reader, readSeq: result.readSeq },
        { exceptSocketId: originSocketId },
      );
    }
    return { readSeq: result.readSeq };
  }
}
