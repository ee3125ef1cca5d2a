import { AppError } from '../../../../shared/errors';
import { type BatchItemResult, type BlackCheckRelation, type BlackCheckType, type BlockEntry, RELATION_LIMITS } from '../../../../shared/domain';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type BlockRecord, type Store } from '../../store/types';
import { type FriendsService, itemError } from '../friends/friends.service';
import { type ProfilesService } from '../profiles/profiles.service';

/** R5: the blocklist. Blocking unfriends both ways and drops pending requests both ways; the blocked user is not told. */
export class BlocklistService {
  constructor(private readonly deps: { store: Store; delivery: Delivery; clock: Clock; profiles: ProfilesService; friends: FriendsService }) {}

  private get relations() {
    return this.deps.store.relations;
  }

  async toEntries(owner: string, records: readonly BlockRecord[]): Promise<BlockEntry[]> {
    const profiles = new Map((await this.deps.profiles.profilesFor(owner, records.map((r) => r.blocked))).map((p) => [p.userId, p]));
    return records.flatMap((r) => {
      const profile = profiles.get(r.blocked);
      return profile ? [{ userId: r.blocked, time: r.time, profile }] : [];
    });
  }

  async add(owner: string, userIds: readonly string[]): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    const added: BlockRecord[] = [];
    const existing = new Set((await this.relations.profiles([...new Set(userIds)])).map((p) => p.userId));
    let count = await this.relations.blockCount(owner);
    for (const other of new Set(userIds)) {
      if (other === owner) {
        results.push({ userId: other, error: itemError('friend_self', 'You cannot block yourself.') });
      } else if (!existing.has(other)) {
        results.push({ userId: other, error: itemError('user_not_found') });
      } else if ((await this.relations.blockedAmong(owner, [other])).length > 0) {
        results.push({ userId: other, error: itemError('already_blocked') });
      } else if (count >= RELATION_LIMITS.maxBlocked) {
        results.push({ userId: other, error: itemError('blocklist_limit') });
      } else {
        const record = { owner, blocked: other, time: this.deps.clock.now() };
        await this.relations.block(record);
        count += 1;
        added.push(record);
        results.push({ userId: other, error: null });
        if (await this.relations.deleteFriend(owner, other)) await this.deps.friends.afterDelete(owner, other);
        if (await this.relations.deleteFriend(other, owner)) await this.deps.friends.afterDelete(other, owner);
        for (const [from, to] of [[owner, other], [other, owner]] as const) {
          if (await this.relations.deleteRequest(from, to)) {
            this.deps.delivery.toUser(from, 'friendRequest:deleted', { userId: to, direction: 'outgoing', reason: 'blocked' });
            this.deps.delivery.toUser(to, 'friendRequest:deleted', { userId: from, direction: 'incoming', reason: 'blocked' });
          }
        }
      }
    }
    if (added.length > 0) {
      await this.relations.bumpSequence(owner, 'black');
      this.deps.delivery.toUser(owner, 'block:added', { entries: await this.toEntries(owner, added) });
    }
    return results;
  }

  async remove(owner: string, userIds: readonly string[]): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    const removed: string[] = [];
    for (const other of new Set(userIds)) {
      if (await this.relations.unblock(owner, other)) {
        removed.push(other);
        results.push({ userId: other, error: null });
      } else {
        results.push({ userId: other, error: itemError('not_blocked') });
      }
    }
    if (removed.length > 0) {
      await this.relations.bumpSequence(owner, 'black');
      this.deps.delivery.toUser(owner, 'block:removed', { userIds: removed });
    }
    return results;
  }

  /** Oldest first; nextStartIndex 0 when nothing more. */
  async page(owner: string, startIndex: number, limit: number): Promise<{ records: BlockRecord[]; nextStartIndex: number; total: number }> {
    const all = await this.relations.blocklist(owner);
    const records = all.slice(startIndex, startIndex + limit);
    const next = startIndex + records.length;
    return { records, nextStartIndex: next < all.length ? next : 0, total: all.length };
  }

  async check(owner: string, userIds: readonly string[], checkType: BlackCheckType): Promise<{ userId: string; relation: BlackCheckRelation }[]> {
    const mine = new Set(await this.relations.blockedAmong(owner, userIds));
    const theirs = checkType === 'BlackCheckResult_Type_Both' ? new Set(await this.relations.blockersAmong(owner, userIds)) : new Set<string>();
    return userIds.map((userId) => {
      const a = mine.has(userId);
      const b = theirs.has(userId);
      const relation: BlackCheckRelation = a && b ? 'BlackCheckResult_Type_BothWay' : a ? 'BlackCheckResult_Type_AWithB' : b ? 'BlackCheckResult_Type_BWithA' : 'BlackCheckResult_Type_NO';
      return { userId, relation };
    });
  }

  /** One-to-one send permission (seed table): a sender the recipient has blocked is refused with 20007. */
  async assertNotBlockedBy(sender: string, recipient: string): Promise<void> {
    if ((await this.relations.blockedAmong(recipient, [sender])).length > 0) throw new AppError('blocked_by_peer');
  }
}
