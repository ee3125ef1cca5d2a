import { c2cConversationId, GROUP_TYPE_TRAITS, parseConversationId, type ServerConversation } from '../../../shared/domain';
import type { PushPayload } from '../../../shared/protocol';
import type { WritableDB } from '../store/database';
import {
  getConversation,
  listConversations,
  raisePeerReadSeq,
  raiseReadSeq,
  raiseServerReadSeq,
  setUnreadHint,
  type ConversationRecord,
} from '../store/tables/conversations';
import { ownMessagesInSeqRange } from '../store/tables/messages';
import type { SyncSession } from './syncSession';

/**
 * M6 read positions: ours (also from our other devices), the peer's (read receipts on our
 * own messages, one-to-one; a group's receipts are counts, `message:receipt`), and the
 * server's unread count as a hint for history not stored here. Positions only ever rise.
 */
export class ReadPositions {
  constructor(private readonly session: SyncSession) {}

  /**
   * Applies one conversation of `sync:conversations`; call inside the caller's transaction
   * with the record as it was before. Returns the rowids of own messages the peer newly read.
   */
  applyFromServer(db: WritableDB, server: ServerConversation, before: ConversationRecord | undefined): number[] {
    const id = server.conversationId;
    raiseReadSeq(db, id, server.readSeq);
    raiseServerReadSeq(db, id, server.readSeq);
    // The server's count is relative to its read position; if ours is ahead (a markRead not yet delivered) it overstates.
    const localReadSeq = Math.max(before?.readSeq ?? 0, server.readSeq);
    if (server.readSeq >= localReadSeq) setUnreadHint(db, id, server.unreadCount, server.lastSeq);
    else setUnreadHint(db, id, 0, 0);
    if (server.kind !== 'c2c') return [];
    const previousPeerRead = raisePeerReadSeq(db, id, server.peerReadSeq);
    if (previousPeerRead === null) return [];
    return ownMessagesInSeqRange(db, id, this.session.ctx.me, previousPeerRead, server.peerReadSeq).map((m) => m.rowId);
  }

  /** `conversation:read`: from the peer, a read receipt; from ourselves, a read on another device. */
  onPush(payload: PushPayload<'conversation:read'>): void {
    const { db, me, notify } = this.session.ctx;
    if (payload.reader === me) {
      if (!getConversation(db, payload.conversationId)) return;
      raiseServerReadSeq(db, payload.conversationId, payload.readSeq);
      if (raiseReadSeq(db, payload.conversationId, payload.readSeq)) notify.conversations([payload.conversationId]);
      return;
    }
    // Others' reads in a group are not pushed to me as reads (an own receipt message gets message:receipt).
    if (parseConversationId(payload.conversationId)?.kind !== 'c2c') return;
    const conversationId = c2cConversationId(payload.reader);
    if (!getConversation(db, conversationId)) return;
    const previous = raisePeerReadSeq(db, conversationId, payload.readSeq);
    if (previous === null) return;
    const covered = ownMessagesInSeqRange(db, conversationId, me, previous, payload.readSeq);
    notify.messages(conversationId, covered.map((m) => m.rowId));
    notify.conversations([conversationId]);
  }

  /** A read position the server has not acknowledged (marked while offline) is sent again. */
  async resend(generation: number): Promise<void> {
    const { db, connection, logger, tasks } = this.session.ctx;
    for (const conversation of listConversations(db)) {
      if (conversation.readSeq <= conversation.serverReadSeq) continue;
      // AVChatRoom keeps no read position on the server: nothing to re-send.
      if (conversation.kind === 'group' && !GROUP_TYPE_TRAITS[conversation.groupType].storesHistory) continue;
      if (!this.session.isCurrent(generation)) return;
      try {
        const { readSeq } = await connection.request('conversation:markRead', { conversationId: conversation.id, readSeq: conversation.readSeq });
        if (!tasks.closed) raiseServerReadSeq(db, conversation.id, readSeq);
      } catch (error) {
        logger.info({ err: error, conversationId: conversation.id }, 'read position not delivered');
      }
    }
  }
}
