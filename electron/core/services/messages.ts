import { c2cConversationId, parseMessageId, peerOfConversation, textBody, type ChatMessage } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput, RequestOutput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { transaction } from '../store/database';
import { ensureConversation, getConversation, noteActivity } from '../store/tables/conversations';
import { ackedBefore, getMessage, insertMessage, markMessagePending, unackedBefore, type MessageRecord } from '../store/tables/messages';
import { insertOutboxEntry } from '../store/tables/outbox';
import { ensureUser } from '../store/tables/users';
import { findHistoryHole } from '../sync/gaps';
import type { OutboxSender } from '../sync/outboxSender';
import type { SyncEngine } from '../sync/syncEngine';
import { accountRequest } from './accountRequest';
import { newClientMsgId } from './clientMsgId';
import { searchableText } from './messageText';
import { toChatMessage } from './views';

/** How many times one page request may go back to the server to fill holes before answering with what it has. */
const MAX_HISTORY_FETCHES = 3;

/** M3/M4: sending through the outbox, retrying failed sends, and history pages in display order. */
export class MessageService {
  constructor(
    private readonly ctx: AccountContext,
    private readonly outbox: OutboxSender,
    private readonly sync: SyncEngine,
  ) {}

  /**
   * Writes the message and its outbox entry in one transaction, shows it as pending at once,
   * and lets the outbox deliver it (now if online, after the next connect otherwise).
   */
  send(input: ParsedInput<'messages:send'>): ChatMessage {
    const { db, me, now, notify } = this.ctx;
    const peer = peerOfConversation(input.conversationId);
    const conversationId = c2cConversationId(peer);
    const body = textBody(input.text);
    const clientMsgId = newClientMsgId();
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
      // 128 random bits: a collision with one of our own earlier IDs does not happen in practice.
      if (inserted === null) throw new AppError('internal', 'The message could not be stored.');
      insertOutboxEntry(db, { messageRowId: inserted, conversationId, payload: { clientMsgId, to: peer, body }, createdAt: time });
      noteActivity(db, conversationId, null, time);
      return inserted;
    });
    notify.messages(conversationId, [rowId]);
    notify.conversations([conversationId]);
    this.outbox.kick();
    return this.view(this.mustGetOwn(clientMsgId));
  }

  /** Puts a failed message back in the outbox, at the end of the queue. */
  retry(input: ParsedInput<'messages:retry'>): ChatMessage {
    const { db, now, notify } = this.ctx;
    const message = this.mustGet(input.id);
    if (message.sender !== this.ctx.me) throw new AppError('bad_request', 'Only your own messages can be sent again.');
    if (message.status === 'failed') {
      const time = now();
      transaction(db, () => {
        markMessagePending(db, message.rowId, time);
        insertOutboxEntry(db, {
          messageRowId: message.rowId,
          conversationId: message.conversationId,
          payload: { clientMsgId: message.clientMsgId, to: peerOfConversation(message.conversationId), body: message.body },
          createdAt: time,
        });
        noteActivity(db, message.conversationId, null, time);
      });
      notify.messages(message.conversationId, [message.rowId]);
      notify.conversations([message.conversationId]);
    }
    if (message.status !== 'sent') this.outbox.kick();
    return this.view(this.mustGetOwn(message.clientMsgId));
  }

  /**
   * The newest `limit` messages older than `beforeId`, ascending in display order
   * (acknowledged by seq, then unacknowledged in creation order). When the local store
   * has a hole or ends above the start of history and we are online, the missing range
   * is fetched and stored first. A hole that could not be filled (offline, a failed
   * fetch) still answers `hasMore: true`: older messages exist, they are just not here yet.
   */
  page(input: ParsedInput<'messages:page'>): Promise<RequestOutput<'messages:page'>> {
    const { db, connection, logger } = this.ctx;
    return accountRequest(this.ctx.tasks, async (stillSignedIn) => {
      if (!getConversation(db, input.conversationId)) throw new AppError('not_found', 'No such conversation.');
      const cursor = input.beforeId === undefined ? null : this.find(input.beforeId);
      if (input.beforeId !== undefined && (!cursor || cursor.conversationId !== input.conversationId)) {
        throw new AppError('not_found', 'That message is not in this conversation.');
      }
      let fetchFailed = false;
      for (let fetches = 0; ; fetches += 1) {
        const page = this.readLocalPage(input.conversationId, cursor, input.limit);
        const floorSeq = getConversation(db, input.conversationId)?.firstSeq ?? 1;
        const acked = page.messages.filter((m) => m.seq !== null).map((m) => m.seq as number);
        const wantedAcked = input.limit - page.messages.filter((m) => m.seq === null).length;
        const hole = findHistoryHole(acked.toReversed(), cursor?.seq ?? null, floorSeq, wantedAcked);
        if (hole === null) return this.answer(page, cursor, floorSeq, false);
        if (fetchFailed || fetches >= MAX_HISTORY_FETCHES || !connection.isOnline()) return this.answer(page, cursor, floorSeq, true);
        try {
          await this.sync.fetchOlder(input.conversationId, hole, Math.max(input.limit, 50));
        } catch (error) {
          stillSignedIn();
          logger.info({ err: error, conversationId: input.conversationId }, 'could not fetch older messages; answering from the local store');
          fetchFailed = true;
        }
        stillSignedIn();
      }
    });
  }

  private readLocalPage(conversationId: string, cursor: MessageRecord | null, limit: number) {
    const { db } = this.ctx;
    // Fetch one more than asked to learn whether anything older remains locally.
    const unacked = cursor === null || cursor.seq === null ? unackedBefore(db, conversationId, cursor, limit + 1) : [];
    const ackedLimit = Math.max(0, limit + 1 - unacked.length);
    const acked = ackedLimit > 0 ? ackedBefore(db, conversationId, cursor?.seq ?? null, ackedLimit) : [];
    const newestFirst = [...unacked, ...acked];
    return { messages: newestFirst.slice(0, limit).reverse(), moreLocally: newestFirst.length > limit };
  }

  /**
   * `hasMore` when older messages remain here, when the page (or, for an empty page, the
   * cursor) stops above the start of history, or when a hole is left unfilled.
   */
  private answer(
    page: { messages: MessageRecord[]; moreLocally: boolean },
    cursor: MessageRecord | null,
    firstSeq: number,
    holeLeft: boolean,
  ): RequestOutput<'messages:page'> {
    const seqs = [...page.messages, ...(cursor ? [cursor] : [])].flatMap((m) => (m.seq === null ? [] : [m.seq]));
    const moreOnServer = seqs.length > 0 && Math.min(...seqs) > firstSeq;
    return { messages: page.messages.map((m) => this.view(m)), hasMore: page.moreLocally || moreOnServer || holeLeft };
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
    return toChatMessage(message, this.ctx.me, peerReadSeq);
  }
}
