import { AppError } from '../../../../shared/errors';
import { type C2cPermission } from '../../../../shared/domain';
import { type Store } from '../../store/types';

/**
 * The seed's one-to-one permission table: any two users (default) or friends only (both ways: 20009 neither,
 * 20010 the recipient has not added the sender, 20011 the sender has not added the recipient); a sender on the
 * recipient's blocklist is always refused with 20007, while the blocker may still write to them. App admins may
 * message anyone.
 */
export class SendPermission {
  private readonly admins: ReadonlySet<string>;
  constructor(private readonly deps: { store: Store; mode: C2cPermission; admins: readonly string[] }) {
    this.admins = new Set(deps.admins);
  }

  get mode(): C2cPermission {
    return this.deps.mode;
  }

  async assertMaySend(from: string, to: string): Promise<void> {
    if (from === to || this.admins.has(from)) return;
    const relations = this.deps.store.relations;
    if ((await relations.blockedAmong(to, [from])).length > 0) throw new AppError('blocked_by_peer');
    if (this.deps.mode !== 'friends' || this.admins.has(to)) return;
    const senderHas = (await relations.friends(from, [to])).length > 0;
    const recipientHas = (await relations.friends(to, [from])).length > 0;
    if (!senderHas && !recipientHas) throw new AppError('not_friends_both');
    if (!recipientHas) throw new AppError('not_friend_of_peer');
    if (!senderHas) throw new AppError('peer_not_my_friend');
  }
}
