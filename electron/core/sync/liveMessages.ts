import type { ServerMessage } from '../../../shared/domain';
import { getConversation } from '../store/tables/conversations';
import { getUser, upsertUser } from '../store/tables/users';
import { decideLiveMessage, planCatchUp } from './gaps';
import { fetchPlan } from './rangeFetch';
import { applyServerConversationState } from './conversationState';
import { ensureGroupRow } from './groupRows';
import type { SenderNames } from './senderNames';
import { conversationOf } from './storeServerMessages';
import type { SyncSession } from './syncSession';

/** An ack that skips seqs usually just overtook the push of the peer's message; look again after this. */
const GAP_CHECK_DELAY_MS = 1_000;

/**
 * M4 live pushes: `message:created` is stored in its conversation's queue, filling a gap
 * first when it skips ahead of the mark; a conversation left with a hole is checked again
 * shortly; someone first seen through a message gets their nickname fetched.
 */
export class LiveMessages {
  private readonly gapChecks = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly session: SyncSession,
    private readonly senderNames: SenderNames,
  ) {}

  async onMessageCreated(message: ServerMessage): Promise<void> {
    const { ctx } = this.session;
    const conversationId = conversationOf(message, ctx.me);
    if (!conversationId) {
      ctx.logger.warn({ msgKey: message.msgKey }, 'dropped a pushed message that is not ours');
      return;
    }
    if (message.seq === 0) {
      // Never stored (AVChatRoom, online-only, online tips): it has no place in the conversation's
      // sequence, so it is shown from memory only (ADR 0004 §6). A one-to-one online-only message
      // (REST MsgLifeTime 0) has no conversation view for it and is not shown.
      if (message.to === null) this.onLiveGroupMessage(conversationId, message);
      else ctx.logger.info({ msgKey: message.msgKey, conversationId }, 'online-only message not shown');
      return;
    }
    const generation = this.session.generation();
    await ctx.conversationQueue.run(conversationId, async () => {
      if (ctx.tasks.closed) return;
      if (message.to === null && !(await this.ensureGroupRow(conversationId, generation))) {
        ctx.logger.info({ conversationId }, 'group message for a conversation not known yet; the next catch-up brings it');
        return;
      }
      const synced = getConversation(ctx.db, conversationId)?.syncedSeq ?? 0;
      const decision = decideLiveMessage(synced, message.seq);
      if (decision.kind === 'gap' && this.session.isCurrent(generation)) {
        try {
          await fetchPlan(this.session, conversationId, decision.plan, generation);
        } catch (error) {
          // The message is still stored below; the hole is filled on the next catch-up.
          ctx.logger.info({ err: error, conversationId }, 'gap fill failed');
        }
      }
      if (ctx.tasks.closed) return;
      if (message.to === null) {
        // A group: its senders' names are learned for every stored batch (SyncEngine.publish).
        this.session.store([message]);
        return;
      }
      const peer = message.from === ctx.me ? message.to : message.from;
      const knownBefore = getUser(ctx.db, peer) !== undefined;
      this.session.store([message]);
      if (!knownBefore) this.learnProfile(conversationId, peer);
    });
  }

  /**
   * A group conversation needs its row (and the group's type) before its messages can be
   * stored. Usually it exists (sync:conversations) or the group cache knows the type; a message
   * of a group joined a moment ago may overtake both, so the server's conversation list says.
   */
  private async ensureGroupRow(conversationId: string, generation: number): Promise<boolean> {
    const { ctx } = this.session;
    if (getConversation(ctx.db, conversationId) || ensureGroupRow(ctx.db, conversationId, ctx.now()) !== null) return true;
    if (!this.session.isCurrent(generation)) return false;
    const reply = await ctx.connection.request('sync:conversations', {}).catch(() => null);
    const server = reply?.conversations.find((c) => c.conversationId === conversationId);
    if (!server || server.kind !== 'group' || ctx.tasks.closed) return false;
    ensureGroupRow(ctx.db, conversationId, ctx.now(), server.groupType);
    applyServerConversationState(ctx, server);
    return true;
  }

  /** A seq-0 group message: kept in the conversation's live ring and shown, never stored. */
  private onLiveGroupMessage(conversationId: string, message: ServerMessage): void {
    const { ctx } = this.session;
    if (!ctx.liveRooms.add(message)) return;
    // A room with no row yet (joined, never opened) is listed from its first live message, when its type is known.
    ensureGroupRow(ctx.db, conversationId, message.time);
    ctx.notify.liveMessages(conversationId, [message]);
    this.senderNames.note(conversationId, message.from);
  }

  /**
   * A conversation whose known last seq is above its mark has a hole, typically because
   * our own ack overtook the push of the peer's message. The push usually follows at once;
   * if it does not, fetch the range.
   */
  checkForGapSoon(conversationId: string): void {
    const { ctx } = this.session;
    const conversation = getConversation(ctx.db, conversationId);
    if (!conversation || conversation.lastSeq <= conversation.syncedSeq || this.gapChecks.has(conversationId)) return;
    const timer = setTimeout(() => {
      this.gapChecks.delete(conversationId);
      const generation = this.session.generation();
      if (!this.session.isCurrent(generation)) return;
      void ctx.tasks.track(
        ctx.conversationQueue
          .run(conversationId, async () => {
            const latest = getConversation(ctx.db, conversationId);
            if (!latest || !this.session.isCurrent(generation)) return;
            await fetchPlan(this.session, conversationId, planCatchUp(latest.syncedSeq, latest.lastSeq), generation);
          })
          .catch((error: unknown) => ctx.logger.info({ err: error, conversationId }, 'gap check failed')),
      );
    }, GAP_CHECK_DELAY_MS);
    timer.unref?.();
    this.gapChecks.set(conversationId, timer);
  }

  stop(): void {
    this.gapChecks.forEach((timer) => clearTimeout(timer));
    this.gapChecks.clear();
  }

  /**
   * Someone who first appears through a live message is stored under their UserID;
   * fetch their nickname so the list shows a name rather than an ID until the next catch-up.
   */
  private learnProfile(conversationId: string, peer: string): void {
    const { connection, db, notify, now, logger, tasks } = this.session.ctx;
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
}
