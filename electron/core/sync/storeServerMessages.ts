import {
  c2cConversationId,
  mentionsUser,
  messageId,
  parseConversationId,
  type ConversationId,
  type ServerMessage,
} from '../../../shared/domain';
import { searchableText } from '../services/messageText';
import { transaction, type WritableDB } from '../store/database';
import { ensureConversation, getConversation, noteActivity, setHidden, setSyncedSeq } from '../store/tables/conversations';
import {
  contiguousSeqFrom,
  getMessage,
  insertMessage,
  markMessageSent,
  setMessageReceipt,
  writeMessageState,
  type MessageRecord,
  type MessageState,
} from '../store/tables/messages';
import { deleteOutboxEntry } from '../store/tables/outbox';
import { ownText, replayQueuedChanges } from './messageChanges';
import { ensureUser } from '../store/tables/users';
import { ensureGroupRow } from './groupRows';

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
  /** Renderer IDs of messages that became deleted for me (M10), per conversation. */
  removed: Map<string, string[]>;
  /** Conversations whose list entry may look different now. */
  conversations: Set<string>;
  /** Newly stored messages from other people: their typing indicator ends. */
  arrivals: Array<{ conversationId: string; from: string }>;
}

export function emptyBatch(): StoredBatch {
  return { changed: new Map(), removed: new Map(), conversations: new Set(), arrivals: [] };
}

/**
 * The conversation a message belongs to from the signed-in user's side: one-to-one, named after
 * the other party; a group or topic message (`to` null) belongs to the conversation it names.
 */
export function conversationOf(message: Pick<ServerMessage, 'from' | 'to' | 'conversationId'>, me: string): ConversationId | null {
  if (message.to === null) return parseConversationId(message.conversationId)?.kind === 'group' ? message.conversationId : null;
  if (message.from === me) return c2cConversationId(message.to);
  if (message.to === me) return c2cConversationId(message.from);
  return null;
}

/** A message's state as the server delivered it; an own message recalled elsewhere keeps its text for re-editing. */
export function serverState(message: ServerMessage, existing: MessageRecord | undefined, me: string): MessageState {
  const recalledText =
    message.recalled && message.from === me ? (existing?.recalledText ?? (existing && !existing.recalled ? ownText(existing) : null)) : null;
  return {
    body: message.body,
    text: message.recalled || message.deletedForMe || message.movedTo ? '' : searchableText(message.body),
    recalled: message.recalled,
    recalledText,
    editedAt: message.editedAt,
    reactions: message.reactions,
    replyTo: message.replyTo,
    cloudCustomData: message.cloudCustomData,
    deleted: message.deletedForMe,
    modSeq: message.modSeq,
    movedTo: message.movedTo ?? null,
  };
}

/**
 * Stores server messages in one transaction, idempotently: a known (sender, client
 * message ID) or seq is not stored twice. Our own still-pending message is confirmed (it gets
 * its seq and leaves the outbox — the ack was lost, the message was not); a known message
 * takes the server's newer state (recall, edit, reactions, deletion for me: a higher modSeq),
 * with the changes of ours to it that still wait in the outbox replayed over it. Nothing at or
 * below a conversation's cleared seq is stored (M10); a message above it brings a deleted
 * conversation back. Then
 * each touched conversation's mark advances over every seq now stored without a hole.
 */
export function storeServerMessages(
  db: WritableDB,
  me: string,
  messages: readonly ServerMessage[],
  now: number,
  coverage?: Coverage,
): StoredBatch {
  const batch = emptyBatch();
  const noteChange = (conversationId: string, rowId: number) => {
    const list = batch.changed.get(conversationId) ?? [];
    list.push(rowId);
    batch.changed.set(conversationId, list);
    batch.conversations.add(conversationId);
  };
  const noteRemoved = (conversationId: string, message: ServerMessage) => {
    const list = batch.removed.get(conversationId) ?? [];
    list.push(messageId(message.from, message.clientMsgId));
    batch.removed.set(conversationId, list);
    batch.conversations.add(conversationId);
  };

  transaction(db, () => {
    for (const message of messages) {
      const conversationId = conversationOf(message, me);
      // Seq 0 is never stored (AVChatRoom, online-only, online tips: sync/liveRooms.ts keeps those).
      if (!conversationId || message.seq === 0) continue;
      if (message.to === null) {
        // A group whose type nobody here knows yet: sync:conversations brings its row and these messages.
        const created = ensureGroupRow(db, conversationId, message.time);
        if (created === null) continue;
        if (created) batch.conversations.add(conversationId);
      } else {
        const peer = message.from === me ? message.to : message.from;
        ensureUser(db, peer, now);
        if (ensureConversation(db, conversationId, peer, message.time)) batch.conversations.add(conversationId);
      }
      const existing = getMessage(db, message.from, message.clientMsgId);
      if (existing) {
        if (existing.conversationId !== conversationId) continue;
        const confirming = existing.seq === null && existing.sender === me;
        if (confirming) {
          markMessageSent(db, existing.rowId, { seq: message.seq, time: message.time, msgKey: message.msgKey });
          deleteOutboxEntry(db, existing.rowId);
        }
        const newer = message.modSeq > existing.modSeq || (confirming && message.modSeq >= existing.modSeq);
        // Deleted for me is final here: a state without the deletion (a reaction, the ack of a
        // send, pushed while our deletion still waits in the outbox) must not bring it back.
        const resurrects = existing.deleted && !message.deletedForMe;
        if (newer && existing.pendingOps === 0 && !resurrects) {
          writeMessageState(db, existing.rowId, serverState(message, existing, me));
          // Deleted for me, or moved to another topic (ADR 0005): it leaves the timeline.
          if ((message.deletedForMe && !existing.deleted) || (message.movedTo && !existing.movedTo)) noteRemoved(conversationId, message);
        }
        // Changes of ours still wait: the message shows the server's newer state with them replayed
        // over it (a deletion elsewhere waits for their replies, which carry it).
        const rebased =
          newer && existing.pendingOps > 0 && !message.deletedForMe && replayQueuedChanges(db, me, existing.rowId, serverState(message, existing, me));
        // M6: the counts of an own receipt message come with any copy of it (pushes, pages, acks).
        const counted = message.receipt !== null && message.from === me && setMessageReceipt(db, existing.rowId, message.receipt);
        if (
          (confirming && !existing.deleted) ||
          rebased ||
          (counted && !existing.deleted) ||
          (newer && existing.pendingOps === 0 && !message.deletedForMe && !message.movedTo && !resurrects)
        ) {
          noteChange(conversationId, existing.rowId);
        }
      } else {
        const conversation = getConversation(db, conversationId);
        if (conversation && message.seq <= conversation.clearedSeq) continue;
        const rowId = insertMessage(db, {
          clientMsgId: message.clientMsgId,
          conversationId,
          seq: message.seq,
          msgKey: message.msgKey,
          sender: message.from,
          time: message.time,
          status: 'sent',
          createdAt: now,
          ...serverState(message, undefined, me),
          groupAt: message.groupAt,
          atMe: mentionsUser(message.groupAt, message.from, me),
          needsReceipt: message.needReceipt,
          receipt: message.from === me ? message.receipt : null,
          isTip: message.isTip,
          movedFrom: message.movedFrom ?? null,
        });
        if (rowId !== null) {
          if (conversation?.hidden && setHidden(db, conversationId, false)) batch.conversations.add(conversationId);
          if (!message.deletedForMe && !message.movedTo) noteChange(conversationId, rowId);
          if (message.from !== me && !message.deletedForMe) batch.arrivals.push({ conversationId, from: message.from });
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
