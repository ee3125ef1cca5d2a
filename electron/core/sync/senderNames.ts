import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { getUser, upsertUser } from '../store/tables/users';

/** `users:get` takes at most this many IDs. */
const USERS_PER_REQUEST = 100;

/**
 * Group senders this device has never seen get their nickname fetched, so the sender line says
 * a name rather than a UserID when no name card is cached (ADR 0004 §7: name card > my remark
 * > nickname). Requests are batched per tick and an ID is asked for once while in flight; a
 * failure is left to the next message from them.
 */
export class SenderNames {
  private readonly wanted = new Map<string, Set<string>>();
  private readonly inFlight = new Set<string>();
  private scheduled = false;

  constructor(private readonly ctx: AccountContext) {}

  /** Someone sent a message in a group conversation: learn their name if it is not known here. */
  note(conversationId: string, userId: string): void {
    const { db, me } = this.ctx;
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
