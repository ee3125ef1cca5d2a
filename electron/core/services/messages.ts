import {
  parseConversationId,
  parseMessageId,
  previewOf,
  textBody,
  type ChatMessage,
  type GroupConversationId,
  type ReplyRef,
} from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput, RequestOutput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { getConversation, noteActivity, setHidden } from '../store/tables/conversations';
import {
  ackedAfter,
  ackedBefore,
  isHidden,
  getMessage,
  insertMessage,
  markMessagePending,
  unackedAfter,
  unackedBefore,
  type MessageRecord,
} from '../store/tables/messages';
import { insertOutboxEntry } from '../store/tables/outbox';
import { findHistoryHole } from '../sync/gaps';
import type { OutboxSender } from '../sync/outboxSender';
import type { SyncEngine } from '../sync/syncEngine';
import { accountRequest } from './accountRequest';
import { newClientMsgId } from './clientMsgId';
import type { LiveSender } from './liveSend';
import { searchableText } from './messageText';
import { checkGroupExtras, ensureTargetConversation, normalizedGroupAt, resolveSendTarget, sendPayload } from './sendTarget';
import { toChatMessage, withLiveMessages } from './views';

/** How many times one page request may go back to the server to fill holes before answering with what it has. */
const MAX_HISTORY_FETCHES = 3;

