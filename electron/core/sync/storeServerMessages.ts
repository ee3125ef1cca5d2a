import { c2cConversationId, type ServerMessage } from '../../../shared/domain';
import { searchableText } from '../services/messageText';
import { transaction, type WritableDB } from '../store/database';
import { ensureConversation, getConversation, noteActivity, setSyncedSeq } from '../store/tables/conversations';
import { contiguousSeqFrom, getMessage, insertMessage, markMessageSent } from '../store/tables/messages';
import { deleteOutboxEntry } from '../store/tables/outbox';
import { ensureUser } from '../store/tables/users';

/**
 * The server vouches that it holds nothing else in (afterSeq, upToSeq] for this
 * conversation (a `sync:messagesAfter`/`Before` page), so the local mark may move
 * across that range even where the page started above afterSeq + 1 (history the
 * server no longer keeps). `reanchor` moves the mark even if it was below afterSeq.
 */
export interface Coverage {
  conversationId: string;
  afterSeq: number;
  upToSeq: number;
  reanchor?: boolean;
}

export interface StoredBatch {
  /** Rowids (messages.id) inserted or changed, per conversation. */
  changed: Map<string, number[]>;
  /** Conversations whose list entry may look different now. */
  conversations: Set<string>;
  /** Newly stored messages from other people: their typing indicator ends. */
  arrivals: Array<{ conversationId: string; from: string }>;
}

/** The conversation a message belongs to from the signed-in user's side: named after the other party. */
export function conversationOf(message: Pick<ServerMessage, 'from' | 'to'>, me: string): string | null {
  if (message.from === me) return c2cConversationId(message.to);
  if (message.to === me) return c2cConversationId(message.from);
  return null;
}

/**
 * Stores server messages in one transaction, idempotently: a known (sender, client
 * message ID) or seq is skipped, except that our own still-pending message is confirmed (it gets
 * its seq and leaves the outbox — the ack was lost, the message was not). Then each
 * touched conversation's mark advances over every seq now stored without a hole.
 */
export function storeServerMessages(
  db: WritableDB,
  me: string,
  messages: readonly ServerMessage[],
  now: number,
  coverage?: Coverage,
): StoredBatch {
  const batch: StoredBatch = { changed: new Map(), conversations: new Set(), arrivals: [] };
  const noteChange = (conversationId: string, rowId: number) => {
    const list = batch.changed.get(conversationId) ?? [];
    list.push(rowId);
    batch.changed.set(conversationId, list);
    batch.conversations.add(conversationId);
  };

  transaction(db, () => {
    for (const message of messages) {
      const conversationId = conversationOf(message, me);
      if (!conversationId) continue;
      const peer = message.from === me ? message.to : message.from;
      ensureUser(db, peer, now);
      if (ensureConversation(db, conversationId, peer, message.time)) batch.conversations.add(conversationId);
      const existing = getMessage(db, message.from, message.clientMsgId);
      if (existing) {
        if (existing.seq === null && existing.sender === me && existing.conversationId === conversationId) {
          markMessageSent(db, existing.rowId, { seq: message.seq, time: message.time, msgKey: message.msgKey });
          deleteOutboxEntry(db, existing.rowId);
          noteChange(conversationId, existing.rowId);
        }
      } else {
        const rowId = insertMessage(db, {
          clientMsgId: message.clientMsgId,
          conversationId,
          seq: message.seq,
          msgKey: message.msgKey,
          sender: message.from,
          body: message.body,
          text: searchableText(message.body),
          time: message.time,
          status: 'sent',
          createdAt: now,
        });
        if (rowId !== null) {
          noteChange(conversationId, rowId);
          if (message.from !== me) batch.arrivals.push({ conversationId, from: message.from });
        }
      }
      noteActivity(db, conversationId, message.seq, message.time);
    }

    const touched = new Set(batch.conversations);
    if (coverage) touched.add(coverage.conversationId);
    for (const conversationId of touched) advanceMark(db, conversationId, coverage);
  });
  return batch;
}

function advanceMark(db: WritableDB, conversationId: string, coverage: Coverage | undefined): void {
  const conversation = getConversation(db, conversationId);
  if (!conversation) return;
  let mark = conversation.syncedSeq;
  if (coverage?.conversationId === conversationId && (coverage.reanchor || mark >= coverage.afterSeq)) {
    mark = Math.max(mark, coverage.upToSeq);
  }
  mark = contiguousSeqFrom(db, conversationId, mark);
  if (mark !== conversation.syncedSeq) setSyncedSeq(db, conversationId, mark);
}
