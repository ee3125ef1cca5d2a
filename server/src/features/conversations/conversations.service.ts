import { type C2cServerConversation, type ServerConversation, type UserProfile, c2cConversationId } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Delivery } from '../../gateway/delivery';
import { type ConversationRecord, type ConversationSettings, type Store } from '../../store/types';
import { fallbackProfile, toProfile } from '../accounts/profile';
import { toServerMessage } from '../messages/view';

/** M4 conversation list, M6 one-to-one read receipts, M10 clear/delete, M12 per-user settings. */
export class ConversationsService {
  constructor(
    private readonly deps: {
      store: Store;
      delivery: Delivery;
      /** ADR 0004: the member's group and topic conversations (features/groupMessages). */
      groupConversations?: (userId: string) => Promise<ServerConversation[]>;
    },
  ) {}

  async list(userId: string): Promise<ServerConversation[]> {
    const records = await this.deps.store.conversations.listFor(userId);
    const accounts = await this.deps.store.accounts.getMany([...new Set(records.map((r) => r.peerId))]);
    const profiles = new Map(accounts.map((a) => [a.userId, toProfile(a)]));
    const c2c: ServerConversation[] = records.map((record) => toServerConversation(record, userId, profiles.get(record.peerId)));
    const groups = (await this.deps.groupConversations?.(userId)) ?? [];
    if (groups.length === 0) return c2c;
    // Newest first across kinds, as the one-to-one list already is.
    return [...c2c, ...groups].sort((a, b) => (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0));
  }

  /** One conversation of the user's list, or `not_found`. */
  async get(userId: string, peer: string): Promise<ServerConversation> {
    const record = await this.deps.store.conversations.get(userId, peer);
    if (!record) throw new AppError('not_found', 'No such conversation.');
    const [account] = await this.deps.store.accounts.getMany([peer]);
    return toServerConversation(record, userId, account ? toProfile(account) : undefined);
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

  /** M10: hides the history up to now from the user (on all their devices); the other party keeps it. */
  async clear(userId: string, peer: string, originSocketId?: string): Promise<{ clearedSeq: number }> {
    const result = await this.deps.store.conversations.clear(userId, peer);
    if (!result) throw new AppError('not_found', 'No such conversation.');
    this.deps.delivery.toUser(userId, 'conversation:updated', await this.get(userId, peer), { exceptSocketId: originSocketId });
    return result;
  }

  /** M10: clears it and takes it off the user's list (every device) until a newer message arrives. */
  async remove(userId: string, peer: string, originSocketId?: string): Promise<void> {
    if (!(await this.deps.store.conversations.remove(userId, peer))) throw new AppError('not_found', 'No such conversation.');
    this.deps.delivery.toUser(userId, 'conversation:deleted', { conversationId: c2cConversationId(peer) }, { exceptSocketId: originSocketId });
  }

  /** M12: pinned and receive option, the same on every device of the user. */
  async setSettings(userId: string, peer: string, settings: ConversationSettings, originSocketId?: string): Promise<ServerConversation> {
    if (!(await this.deps.store.conversations.updateSettings(userId, peer, settings))) {
      throw new AppError('not_found', 'No such conversation.');
    }
    const conversation = await this.get(userId, peer);
    this.deps.delivery.toUser(userId, 'conversation:updated', conversation, { exceptSocketId: originSocketId });
    return conversation;
  }
}

function toServerConversation(record: ConversationRecord, viewer: string, peer: UserProfile | undefined): C2cServerConversation {
  return {
    kind: 'c2c',
    conversationId: c2cConversationId(record.peerId),
    peer: peer ?? fallbackProfile(record.peerId),
    lastSeq: record.lastSeq,
    lastMessage: record.lastMessage ? toServerMessage(record.lastMessage, viewer) : null,
    unreadCount: record.unreadCount,
    readSeq: record.readSeq,
    peerReadSeq: record.peerReadSeq,
    modSeq: record.modSeq,
    clearedSeq: record.clearedSeq,
    pinned: record.pinned,
    recvOpt: record.recvOpt,
  };
}