/** M3/M4: sending through the outbox, retrying failed sends, and history pages in display order. */
export class MessageService {
  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
    private readonly sync: SyncEngine,
    private readonly live: LiveSender,
  ) {}

  /**
   * Writes the message and its outbox entry in one transaction, shows it as pending at once,
   * and lets the outbox deliver it (now if online, after the next connect otherwise). In a
   * group or topic the payload is the group variant, with its mentions and receipt request
   * stored on the pending message too (ADR 0004 §6). A live room (AVChatRoom) keeps nothing,
   * so it has no outbox: `submit` sends there directly.
   */
  send(input: ParsedInput<'messages:send'>): ChatMessage {
    const { db, me, now, notify } = this.ctx;
    const target = resolveSendTarget(db, input.conversationId);
    checkGroupExtras(target, input);
    if (target.kind === 'group' && target.live) throw new AppError('group_unsupported', 'Live rooms keep no outbox; use submit.');
    const { conversationId } = target;
    const body = textBody(input.text);
    const clientMsgId = newClientMsgId();
    const time = now();
    const replyTo = input.replyToId === undefined ? null : this.quote(input.replyToId, conversationId);
    const groupAt = normalizedGroupAt(input.groupAt);
    const needReceipt = input.needReceipt === true;
    const rowId = transaction(db, () => {
      ensureTargetConversation(db, target, time);
      setHidden(db, conversationId, false);
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
        replyTo,
        groupAt,
        needsReceipt: needReceipt,
      });
      // 128 random bits: a collision with one of our own earlier IDs does not happen in practice.
      if (inserted === null) throw new AppError('internal', 'The message could not be stored.');
      const payload = sendPayload(target, { clientMsgId, body, replyTo: input.replyToId, groupAt, needReceipt });
      insertOutboxEntry(db, { messageRowId: inserted, conversationId, payload, createdAt: time });
      noteActivity(db, conversationId, null, time);
      return inserted;
    });
    notify.messages(conversationId, [rowId]);
    notify.conversations([conversationId]);
    this.outbox.kick();
    return this.view(this.mustGetOwn(clientMsgId));
  }

  /**
   * What the renderer's `messages:send` runs: the outbox path, or for a live room the direct
   * send (offline fails at once with `offline`; a refusal rejects with the server's reason).
   */
  async submit(input: ParsedInput<'messages:send'>): Promise<ChatMessage> {
    const target = resolveSendTarget(this.ctx.db, input.conversationId);
    if (target.kind === 'group' && target.live) return this.live.sendText(target, input);
    return this.send(input);
  }

  /** Puts a failed message back in the outbox, at the end of the queue. */
  retry(input: ParsedInput<'messages:retry'>): ChatMessage {
    const { db, now, notify } = this.ctx;
    const message = this.mustGet(input.id);
    if (message.sender !== this.ctx.me) throw new AppError('bad_request', 'Only your own messages can be sent again.');
    if (message.status === 'failed') {
      const time = now();
      // The message was stored, so its conversation is not a live room; a group left since is refused here.
      const target = resolveSendTarget(db, message.conversationId);
      const payload = sendPayload(target, {
        clientMsgId: message.clientMsgId,
        body: message.body,
        replyTo: message.replyTo?.messageId,
        groupAt: message.groupAt,
        needReceipt: message.needsReceipt,
      });
      transaction(db, () => {
        markMessagePending(db, message.rowId, time);
        insertOutboxEntry(db, { messageRowId: message.rowId, conversationId: message.conversationId, payload, createdAt: time });
        noteActivity(db, message.conversationId, null, time);
      });
      notify.messages(message.conversationId, [message.rowId]);
      notify.conversations([message.conversationId]);
    }
    if (message.status !== 'sent') this.outbox.kick();
    return this.view(this.mustGetOwn(message.clientMsgId));
  }

  /**
   * M6: who has (or has not) read an own receipt message in a group, a page at a time from the server
   * (the lists are derived from read positions there, never stored here). `not_found` for a message that
   * is not this account's own receipt message in a group; `offline` while disconnected.
   */
  receiptMembers(input: ParsedInput<'messages:receiptMembers'>): Promise<RequestOutput<'messages:receiptMembers'>> {
    const { connection } = this.ctx;
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const message = this.find(input.id);
      const conversationId = message?.conversationId ?? '';
      const inGroup = parseConversationId(conversationId)?.kind === 'group';
      if (!message || isHidden(message) || message.sender !== this.ctx.me || !message.needsReceipt || message.seq === null || !inGroup) {
        throw new AppError('not_found', 'That is not a message of yours that asked for read receipts.');
      }
      if (!connection.isOnline()) throw new AppError('offline', 'Read receipts come from the server; connect and try again.');
      const reply = await connection.request('group:receiptMembers', {
        conversationId: conversationId as GroupConversationId,
        messageId: input.id,
        which: input.which,
        cursor: input.cursor,
      });
      stillSignedIn();
      return { userIds: reply.userIds, cursor: reply.cursor };
    });
  }

  /**
   * The newest `limit` messages older than `beforeId`, ascending in display order
   * (acknowledged by seq, then unacknowledged in creation order). When the local store
   * has a hole or ends above the start of history and we are online, the missing range
   * is fetched and stored first. A hole that could not be filled (offline, a failed
   * fetch) still answers `hasMore: true`: older messages exist, they are just not here yet.
   * With `afterId` instead: the oldest `limit` messages newer than it (after a jump).
   * Messages deleted for me are never returned, and paging stops at a cleared seq (M10).
   */
  page(input: ParsedInput<'messages:page'>): Promise<RequestOutput<'messages:page'>> {
    const { db } = this.ctx;
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!getConversation(db, input.conversationId)) throw new AppError('not_found', 'No such conversation.');
      if (input.beforeId !== undefined && input.afterId !== undefined) throw new AppError('bad_request', 'Give beforeId or afterId, not both.');
      const cursorId = input.afterId ?? input.beforeId;
      const cursor = cursorId === undefined ? null : this.find(cursorId);
      if (cursorId !== undefined && (!cursor || cursor.conversationId !== input.conversationId)) {
        throw new AppError('not_found', 'That message is not in this conversation.');
      }
      if (input.afterId !== undefined && cursor) return this.pageAfter(input.conversationId, cursor, input.limit, stillSignedIn);
      const page = await this.pageBefore(input.conversationId, cursor, input.limit, stillSignedIn);
      // The newest page also shows what arrived live and was never stored (AVChatRoom, online-only).
      return cursor ? page : withLiveMessages(this.ctx.db, this.ctx.me, this.ctx.liveRooms, input.conversationId, page);
    });
  }

  /** M11/M14: a page centred on one message (a search hit, a quoted message), ascending. */
  around(input: ParsedInput<'messages:around'>): Promise<RequestOutput<'messages:around'>> {
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      const target = this.find(input.id);
      if (!target || isHidden(target) || target.conversationId !== input.conversationId) throw new AppError('message_not_found');
      const half = Math.floor((input.limit - 1) / 2);
      const before = await this.pageBefore(input.conversationId, target, Math.max(1, half), stillSignedIn);
      const after = await this.pageAfter(input.conversationId, target, Math.max(1, input.limit - 1 - half), stillSignedIn);
      return {
        messages: [...before.messages, this.view(this.mustGet(input.id)), ...after.messages],
        hasMoreBefore: before.hasMore,
        hasMoreAfter: after.hasMore,
      };
    });
  }

  private async pageBefore(
    conversationId: string,
    cursor: MessageRecord | null,
    limit: number,
    stillSignedIn: () => void,
  ): Promise<RequestOutput<'messages:page'>> {
    const { db, connection, logger } = this.ctx;
    let fetchFailed = false;
    for (let fetches = 0; ; fetches += 1) {
      const page = this.readPageBefore(conversationId, cursor, limit);
      const floorSeq = getConversation(db, conversationId)?.firstSeq ?? 1;
      const hole = findHistoryHole(page.seqsDesc, cursor?.seq ?? null, floorSeq, page.wantedSeqs);
      if (hole === null) return this.answer(page, cursor, floorSeq, false);
      if (fetchFailed || fetches >= MAX_HISTORY_FETCHES || !connection.isOnline()) return this.answer(page, cursor, floorSeq, true);
      try {
        await this.sync.fetchOlder(conversationId, hole, Math.max(limit, 50));
      } catch (error) {
        stillSignedIn();
        logger.info({ err: error, conversationId }, 'could not fetch older messages; answering from the local store');
        fetchFailed = true;
      }
      stillSignedIn();
    }
  }

  /**
   * The page before a cursor, from the store. Tombstones (deleted for me) are read too, so
   * a deleted seq is not taken for a missing one: `seqsDesc` holds every stored seq the page
   * spans, and `wantedSeqs` exceeds its length when the store ran out before the page filled.
   */
  private readPageBefore(conversationId: string, cursor: MessageRecord | null, limit: number) {
    const { db } = this.ctx;
    // One more than asked, to learn whether anything older remains locally.
    const unacked = cursor === null || cursor.seq === null ? unackedBefore(db, conversationId, cursor, limit + 1) : [];
    const wanted = Math.max(0, limit + 1 - unacked.length);
    const rows: MessageRecord[] = [];
    let visible = 0;
    let exhausted = wanted === 0;
    let bound = cursor?.seq ?? null;
    while (!exhausted && visible < wanted) {
      const chunk = ackedBefore(db, conversationId, bound, Math.max(wanted * 2, 50), true);
      for (const row of chunk) {
        if (visible >= wanted) break;
        rows.push(row);
        if (!isHidden(row)) visible += 1;
      }
      exhausted = chunk.length < Math.max(wanted * 2, 50);
      bound = chunk.at(-1)?.seq ?? bound;
    }
    const newestFirst = [...unacked, ...rows.filter((m) => !isHidden(m))];
    const messages = newestFirst.slice(0, limit);
    const oldestShown = messages.findLast((m) => m.seq !== null)?.seq ?? null;
    // Hole check over what the page spans (down to its oldest message, or all read if it is short).
    const spanned = rows.filter((m) => oldestShown === null || visible < wanted || (m.seq ?? 0) >= oldestShown);
    const seqsDesc = spanned.map((m) => m.seq as number);
    const wantedSeqs = visible < wanted && wanted > 0 ? seqsDesc.length + 1 : seqsDesc.length;
    const lowestSeq = rows.at(-1)?.seq ?? null;
    return { messages: messages.reverse(), moreLocally: newestFirst.length > limit, seqsDesc, wantedSeqs, lowestSeq };
  }

  /**
   * `hasMore` when older messages remain here, when what the page read (or, for an empty page,
   * the cursor) stops above the start of history, or when a hole is left unfilled.
   */
  private answer(
    page: { messages: MessageRecord[]; moreLocally: boolean; lowestSeq: number | null },
    cursor: MessageRecord | null,
    firstSeq: number,
    holeLeft: boolean,
  ): RequestOutput<'messages:page'> {
    const seqs = [...page.messages, ...(cursor ? [cursor] : [])].flatMap((m) => (m.seq === null ? [] : [m.seq]));
    if (page.lowestSeq !== null) seqs.push(page.lowestSeq);
    const moreOnServer = seqs.length > 0 && Math.min(...seqs) > firstSeq;
    return { messages: page.messages.map((m) => this.view(m)), hasMore: page.moreLocally || moreOnServer || holeLeft };
  }

  /**
   * Towards the present after a jump: acknowledged messages after the cursor by seq, then
   * the unacknowledged ones. A hole between the cursor and the newest known seq is fetched
   * first when online (once); one left unfilled answers `hasMore: true`.
   */
  private async pageAfter(
    conversationId: string,
    cursor: MessageRecord,
    limit: number,
    stillSignedIn: () => void,
  ): Promise<RequestOutput<'messages:page'>> {
    const { db, connection, logger } = this.ctx;
    if (cursor.seq === null) {
      const unacked = unackedAfter(db, conversationId, cursor, limit + 1);
      return { messages: unacked.slice(0, limit).map((m) => this.view(m)), hasMore: unacked.length > limit };
    }
    const afterSeq = cursor.seq;
    const missingFrom = () => {
      const rows = ackedAfter(db, conversationId, afterSeq, limit + 1, true);
      const lastSeq = getConversation(db, conversationId)?.lastSeq ?? 0;
      let expected = afterSeq + 1;
      for (const row of rows) {
        if (row.seq !== expected) return expected - 1;
        expected += 1;
      }
      return rows.length <= limit && expected - 1 < lastSeq ? expected - 1 : null;
    };
    let hole = missingFrom();
    if (hole !== null && connection.isOnline()) {
      try {
        await this.sync.fetchNewer(conversationId, hole, Math.max(limit, 50));
      } catch (error) {
        logger.info({ err: error, conversationId }, 'could not fetch newer messages; answering from the local store');
      }
      stillSignedIn();
      hole = missingFrom();
    }
    const acked = ackedAfter(db, conversationId, afterSeq, limit + 1);
    const unacked = acked.length > limit ? [] : unackedAfter(db, conversationId, null, limit + 1 - acked.length);
    const all = [...acked, ...unacked];
    return { messages: all.slice(0, limit).map((m) => this.view(m)), hasMore: all.length > limit || hole !== null };
  }

  /** M14: the quote a reply shows until the server's resolved one arrives with the ack. */
  private quote(replyToId: string, conversationId: string): ReplyRef | null {
    const original = this.find(replyToId);
    if (!original || isHidden(original) || original.conversationId !== conversationId) throw new AppError('message_not_found');
    if (original.seq === null) return null;
    return { messageId: replyToId, from: original.sender, seq: original.seq, preview: previewOf(original.body) };
  }

  /** The message a renderer ID (`<sender>:<clientMsgId>`) names, if stored. */
  private find(id: string): MessageRecord | null {
    const key = parseMessageId(id);
    return (key && getMessage(this.ctx.db, key.sender, key.clientMsgId)) ?? null;
  }

  private mustGet(id: string): MessageRecord {
    const message = this.find(id);
    if (!message) throw new AppError('not_found', 'No such message.');
    return message;
  }

  private mustGetOwn(clientMsgId: string): MessageRecord {
    const message = getMessage(this.ctx.db, this.ctx.me, clientMsgId);
    if (!message) throw new AppError('not_found', 'No such message.');
    return message;
  }

  private view(message: MessageRecord): ChatMessage {
    const peerReadSeq = getConversation(this.ctx.db, message.conversationId)?.peerReadSeq ?? 0;
    return toChatMessage(message, this.ctx.me, peerReadSeq, this.ctx.db);
  }
}
