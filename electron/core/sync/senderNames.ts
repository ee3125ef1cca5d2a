import { GROUP_TYPE_TRAITS, parseConversationId } from '../../../shared/domain';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { conversationIdsOfGroup } from '../store/tables/conversations';
import { getGroup, membersCached, replaceMembers } from '../store/tables/groups';
import { ackedBefore } from '../store/tables/messages';
import { getUser, upsertUser } from '../store/tables/users';

/** `users:get` takes at most this many IDs. */
const USERS_PER_REQUEST = 100;
/** Groups up to this size get their member list (name cards) cached when their messages arrive: one page. */
const NAME_CARD_GROUP_MAX = 200;
/** Messages shown again per conversation when name cards arrive (the newest: what is on screen). */
const RENAMED_MESSAGES = 50;

/**
 * Group senders this device has never seen get their nickname fetched, so the sender line says
 * a name rather than a UserID when no name card is cached (ADR 0004 §7: name card > my remark
 * > nickname). Requests are batched per tick and an ID is asked for once while in flight; a
 * failure is left to the next message from them. A small group whose member list was never
 * fetched has it fetched once per session (one page holds it all), so senders show their name
 * cards without anyone opening the member list; large groups and communities stay on demand.
 */
export class SenderNames {
  private readonly wanted = new Map<string, Set<string>>();
  private readonly inFlight = new Set<string>();
  private scheduled = false;
  private readonly memberListsAsked = new Set<string>();

  constructor(private readonly ctx: AccountContext) {}

  /** Someone sent a message in a group conversation: learn their name if it is not known here. */
  note(conversationId: string, userId: string): void {
    const { db, me } = this.ctx;
    const parsed = parseConversationId(conversationId);
    if (parsed?.kind === 'group' && userId !== me) this.cacheNameCards(parsed.groupId);
    if (userId === me || this.inFlight.has(userId) || getUser(db, userId) !== undefined) return;
    const conversations = this.wanted.get(userId) ?? new Set<string>();
    conversations.add(conversationId);
    this.wanted.set(userId, conversations);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private cacheNameCards(groupId: string): void {
    const { connection, db, notify, logger, tasks } = this.ctx;
    if (this.memberListsAsked.has(groupId) || !connection.isOnline() || membersCached(db, groupId)) return;
    const group = getGroup(db, groupId)?.group;
    if (!group || group.memberNum > NAME_CARD_GROUP_MAX || !GROUP_TYPE_TRAITS[group.type].memberListVisible) return;
    this.memberListsAsked.add(groupId);
    void tasks.track(
      connection
        .request('group:members', { groupId, limit: NAME_CARD_GROUP_MAX })
        .then(({ members }) => {
          // Another request (the member list opened meanwhile) may have cached it already: keep that one.
          if (tasks.closed || membersCached(db, groupId)) return;
          transaction(db, () => replaceMembers(db, groupId, members));
          for (const id of conversationIdsOfGroup(db, groupId)) {
            notify.messages(
              id,
              ackedBefore(db, id, null, RENAMED_MESSAGES).map((m) => m.rowId),
            );
            notify.conversations([id]);
          }
        })
        .catch((error: unknown) => {
          this.memberListsAsked.delete(groupId);
          logger.debug({ err: error, groupId }, 'name cards not fetched');
        }),
    );
  }

  private flush(): void {
    const { connection, db, notify, now, logger, tasks } = this.ctx;
    if (tasks.closed || !connection.isOnline()) return this.wanted.clear();
    const batch = [...this.wanted.entries()].slice(0, USERS_PER_REQUEST);
    batch.forEach(([userId]) => {
      this.wanted.delete(userId);
      this.inFlight.add(userId);
    });
    if (this.wanted.size > 0) queueMicrotask(() => this.flush());
    const userIds = batch.map(([userId]) => userId);
    void tasks.track(
      connection
        .request('users:get', { userIds })
        .then(({ users }) => {
          if (tasks.closed) return;
          transaction(db, () => users.forEach((profile) => upsertUser(db, profile, now())));
          const found = new Set(users.map((u) => u.userId));
          for (const [userId, conversations] of batch) {
            if (!found.has(userId)) continue;
            for (const conversationId of conversations) notify.senderRenamed(conversationId, userId);
            notify.conversations(conversations);
          }
        })
        .catch((error: unknown) => logger.debug({ err: error, userIds }, 'sender names not fetched'))
        .finally(() => userIds.forEach((id) => this.inFlight.delete(id))),
    );
  }
}
