import { c2cConversationId, type C2cServerConversation, type ServerConversation, type ServerMessage } from '../../../shared/domain';
import type { PushPayload } from '../../../shared/protocol';
import { getConversation, raiseConversationModSeq } from '../store/tables/conversations';
import { getMessage } from '../store/tables/messages';
import { applyDeleted, applyServerConversationState } from './conversationState';
import type { SyncSession } from './syncSession';

/** Modified messages are pulled in pages of this size. */
const MODIFIED_PAGE = 200;

/**
 * M5/M10/M13/M14: keeping stored messages and conversations in step with what changed
 * after they were stored — recalls, edits, reactions, deletions for me, settings, clears,
 * deleted conversations — live (pushes) and on every connect (`sync:messagesModified` from
 * the conversation's last pulled modSeq).
 *
 * Only messages already stored take changes: one that is not stored yet arrives with its
 * current state when catch-up or paging fetches it, so a change never creates a hole.
 */
export class Modifications {
  constructor(private readonly session: SyncSession) {}

  onMessageUpdated(message: ServerMessage): void {
    const { ctx } = this.session;
    if (ctx.tasks.closed || !getMessage(ctx.db, message.from, message.clientMsgId)) return;
    this.session.store([message]);
  }

  onConversationUpdated(server: ServerConversation): void {
    const { ctx } = this.session;
    // Group conversations are kept from ADR 0004 WP5 on; until then this device ignores them.
    if (ctx.tasks.closed || server.kind !== 'c2c') return;
    if (applyServerConversationState(ctx, server)) ctx.notify.conversations([c2cConversationId(server.peer.userId)]);
  }

  onConversationDeleted({ conversationId }: PushPayload<'conversation:deleted'>): void {
    const { ctx } = this.session;
    if (ctx.tasks.closed) return;
    const conversation = getConversation(ctx.db, conversationId);
    if (conversation) applyDeleted(ctx, conversationId, conversation.lastSeq);
  }

  /** On connect, in the conversation's queue: pulls what changed since the last pull when the server's modSeq moved. */
  async catchUp(server: C2cServerConversation, generation: number): Promise<void> {
    const { ctx } = this.session;
    const conversationId = c2cConversationId(server.peer.userId);
    let after = getConversation(ctx.db, conversationId)?.modSeq ?? 0;
    while (after < server.modSeq) {
      const page = await ctx.connection.request('sync:messagesModified', { conversationId, afterModSeq: after, limit: MODIFIED_PAGE });
      if (!this.session.isCurrent(generation)) return;
      const stored = page.messages.filter((m) => getMessage(ctx.db, m.from, m.clientMsgId) !== undefined);
      if (stored.length > 0) this.session.store(stored);
      const last = page.messages.at(-1);
      const reached = !page.hasMore || !last ? server.modSeq : Math.max(after + 1, last.modSeq);
      raiseConversationModSeq(ctx.db, conversationId, reached);
      after = reached;
    }
  }
}
