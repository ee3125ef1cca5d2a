import { c2cConversationId, peerOfConversation, type ServerConversation, type ServerMessage } from '../../../shared/domain';
import type { PushPayload } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import type { TypingService } from '../services/typing';
import { transaction } from '../store/database';
import {
  ensureConversation,
  getConversation,
  listConversations,
  noteActivity,
  raisePeerReadSeq,
  raiseReadSeq,
  raiseServerReadSeq,
  setFirstSeq,
  setUnreadHint,
} from '../store/tables/conversations';
import { ownMessagesInSeqRange } from '../store/tables/messages';
import { getUser, upsertUser } from '../store/tables/users';
import { sleep } from '../util/taskTracker';
import { decideLiveMessage, planCatchUp, SYNC_PAGE, type CatchUpPlan } from './gaps';
import type { OutboxSender } from './outboxSender';
import { conversationOf, storeServerMessages, type Coverage, type StoredBatch } from './storeServerMessages';
import { SyncState } from './syncState';

const CATCH_UP_RETRY_MS = 2_000;
/** An ack that skips seqs usually just overtook the push of the peer's message; look again after this. */
const GAP_CHECK_DELAY_MS = 1_000;

/**
 * Keeps one account's local store in step with the server: catch-up on every
 * connect, live pushes, gap detection and fill, read positions and presence.
 * Everything that moves a conversation's sequence mark runs in that conversation's
 * queue, so a push and a gap fill never interleave. See sync/README.md.
 */
