import type { ServerConversation } from '../../../shared/domain';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import {
  getConversation,
  raiseClearedSeq,
  raiseReadSeq,
  raiseServerReadSeq,
  setConversationSettings,
  setHidden,
} from '../store/tables/conversations';
import { deleteMessagesUpTo } from '../store/tables/messages';
import { hasQueuedConversationOp } from '../store/tables/outbox';
import { applyGroupServerState } from './groupRows';

/**
 * M10: history up to `clearedSeq` goes from this device (unsent messages stay), paging
 * stops above it, and what was cleared counts as read. Emits `messages:removed` with the
 * cleared seq and the changed list entry. Returns true if anything moved.
 */
export function applyClear(ctx: AccountContext, conversationId: string, clearedSeq: number): boolean {
  const { db, notify } = ctx;
  const moved = transaction(db, () => {
    if (!raiseClearedSeq(db, conversationId, clearedSeq)) return false;
    deleteMessagesUpTo(db, conversationId, clearedSeq);
    raiseReadSeq(db, conversationId, clearedSeq);
    raiseServerReadSeq(db, conversationId, clearedSeq);
    return true;
  });
  if (!moved) return false;
  // What was shown live (never stored) goes with the cleared history.
  ctx.liveRooms.clear(conversationId);
  notify.removed(conversationId, [], clearedSeq);
  notify.conversations([conversationId]);
  return true;
}

/** M10: a deleted conversation is cleared up to `upToSeq` and leaves the list until a newer message arrives. */
export function applyDeleted(ctx: AccountContext, conversationId: string, upToSeq: number): void {
  const { db, notify } = ctx;
  if (!getConversation(db, conversationId)) return;
  applyClear(ctx, conversationId, upToSeq);
  if (setHidden(db, conversationId, true)) notify.conversationsRemoved([conversationId]);
}

/**
 * A conversation's per-user state from the server (`sync:conversations`,
 * `conversation:updated`, a settings reply): settings (M12) unless a change of ours still
 * waits in the outbox, and the cleared seq (M10); for a group also whether I left it and my
 * unread mentions. Returns true if the list entry changed.
 */
export function applyServerConversationState(ctx: AccountContext, server: ServerConversation): boolean {
  const { db } = ctx;
  const id = server.conversationId;
  if (!getConversation(db, id)) return false;
  let changed = server.kind === 'group' && applyGroupServerState(db, server);
  if (!hasQueuedConversationOp(db, id, 'conversation:setSettings')) {
    changed = setConversationSettings(db, id, { pinned: server.pinned, recvOpt: server.recvOpt }) || changed;
  }
  if (server.clearedSeq > 0 && applyClear(ctx, id, server.clearedSeq)) changed = true;
  return changed;
}
