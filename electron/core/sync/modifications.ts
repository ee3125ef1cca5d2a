import { parseMessageId, type ServerConversation, type ServerMessage } from '../../../shared/domain';
import type { PushPayload } from '../../../shared/protocol';
import { transaction } from '../store/database';
import { getConversation, raiseConversationModSeq } from '../store/tables/conversations';
import { getMessage, setMessageReceipt } from '../store/tables/messages';
import { ensureGroupRow } from './groupRows';
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
    if (ctx.tasks.closed) return;
    // A seq-0 message cannot be recalled or edited (the server refuses): nothing live to update.
    if (message.seq === 0 || !getMessage(ctx.db, message.from, message.clientMsgId)) return;
    this.session.store([message]);
  }

  /**
   * Settings, clears and (groups) membership and mentions. A group conversation this device
   * has no row for yet (a Work group just activated, a group just joined) gets one: the server
   * says it is mine; its messages follow by push or the next catch-up.
   */
  onConversationUpdated(server: ServerConversation): void {
    const { ctx } = this.session;
    if (ctx.tasks.closed) return;
    const created = server.kind === 'group' && ensureGroupRow(ctx.db, server.conversationId, ctx.now(), server.groupType) === true;
    if (applyServerConversationState(ctx, server) || created) ctx.notify.conversations([server.conversationId]);
  }

  /** M6: new read/unread counts of an own receipt message. */
  onReceipt({ conversationId, messageId, readCount, unreadCount }: PushPayload<'message:receipt'>): void {
    const { ctx } = this.session;
    const key = parseMessageId(messageId);
    if (ctx.tasks.closed || key?.sender !== ctx.me) return;
    const rowId = transaction(ctx.db, () => {
      const message = getMessage(ctx.db, key.sender, key.clientMsgId);
      if (!message || message.conversationId !== conversationId) return null;
      return setMessageReceipt(ctx.db, message.rowId, { readCount, unreadCount }) ? message.rowId : null;
    });
    if (rowId !== null) ctx.notify.messages(conversationId, [rowId]);
  }

  onConversationDeleted({ conversationId }: PushPayload<'conversation:deleted'>): void {
    const { ctx } = this.session;
    if (ctx.tasks.closed) return;
    const conversation = getConversation(ctx.db, conversationId);
    if (conversation) applyDeleted(ctx, conversationId, conversation.lastSeq);
  }

  /** On connect, in the conversation's queue: pulls what changed since the last pull when the server's modSeq moved. */
  async catchUp(server: ServerConversation, generation: number): Promise<void> {
    const { ctx } = this.session;
    const conversationId = server.conversationId;
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