export class SyncEngine {
  private state = SyncState.Stopped;
  /** Bumped on every connect and disconnect: work from an older connection stops touching anything. */
  private generation = 0;
  private readonly gapChecks = new Map<string, NodeJS.Timeout>();
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
    private readonly typing: TypingService,
    private readonly onStateChange: (state: SyncState) => void = () => {},
  ) {}

  get current(): SyncState {
    return this.state;
  }

  start(): void {
    const { connection, presence, notify } = this.ctx;
    this.unsubscribe = [
      connection.on('state', (s) => {
        if (s.status === 'connecting') this.setState(SyncState.Connecting);
      }),
      connection.on('connected', () => this.onConnected()),
      connection.on('disconnected', () => this.onDisconnected()),
      connection.onPush('message:created', (m) => void this.ctx.tasks.track(this.onMessageCreated(m))),
      connection.onPush('conversation:read', (p) => this.onRead(p)),
      connection.onPush('typing:changed', (p) => this.typing.onPush(p)),
      connection.onPush('presence:changed', (p) => {
        if (presence.set(p.userId, p.status)) notify.presenceOf([p.userId]);
      }),
    ];
    this.setState(SyncState.Offline);
  }

  stop(): void {
    this.unsubscribe.forEach((off) => off());
    this.unsubscribe = [];
    this.gapChecks.forEach((timer) => clearTimeout(timer));
    this.gapChecks.clear();
    this.generation += 1;
    this.setState(SyncState.Stopped);
  }

  /** Emits events for a stored batch; shared with the outbox and history paging. */
  readonly publish = (batch: StoredBatch): void => {
    const { notify } = this.ctx;
    for (const [conversationId, ids] of batch.changed) notify.messages(conversationId, ids);
    notify.conversations(batch.conversations);
    for (const { conversationId, from } of batch.arrivals) this.typing.onMessageFrom(conversationId, from);
    for (const conversationId of batch.conversations) this.checkForGapSoon(conversationId);
  };

  /** Stores messages the server vouched for and publishes the change. */
  store(messages: readonly ServerMessage[], coverage?: Coverage): StoredBatch {
    const batch = storeServerMessages(this.ctx.db, this.ctx.me, messages, this.ctx.now(), coverage);
    this.publish(batch);
    return batch;
  }

  /**
   * M4 history paging: fetches up to `limit` messages below `beforeSeq` from the server and
   * stores them. When the server has nothing more, remembers where history starts.
   */
  async fetchOlder(conversationId: string, beforeSeq: number, limit: number): Promise<void> {
    await this.ctx.conversationQueue.run(conversationId, async () => {
      const page = await this.ctx.connection.request('sync:messagesBefore', { conversationId, beforeSeq, limit });
      if (this.ctx.tasks.closed) return;
      const first = page.messages[0];
      if (!page.hasMore) setFirstSeq(this.ctx.db, conversationId, first ? first.seq : beforeSeq);
      if (first) this.store(page.messages);
    });
  }

  private setState(next: SyncState): void {
    if (next === this.state) return;
    this.state = next;
    this.ctx.logger.debug({ state: next }, 'sync state');
    this.onStateChange(next);
  }

  private isCurrent(generation: number): boolean {
    return !this.ctx.tasks.closed && generation === this.generation && this.ctx.connection.isOnline();
  }

  private onConnected(): void {
    this.generation += 1;
    const generation = this.generation;
    this.setState(SyncState.CatchingUp);
    this.outbox.kick();
    void this.ctx.tasks.track(this.catchUp(generation));
  }

  private onDisconnected(): void {
    this.generation += 1;
    if (this.state === SyncState.Stopped) return;
    this.setState(SyncState.Offline);
    const unknown = this.ctx.presence.clear();
    if (unknown.length > 0) this.ctx.notify.presenceOf(unknown);
  }

  private async catchUp(generation: number): Promise<void> {
    const { connection, logger } = this.ctx;
    try {
      const { conversations } = await connection.request('sync:conversations', {});
      if (!this.isCurrent(generation)) return;
      this.applyServerConversations(conversations);
      for (const server of conversations) {
        const conversationId = c2cConversationId(server.peer.userId);
        await this.ctx.conversationQueue.run(conversationId, async () => {
          if (!this.isCurrent(generation)) return;
          const synced = getConversation(this.ctx.db, conversationId)?.syncedSeq ?? 0;
          await this.execute(conversationId, planCatchUp(synced, server.lastSeq), generation);
        });
      }
      if (!this.isCurrent(generation)) return;
      await this.resendReadPositions(generation);
      await this.refreshPresence(generation);
      if (!this.isCurrent(generation)) return;
      this.setState(SyncState.Live);
      this.outbox.kick();
    } catch (error) {
      if (!this.isCurrent(generation)) return;
      logger.warn({ err: error }, 'catch-up failed; retrying');
      this.setState(SyncState.Error);
      await sleep(CATCH_UP_RETRY_MS, this.ctx.tasks.signal);
      if (this.isCurrent(generation)) {
        this.setState(SyncState.CatchingUp);
        await this.catchUp(generation);
      }
    }
  }

  /** Conversation list, read positions and unread hints from `sync:conversations`, in one transaction. */
  private applyServerConversations(conversations: readonly ServerConversation[]): void {
    const { db, me, now, notify } = this.ctx;
    const touched = new Set<string>();
    const newlyReadByPeer = new Map<string, number[]>();
    transaction(db, () => {
      for (const server of conversations) {
        const peer = server.peer.userId;
        const id = c2cConversationId(peer);
        upsertUser(db, server.peer, now());
        ensureConversation(db, id, peer, server.lastMessage?.time ?? now());
        const before = getConversation(db, id);
        noteActivity(db, id, server.lastSeq, server.lastMessage?.time ?? 0);
        raiseReadSeq(db, id, server.readSeq);
        raiseServerReadSeq(db, id, server.readSeq);
        // The server's count is relative to its read position; if ours is ahead (a markRead not yet delivered) it overstates.
        const localReadSeq = Math.max(before?.readSeq ?? 0, server.readSeq);
        if (server.readSeq >= localReadSeq) setUnreadHint(db, id, server.unreadCount, server.lastSeq);
        else setUnreadHint(db, id, 0, 0);
        const previousPeerRead = raisePeerReadSeq(db, id, server.peerReadSeq);
        if (previousPeerRead !== null) {
          const covered = ownMessagesInSeqRange(db, id, me, previousPeerRead, server.peerReadSeq).map((m) => m.rowId);
          if (covered.length > 0) newlyReadByPeer.set(id, covered);
        }
        touched.add(id);
      }
    });
    const lastMessages = conversations.flatMap((c) => (c.lastMessage ? [c.lastMessage] : []));
    if (lastMessages.length > 0) this.store(lastMessages);
    for (const [id, ids] of newlyReadByPeer) notify.messages(id, ids);
    notify.conversations(touched);
  }

  /** Carries out a catch-up plan for one conversation; call inside its queue. */
  private async execute(conversationId: string, plan: CatchUpPlan, generation: number): Promise<void> {
    const { connection } = this.ctx;
    if (plan.kind === 'none') return;
    if (plan.kind === 'latest') {
      const page = await connection.request('sync:messagesBefore', { conversationId, beforeSeq: plan.beforeSeq, limit: SYNC_PAGE });
      if (this.ctx.tasks.closed || generation !== this.generation) return;
      const first = page.messages[0];
      const last = page.messages.at(-1);
      if (!first || !last) return;
      this.store(page.messages, { conversationId, afterSeq: first.seq - 1, upToSeq: last.seq, reanchor: true });
      if (!page.hasMore) setFirstSeq(this.ctx.db, conversationId, first.seq);
      return;
    }
    let afterSeq = plan.afterSeq;
    for (;;) {
      const page = await connection.request('sync:messagesAfter', { conversationId, afterSeq, limit: SYNC_PAGE });
      if (this.ctx.tasks.closed || generation !== this.generation) return;
      const last = page.messages.at(-1);
      if (!last) return;
      this.store(page.messages, { conversationId, afterSeq, upToSeq: last.seq });
      if (!page.hasMore || last.seq >= plan.upToSeq) return;
      afterSeq = last.seq;
    }
  }

  private async onMessageCreated(message: ServerMessage): Promise<void> {
    const conversationId = conversationOf(message, this.ctx.me);
    if (!conversationId) {
      this.ctx.logger.warn({ msgKey: message.msgKey }, 'dropped a pushed message that is not ours');
      return;
    }
    const generation = this.generation;
    await this.ctx.conversationQueue.run(conversationId, async () => {
      if (this.ctx.tasks.closed) return;
      const synced = getConversation(this.ctx.db, conversationId)?.syncedSeq ?? 0;
      const decision = decideLiveMessage(synced, message.seq);
      if (decision.kind === 'gap' && this.isCurrent(generation)) {
        try {
          await this.execute(conversationId, decision.plan, generation);
        } catch (error) {
          // The message is still stored below; the hole is filled on the next catch-up.
          this.ctx.logger.info({ err: error, conversationId }, 'gap fill failed');
        }
      }
      if (this.ctx.tasks.closed) return;
      const peer = peerOfConversation(conversationId);
      const knownBefore = getUser(this.ctx.db, peer) !== undefined;
      this.store([message]);
      if (!knownBefore) this.learnProfile(conversationId, peer);
    });
  }

  /**
   * Someone who first appears through a live message is stored under their UserID;
   * fetch their nickname so the list shows a name rather than an ID until the next catch-up.
   */
  private learnProfile(conversationId: string, peer: string): void {
    const { connection, db, notify, now, logger, tasks } = this.ctx;
    void tasks.track(
      connection
        .request('users:get', { userIds: [peer] })
        .then(({ users }) => {
          const profile = users.find((u) => u.userId === peer);
          if (!profile || tasks.closed) return;
          upsertUser(db, profile, now());
          notify.conversations([conversationId]);
        })
        .catch((error: unknown) => logger.debug({ err: error, peer }, 'profile not fetched; the next catch-up brings it')),
    );
  }

  /**
   * A conversation whose known last seq is above its mark has a hole, typically because
   * our own ack overtook the push of the peer's message. The push usually follows at once;
   * if it does not, fetch the range.
   */
  private checkForGapSoon(conversationId: string): void {
    const conversation = getConversation(this.ctx.db, conversationId);
    if (!conversation || conversation.lastSeq <= conversation.syncedSeq || this.gapChecks.has(conversationId)) return;
    const timer = setTimeout(() => {
      this.gapChecks.delete(conversationId);
      const generation = this.generation;
      if (!this.isCurrent(generation)) return;
      void this.ctx.tasks.track(
        this.ctx.conversationQueue
          .run(conversationId, async () => {
            const latest = getConversation(this.ctx.db, conversationId);
            if (!latest || !this.isCurrent(generation)) return;
            await this.execute(conversationId, planCatchUp(latest.syncedSeq, latest.lastSeq), generation);
          })
          .catch((error: unknown) => this.ctx.logger.info({ err: error, conversationId }, 'gap check failed')),
      );
    }, GAP_CHECK_DELAY_MS);
    timer.unref?.();
    this.gapChecks.set(conversationId, timer);
  }

  private onRead(payload: PushPayload<'conversation:read'>): void {
    const { db, me, notify } = this.ctx;
    if (payload.reader === me) {
      // Read on another of my devices.
      if (!getConversation(db, payload.conversationId)) return;
      raiseServerReadSeq(db, payload.conversationId, payload.readSeq);
      if (raiseReadSeq(db, payload.conversationId, payload.readSeq)) notify.conversations([payload.conversationId]);
      return;
    }
    const conversationId = c2cConversationId(payload.reader);
    if (!getConversation(db, conversationId)) return;
    const previous = raisePeerReadSeq(db, conversationId, payload.readSeq);
    if (previous === null) return;
    const covered = ownMessagesInSeqRange(db, conversationId, me, previous, payload.readSeq);
    notify.messages(conversationId, covered.map((m) => m.rowId));
    notify.conversations([conversationId]);
  }

  /** M6: a read position the server has not acknowledged (marked while offline) is sent again. */
  private async resendReadPositions(generation: number): Promise<void> {
    const { db, connection, logger } = this.ctx;
    for (const conversation of listConversations(db)) {
      if (conversation.readSeq <= conversation.serverReadSeq) continue;
      if (!this.isCurrent(generation)) return;
      try {
        const { readSeq } = await connection.request('conversation:markRead', { conversationId: conversation.id, readSeq: conversation.readSeq });
        if (!this.ctx.tasks.closed) raiseServerReadSeq(db, conversation.id, readSeq);
      } catch (error) {
        logger.info({ err: error, conversationId: conversation.id }, 'read position not delivered');
      }
    }
  }

  private async refreshPresence(generation: number): Promise<void> {
    const peers = [...new Set(listConversations(this.ctx.db).map((c) => c.peer))];
    if (peers.length === 0 || !this.isCurrent(generation)) return;
    const changed = await this.ctx.presence.refresh(peers);
    if (changed.length > 0 && this.isCurrent(generation)) this.ctx.notify.presenceOf(changed);
  }
}
