import type { MsgBody } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { sql } from '../../../shared/sql/sql';
import type { AccountContext } from '../accountContext';
import { run, transaction, type ReadableDB, type WritableDB } from '../store/database';
import { noteActivity } from '../store/tables/conversations';
import { getMessage, insertMessage, type MessageRecord } from '../store/tables/messages';
import { insertOutboxEntry } from '../store/tables/outbox';
import { newClientMsgId } from '../services/clientMsgId';
import { searchableText } from '../services/messageText';
import { ensureTargetConversation, resolveSendTarget, sendPayload, type SendTarget } from '../services/sendTarget';

export interface QueuedMessage {
  rowId: number;
  clientMsgId: string;
  conversationId: string;
}

/**
 * Writes an own message (pending) and its outbox entry in one transaction, like
 * `MessageService.send` does for text, for any body: files, forwarded copies,
 * combined messages — to a person, a group or a topic (the outbox payload is the
 * target's variant). A live room (AVChatRoom) keeps no outbox: callers send there
 * directly (`LiveSender`); a file for one is refused here. The caller notifies and
 * kicks the outbox.
 */
export function queueOwnMessage(
  ctx: AccountContext,
  target: string,
  body: MsgBody,
  options: { clientMsgId?: string; replyTo?: string } = {},
): QueuedMessage {
  const { db, me, now } = ctx;
  const resolved = queueableTarget(db, target);
  const { conversationId } = resolved;
  const clientMsgId = options.clientMsgId ?? newClientMsgId();
  const time = now();
  const rowId = transaction(db, () => {
    ensureTargetConversation(db, resolved, time);
    const inserted = insertMessage(db, {
      clientMsgId,
      conversationId,
      seq: null,
      msgKey: null,
      sender: me,
      body,
      text: searchableText(body),
      time,
      status: 'pending',
      createdAt: time,
    });
    if (inserted === null) throw new AppError('internal', 'The message could not be stored.');
    insertOutboxEntry(db, {
      messageRowId: inserted,
      conversationId,
      payload: sendPayload(resolved, { clientMsgId, body, replyTo: options.replyTo }),
      createdAt: time,
    });
    noteActivity(db, conversationId, null, time);
    return inserted;
  });
  return { rowId, clientMsgId, conversationId };
}

/**
 * The target of a queued send; a live room (AVChatRoom) is refused: it keeps no outbox, and an
 * upload outlasts a live room's moment with nothing to resume into. Called before any work starts
 * (an upload job on disk), then again inside the queueing.
 */
export function queueableTarget(db: ReadableDB, target: string): SendTarget {
  const resolved = resolveSendTarget(db, target);
  if (resolved.kind === 'group' && resolved.live) throw new AppError('group_unsupported', 'Files cannot be sent to a live room.');
  return resolved;
}

export function ownMessage(ctx: AccountContext, clientMsgId: string): MessageRecord | undefined {
  return getMessage(ctx.db, ctx.me, clientMsgId);
}

/** A cancelled upload: the unsent message and its outbox entry go (the outbox row cascades). */
export function deleteUnsentMessage(db: WritableDB, rowId: number): boolean {
  return run(db, sql`DELETE FROM messages WHERE id = ${rowId} AND seq IS NULL`).changes > 0;
}
