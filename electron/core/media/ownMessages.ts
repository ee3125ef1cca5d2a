import { c2cConversationId, requireC2cPeer, type MsgBody } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { sql } from '../../../shared/sql/sql';
import type { AccountContext } from '../accountContext';
import { run, transaction, type WritableDB } from '../store/database';
import { ensureConversation, noteActivity } from '../store/tables/conversations';
import { getMessage, insertMessage, type MessageRecord } from '../store/tables/messages';
import { insertOutboxEntry } from '../store/tables/outbox';
import { ensureUser } from '../store/tables/users';
import { newClientMsgId } from '../services/clientMsgId';
import { searchableText } from '../services/messageText';

export interface QueuedMessage {
  rowId: number;
  clientMsgId: string;
  conversationId: string;
}

/**
 * Writes an own message (pending) and its outbox entry in one transaction, like
 * `MessageService.send` does for text, for any body: files, forwarded copies,
 * combined messages. The caller notifies and kicks the outbox.
 */
export function queueOwnMessage(
  ctx: AccountContext,
  target: string,
  body: MsgBody,
  options: { clientMsgId?: string; replyTo?: string } = {},
): QueuedMessage {
  const { db, me, now } = ctx;
  const peer = requireC2cPeer(target);
  const conversationId = c2cConversationId(peer);
  const clientMsgId = options.clientMsgId ?? newClientMsgId();
  const time = now();
  const rowId = transaction(db, () => {
    ensureUser(db, peer, time);
    ensureConversation(db, conversationId, peer, time);
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
      payload: { clientMsgId, to: peer, body, ...(options.replyTo ? { replyTo: options.replyTo } : {}) },
      createdAt: time,
    });
    noteActivity(db, conversationId, null, time);
    return inserted;
  });
  return { rowId, clientMsgId, conversationId };
}

export function ownMessage(ctx: AccountContext, clientMsgId: string): MessageRecord | undefined {
  return getMessage(ctx.db, ctx.me, clientMsgId);
}

/** A cancelled upload: the unsent message and its outbox entry go (the outbox row cascades). */
export function deleteUnsentMessage(db: WritableDB, rowId: number): boolean {
  return run(db, sql`DELETE FROM messages WHERE id = ${rowId} AND seq IS NULL`).changes > 0;
}
