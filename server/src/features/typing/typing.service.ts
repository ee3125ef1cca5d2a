import { c2cConversationId } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Delivery } from '../../gateway/delivery';
import { type AccountsRepository, type ConversationsRepository } from '../../store/types';
import { type PresenceService } from '../presence/presence.service';

/**
 * M9: "typing" is relayed to the peer's devices while they are online, and only
 * within a conversation both of them have (so nobody can buzz strangers); it is
 * never stored.
 */
export class TypingService {
  constructor(
    private readonly deps: {
      accounts: AccountsRepository;
      conversations: ConversationsRepository;
      presence: PresenceService;
      delivery: Delivery;
    },
  ) {}

  async relay(from: string, peer: string): Promise<void> {
    if (peer === from) return;
    if (this.deps.presence.isOnline(peer)) {
      const shared = await this.deps.conversations.sharedWith(from, [peer]);
      if (shared.length > 0) this.deps.delivery.toUser(peer, 'typing:changed', { conversationId: c2cConversationId(from), from });
      return;
    }
    // Nothing reaches an offline peer or one without the conversation; only an unknown peer is worth telling the sender about.
    if (!(await this.deps.accounts.get(peer))) throw new AppError('user_not_found');
  }
}
