import { c2cConversationId, type C2cConversation, type UserProfile } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AccountContext } from '../accountContext';
import {
  ensureConversation,
  getConversation,
  listConversations,
  raiseReadSeq,
  raiseServerReadSeq,
  setHidden,
} from '../store/tables/conversations';
import { highestSeq } from '../store/tables/messages';
import { ensureUser, getUser, upsertUser } from '../store/tables/users';
import { accountRequest } from './accountRequest';
import { toConversation } from './views';

/** Conversation list, opening a chat with someone, marking read (M6), and user lookup. */
export class ConversationService {
  constructor(private readonly ctx: AccountContext) {}

  /** Newest activity first, straight from the local store: works offline. */
  list(): C2cConversation[] {
    const { db, me, presence } = this.ctx;
    return listConversations(db).flatMap((record) => (record.kind === 'c2c' ? [toConversation(db, record, me, presence.get(record.peer))] : []));
  }

  /**
   * Returns the conversation with `peer`, creating it if needed. Online, a new peer is
   * checked with the server first; offline it is created on trust (a send to someone who
   * does not exist then ends as failed).
   */
  open(peer: string): Promise<C2cConversation> {
    const { db, now, notify, connection } = this.ctx;
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const id = c2cConversationId(peer);
      // A deleted conversation comes back when the person opens it again (M10).
      if (setHidden(db, id, false)) notify.conversations([id]);
      if (!getConversation(db, id)) {
        const online = connection.isOnline();
        const profile = online ? await this.fetchProfile(peer) : undefined;
        stillSignedIn();
        if (online && !profile) throw new AppError('user_not_found', `No user with the ID ${peer}.`);
        if (profile) upsertUser(db, profile, now());
        else ensureUser(db, peer, now());
        if (ensureConversation(db, id, peer, now())) notify.conversations([id]);
        if (profile) this.refreshPresenceOf(peer);
      }
      return this.view(id);
    });
  }

  /**
   * M6: reads up to `upToSeq`, the newest message the person has had on screen, but never
   * past what this device holds (a message that arrived since was not seen). Tells the
   * server when online, else on the next connect.
   */
  markRead(conversationId: string, upToSeq: number): void {
    const { db, connection, notify, logger, tasks } = this.ctx;
    if (!getConversation(db, conversationId)) throw new AppError('not_found', 'No such conversation.');
    const readSeq = Math.min(upToSeq, highestSeq(db, conversationId));
    if (raiseReadSeq(db, conversationId, readSeq)) notify.conversations([conversationId]);
    const conversation = getConversation(db, conversationId);
    if (!conversation || conversation.readSeq <= conversation.serverReadSeq || !connection.isOnline()) return;
    tasks.track(
      connection.request('conversation:markRead', { conversationId, readSeq: conversation.readSeq }).then(
        (reply) => {
          if (!tasks.closed) raiseServerReadSeq(db, conversationId, reply.readSeq);
        },
        (error: unknown) => logger.info({ err: error, conversationId }, 'read position not delivered; will resend on reconnect'),
      ),
    );
  }

  /**
   * A profile from the server when online (null: no such user). Offline, what the local
   * store knows; someone it has never seen cannot be ruled out, so that is `offline`, not null
   * (the renderer then says so, or opens the chat on trust).
   */
  lookup(userId: string): Promise<UserProfile | null> {
    const { db, connection, now } = this.ctx;
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!connection.isOnline()) {
        const known = getUser(db, userId);
        if (!known) throw new AppError('offline', `Not connected: cannot check whether ${userId} exists.`);
        return known;
      }
      const profile = await this.fetchProfile(userId);
      stillSignedIn();
      if (profile) upsertUser(db, profile, now());
      return profile ?? null;
    });
  }

  private async fetchProfile(userId: string): Promise<UserProfile | undefined> {
    try {
      const { users } = await this.ctx.connection.request('users:get', { userIds: [userId] });
      return users.find((u) => u.userId === userId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'user_not_found') return undefined;
      throw error;
    }
  }

  private refreshPresenceOf(peer: string): void {
    const { presence, notify, logger, tasks } = this.ctx;
    tasks.track(
      presence.refresh([peer]).then(
        (changed) => {
          if (changed.length > 0 && !tasks.closed) notify.presenceOf(changed);
        },
        (error: unknown) => logger.debug({ err: error, peer }, 'presence not fetched'),
      ),
    );
  }

  /** The list entry of a stored conversation. */
  get(id: string): C2cConversation {
    return this.view(id);
  }

  private view(id: string): C2cConversation {
    const { db, me, presence } = this.ctx;
    const record = getConversation(db, id);
    if (record?.kind !== 'c2c') throw new AppError('not_found', 'No such conversation.');
    return toConversation(db, record, me, presence.get(record.peer));
  }
}
