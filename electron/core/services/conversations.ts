import {
  c2cConversationId,
  GROUP_TYPE_TRAITS,
  groupConversationId,
  splitTopicId,
  type Conversation,
  type UserProfile,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { AccountContext } from '../accountContext';
import {
  ensureConversation,
  ensureGroupConversation,
  getConversation,
  listConversations,
  raiseReadSeq,
  raiseServerReadSeq,
  setConversationLeft,
  setHidden,
  type ConversationRecord,
} from '../store/tables/conversations';
import { getGroup, getTopic } from '../store/tables/groups';
import { rememberGroupView } from '../sync/groupRows';
import { highestSeq } from '../store/tables/messages';
import { ensureUser, getUser, upsertUser } from '../store/tables/users';
import { accountRequest } from './accountRequest';
import { toConversation } from './views';

/** Conversation list, opening a chat with someone or a group, marking read (M6), and user lookup. */
export class ConversationService {
  constructor(private readonly ctx: AccountContext) {}

  /** Newest activity first, straight from the local store: works offline. Groups and topics too (the renderer places topics). */
  list(): Conversation[] {
    return listConversations(this.ctx.db).map((record) => this.toView(record));
  }

  /**
   * Returns the conversation with `peer`, creating it if needed. Online, a new peer is
   * checked with the server first; offline it is created on trust (a send to someone who
   * does not exist then ends as failed).
   */
  open(peer: string): Promise<Conversation> {
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
   * A group I am in (the group cache says so), or one of its community's topics, as a
   * conversation: the row is created when missing (a Work group before its first message, a
   * group just joined, a topic never opened). A conversation already held stays openable after
   * leaving (its history is readable); anything else is `group_not_member`.
   */
  openGroup(groupId: string, topicId?: string): Conversation {
    const { db, now, notify } = this.ctx;
    const id = groupConversationId(groupId, topicId ?? null);
    const cached = getGroup(db, groupId);
    const existing = getConversation(db, id);
    if (!cached) {
      if (existing) return this.view(id);
      throw new AppError('group_not_member', `You are not a member of the group ${groupId}.`);
    }
    if (topicId !== undefined && (splitTopicId(topicId)?.communityId !== groupId || !getTopic(db, topicId))) {
      throw new AppError('group_not_found', `No topic ${topicId} in ${groupId}.`);
    }
    const changed = [
      ensureGroupConversation(db, { id, groupId, topicId: topicId ?? null, groupType: cached.group.type }, now()),
      // Cached again means I am in it again (re-joined).
      setConversationLeft(db, id, false),
      // A deleted conversation comes back when the person opens it again (M10).
      setHidden(db, id, false),
      rememberGroupView(db, id),
    ].some(Boolean);
    if (changed) notify.conversations([id]);
    return this.view(id);
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
    // AVChatRoom keeps no read position on the server (it stores nothing to read).
    if (conversation.kind === 'group' && !GROUP_TYPE_TRAITS[conversation.groupType].storesHistory) return;
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
  get(id: string): Conversation {
    return this.view(id);
  }

  private view(id: string): Conversation {
    const record = getConversation(this.ctx.db, id);
    if (!record) throw new AppError('not_found', 'No such conversation.');
    return this.toView(record);
  }

  private toView(record: ConversationRecord): Conversation {
    const { db, me, presence, liveRooms } = this.ctx;
    return toConversation(db, record, me, (userId) => presence.get(userId), liveRooms);
  }
}
