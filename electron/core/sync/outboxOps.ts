import { MessageId } from '../../../shared/domain';
import type { ErrorShape } from '../../../shared/errors';
import type { FailedOperation } from '../../../shared/ipc';
import type { RequestOutput } from '../../../shared/protocol';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { getConversation, setConversationSettings, setHidden } from '../store/tables/conversations';
import { addPendingOps, getMessagesByRowIds } from '../store/tables/messages';
import { deleteOutboxOp, hasQueuedConversationOp, queuedChangesOf, type OutboxKind, type OutboxOp } from '../store/tables/outbox';
import { applyClear, applyServerConversationState } from './conversationState';
import { replayQueuedChanges } from './messageChanges';
import { emptyBatch, storeServerMessages, type StoredBatch } from './storeServerMessages';

/** The entry leaves the outbox; a change of a message no longer counts as pending on it. */
function settle(ctx: AccountContext, op: OutboxOp): void {
  transaction(ctx.db, () => {
    deleteOutboxOp(ctx.db, op.id);
    if (op.messageRowId !== null && op.kind !== 'message:send') addPendingOps(ctx.db, op.messageRowId, -1);
  });
}

/**
 * The server accepted an outbox entry: its reply is the truth. Sends and message changes
 * store the returned message through the same path as pushes; a clear applies the server's
 * cleared seq; settings take the server's values unless a newer change is queued.
 */
export function applyOpReply(ctx: AccountContext, op: OutboxOp, reply: unknown): StoredBatch {
  const { db, me, now } = ctx;
  if (op.kind !== 'message:send') settle(ctx, op);
  switch (op.kind) {
    case 'message:send':
    case 'message:edit':
    case 'message:recall':
    case 'message:react': {
      const { message } = reply as RequestOutput<'message:edit'>;
      const batch = storeServerMessages(db, me, [message], now());
      // The pending-changes flag went away even if the state did not change.
      if (op.messageRowId !== null && !batch.changed.has(op.conversationId) && !isDeleted(ctx, op.messageRowId)) {
        batch.changed.set(op.conversationId, [op.messageRowId]);
      }
      return batch;
    }
    case 'conversation:clear':
      applyClear(ctx, op.conversationId, (reply as RequestOutput<'conversation:clear'>).clearedSeq);
      return emptyBatch();
    case 'conversation:setSettings': {
      const batch = emptyBatch();
      const { conversation } = reply as RequestOutput<'conversation:setSettings'>;
      if (getConversation(db, op.conversationId) && !hasQueuedConversationOp(db, op.conversationId, 'conversation:setSettings')) {
        setConversationSettings(db, op.conversationId, { pinned: conversation.pinned, recvOpt: conversation.recvOpt });
        batch.conversations.add(op.conversationId);
      }
      return batch;
    }
    case 'message:deleteForMe':
    case 'message:report':
    case 'conversation:delete':
      return emptyBatch();
  }
}

function isDeleted(ctx: AccountContext, rowId: number): boolean {
  return getMessagesByRowIds(ctx.db, [rowId])[0]?.deleted ?? true;
}

/** How the renderer names each refusable change (`operations:failed`). */
const FAILED_OPERATION: Record<Exclude<OutboxKind, 'message:send'>, FailedOperation> = {
  'message:recall': 'recall',
  'message:edit': 'edit',
  'message:react': 'react',
  'message:deleteForMe': 'deleteForMe',
  'message:report': 'report',
  'conversation:clear': 'clear',
  'conversation:delete': 'delete',
  'conversation:setSettings': 'settings',
};

/** The message a change was about, as the renderer knows it; null for conversation operations and multi-message deletions. */
function messageIdOf(op: OutboxOp): string | null {
  const payload = op.payload as { messageId?: unknown; messageIds?: unknown };
  const id = Array.isArray(payload.messageIds) && payload.messageIds.length === 1 ? payload.messageIds[0] : payload.messageId;
  const parsed = MessageId.safeParse(id);
  return parsed.success ? parsed.data : null;
}

/**
 * The server refused a change for good (the recall window passed, the message is gone…):
 * the message becomes the state before its first queued change (the server's) with the
 * changes still queued replayed over it — the refused one left out, so neither an earlier
 * nor a later change of the same message brings it back — and the renderer hears why
 * (`operations:failed`). Conversation operations and deletions are not rolled back here:
 * the outbox asks the server for the conversation's state afterwards
 * ({@link refetchConversationState}), and deleted history is only ever refetched by paging.
 */
export function undoOp(ctx: AccountContext, op: OutboxOp, reason: ErrorShape): void {
  const { db, me, notify, logger } = ctx;
  logger.info({ kind: op.kind, code: reason.code }, 'a queued change was refused; undoing it locally');
  const rowId = op.messageRowId;
  const restored = transaction(db, () => {
    const serverState = rowId === null ? null : (queuedChangesOf(db, rowId)[0]?.undo ?? op.undo);
    settle(ctx, op);
    return rowId !== null && serverState !== null && replayQueuedChanges(db, me, rowId, serverState);
  });
  if (rowId !== null) notify.messages(op.conversationId, [rowId]);
  if (restored) notify.conversations([op.conversationId]);
  if (op.kind !== 'message:send') notify.operationFailed(op.conversationId, messageIdOf(op), FAILED_OPERATION[op.kind], reason);
}

/**
 * After the server refused a conversation operation (settings, clear, delete): take its
 * state of the conversation again — settings, and back in the list if a refused deletion
 * hid it here (history cleared locally stays cleared: it comes back only by paging).
 */
export async function refetchConversationState(ctx: AccountContext, op: OutboxOp): Promise<void> {
  const { db, connection, notify } = ctx;
  const { conversations } = await connection.request('sync:conversations', {});
  if (ctx.tasks.closed) return;
  // One-to-one, group and topic conversations alike: the server names each by the ID the outbox queued it under.
  const server = conversations.find((c) => c.conversationId === op.conversationId);
  if (!server) return;
  let changed = applyServerConversationState(ctx, server);
  if (op.kind === 'conversation:delete' && !hasQueuedConversationOp(db, op.conversationId, 'conversation:delete')) {
    if (setHidden(db, op.conversationId, false)) changed = true;
  }
  if (changed) notify.conversations([op.conversationId]);
}
