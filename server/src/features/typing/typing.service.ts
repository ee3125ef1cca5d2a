import { c2cConversationId } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Delivery } from '../../gateway/delivery';
import { type AccountsRepository } from '../../store/types';
import { type PresenceService } from '../presence/presence.service';

/** M9: "typing" is relayed to the peer's devices while they are online; it is never stored. */
export class TypingService {
  constructor(private readonly deps: { accounts: AccountsRepository; presence: PresenceService; delivery: Delivery }) {}

  async relay(from: string, peer: string): Promise<void> {
    if (peer === from) return;
    if (this.deps.presence.isOnline(peer)) {
      this.deps.delivery.toUser(peer, 'typing:changed', { conversationId: c2cConversationId(from), from });
      return;
    }
    // Offline peers get nothing; only an unknown peer is worth telling the sender about.
    if (!(await this.deps.accounts.get(peer))) throw new AppError('user_not_found');
  }
}
