import { c2cConversationId, isC2cConversation, type C2cServerConversation, type GroupConversationId, type ServerConversation } from '../../../shared/domain';
import { Backoff, type BackoffOptions } from '../connection/backoff';
import { transaction } from '../store/database';
import { ensureConversation, getConversation, listConversations, noteActivity } from '../store/tables/conversations';
import { upsertUser } from '../store/tables/users';
import { sleep } from '../util/taskTracker';
import { planCatchUp } from './gaps';
import type { OutboxSender } from './outboxSender';
import { fetchPlan } from './rangeFetch';
import type { Modifications } from './modifications';
import type { ReadPositions } from './readPositions';
import { applyServerConversationState } from './conversationState';
import { ensureGroupRow } from './groupRows';
import { refreshReceiptCounts } from './receiptRefresh';
import type { SyncSession } from './syncSession';

/** A failed catch-up is tried again after 2 s, doubling to a minute while it keeps failing on this connection. */
export const CATCH_UP_RETRY: BackoffOptions = { minMs: 2_000, maxMs: 60_000 };

/**
 * M4 on every connect: the conversation list with read positions and unread hints, then
 * what each conversation missed (in its queue), then read positions marked offline and
 * presence. A failure is retried in a loop with back-off until it succeeds or the
 * connection it belongs to is gone.
 */
export class CatchUp {
  constructor(
    private readonly session: SyncSession,
    private readonly reads: ReadPositions,
    private readonly outbox: OutboxSender,
    private readonly modifications: Modifications,
    private readonly retry: BackoffOptions = CATCH_UP_RETRY,
  ) {}

  async run(generation: number): Promise<void> {
    const { logger, tasks } = this.session.ctx;
    const delays = new Backoff(this.retry);
    while (this.session.isCurrent(generation)) {
      try {
        await this.once(generation);
        return;
      } catch (error) {
        if (!this.session.isCurrent(generation)) return;
        const delay = delays.next();
        logger.warn({ err: error, retryInMs: delay }, 'catch-up failed; retrying');
        await sleep(delay, tasks.signal);
      }
    }
  }

  private async once(generation: number): Promise<void> {
    const { ctx } = this.session;
    const reply = await ctx.connection.request('sync:conversations', {});
    if (!this.session.isCurrent(generation)) return;
    // One-to-one, group and topic conversations alike: rows, marks and queues per conversation ID.
    const conversations = reply.conversations;
    this.applyConversations(conversations);
    for (const server of conversations) await this.conversation(server, generation);
    if (!this.session.isCurrent(generation)) return;
    await this.reads.resend(generation);
    await this.refreshPresence(generation);
    await this.learnProfiles(conversations.filter(isC2cConversation), generation);
    if (this.session.isCurrent(generation)) this.outbox.kick();
  }

  /**
   * ADR 0005: messages moved between two topics — new seqs in one, tombstones and read positions in both —
   * are caught up for just those conversations, as a connect would.
   */
  async refresh(conversationIds: readonly GroupConversationId[], generation: number): Promise<void> {
    const { connection } = this.session.ctx;
    const replies = await Promise.all(conversationIds.map((conversationId) => connection.request('sync:groupConversation', { conversationId })));
    if (!this.session.isCurrent(generation)) return;
    const wanted = replies.flatMap((reply) => (reply.conversation ? [reply.conversation] : []));
    this.applyConversations(wanted);
    for (const server of wanted) await this.conversation(server, generation);
  }

  /** One conversation, in its queue: what it missed, what changed, own receipt counts. */
  private conversation(server: ServerConversation, generation: number): Promise<void> {
    const { ctx } = this.session;
    const conversationId = server.conversationId;
    return ctx.conversationQueue.run(conversationId, async () => {
      if (!this.session.isCurrent(generation)) return;
      const synced = getConversation(ctx.db, conversationId)?.syncedSeq ?? 0;
      await fetchPlan(this.session, conversationId, planCatchUp(synced, server.lastSeq), generation);
      if (this.session.isCurrent(generation)) await this.modifications.catchUp(server, generation);
      if (this.session.isCurrent(generation)) await refreshReceiptCounts(this.session, conversationId, generation);
    });
  }

  /** Conversation list, read positions and unread hints from `sync:conversations`, in one transaction. */
  private applyConversations(conversations: readonly ServerConversation[]): void {
    const { db, now, notify } = this.session.ctx;
    const touched = new Set<string>();
    const newlyReadByPeer = new Map<string, number[]>();
    transaction(db, () => {
      for (const server of conversations) {
        const id = server.conversationId;
        const at = server.lastMessage?.time ?? now();
        if (server.kind === 'c2c') {
          upsertUser(db, server.peer, now());
          ensureConversation(db, id, server.peer.userId, at);
        } else {
          ensureGroupRow(db, id, at, server.groupType);
        }
        const before = getConversation(db, id);
        noteActivity(db, id, server.lastSeq, server.lastMessage?.time ?? 0);
        const covered = this.reads.applyFromServer(db, server, before);
        if (covered.length > 0) newlyReadByPeer.set(id, covered);
        touched.add(id);
      }
    });
    // Settings and cleared history before the last messages, so nothing cleared is stored again.
    for (const server of conversations) applyServerConversationState(this.session.ctx, server);
    const lastMessages = conversations.flatMap((c) => (c.lastMessage ? [c.lastMessage] : []));
    if (lastMessages.length > 0) this.session.store(lastMessages);
    for (const [id, rowIds] of newlyReadByPeer) notify.messages(id, rowIds);
    notify.conversations(touched);
  }

  /**
   * A chat opened offline with someone this device had never seen shows their UserID; the
   * server's conversation list only names peers who already exchanged a message, so fetch
   * the profiles of the rest (at most 100 per connect; the next connect takes the others).
   */
  private async learnProfiles(fromServer: readonly C2cServerConversation[], generation: number): Promise<void> {
    const { db, connection, now, notify } = this.session.ctx;
    const named = new Set(fromServer.map((c) => c.peer.userId));
    const unnamed = [...new Set(listConversations(db).flatMap((c) => (c.kind === 'c2c' ? [c.peer] : [])))].filter((peer) => !named.has(peer)).slice(0, 100);
    if (unnamed.length === 0 || !this.session.isCurrent(generation)) return;
    const { users } = await connection.request('users:get', { userIds: unnamed });
    if (!this.session.isCurrent(generation) || users.length === 0) return;
    transaction(db, () => users.forEach((profile) => upsertUser(db, profile, now())));
    notify.conversations(users.map((u) => c2cConversationId(u.userId)));
  }

  private async refreshPresence(generation: number): Promise<void> {
    const { db, presence, notify } = this.session.ctx;
    const peers = [...new Set(listConversations(db).flatMap((c) => (c.kind === 'c2c' ? [c.peer] : [])))];
    if (peers.length === 0 || !this.session.isCurrent(generation)) return;
    const changed = await presence.refresh(peers);
    if (changed.length > 0 && this.session.isCurrent(generation)) notify.presenceOf(changed);
  }
}
