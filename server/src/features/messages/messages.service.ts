import { MAX_BODY_BYTES, type MsgBody, type ServerMessage } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type Logger } from '../../logger';
import { type AppendResult, type MessagePage, type NewMessage, type Store, type StoredMessage } from '../../store/types';
import { GroupCommitQueue } from './groupCommit';
import { toServerMessage } from './view';

/**
 * How a send reaches the sender's own devices:
 * - `live`: pushed to every other device of the sender and kept in their history (socket sends, REST SyncOtherMachine 1);
 * - `history`: kept in their history, not pushed (REST default);
 * - `hidden`: neither (REST SyncOtherMachine 2).
 */
export type SenderSync = 'live' | 'history' | 'hidden';

export interface SendRequest {
  from: string;
  to: string;
  clientMsgId: string;
  body: MsgBody;
  senderSync: SenderSync;
  /** The socket that sent it: it gets the ack instead of a push. */
  originSocketId?: string;
  /** The MsgKey's random part; REST callers pass their MsgRandom. */
  random?: number;
}

export interface SendResult {
  message: StoredMessage;
  /** True when this client message ID was stored before: nothing new was written or delivered. */
  duplicate: boolean;
}

/**
 * M3: one-to-one sends for sockets and REST alike. Sends are group-committed
 * (one transaction per event-loop turn); each resolves only after its batch
 * committed, and only then is the message delivered live.
 */
export class MessagesService {
  private readonly queue: GroupCommitQueue<NewMessage, AppendResult>;

  constructor(
    private readonly deps: {
      store: Store;
      delivery: Delivery;
      clock: Clock;
      logger: Logger;
      /** Called after delivery when a message made two people share a conversation for the first time. */
      onConversationShared?: (a: string, b: string) => void;
    },
  ) {
    this.queue = new GroupCommitQueue((items) => this.commit(items));
  }

  /**
   * One failed transaction fails every send of its batch (each retries
   * idempotently by client message ID). It is logged here once, and every
   * sender gets a plain `internal`, so a batch of 2,000 is not 2,000 log lines.
   */
  private async commit(items: NewMessage[]): Promise<AppendResult[]> {
    try {
      return await this.deps.store.messages.appendBatch(items);
    } catch (error) {
      this.deps.logger.error({ err: error, batchSize: items.length }, 'storing a batch of messages failed; nothing of it was stored');
      throw new AppError('internal');
    }
  }

  async send(request: SendRequest): Promise<SendResult> {
    const bodyJson = measuredBody(request.body);
    const result = await this.queue.enqueue({
      from: request.from,
      to: request.to,
      clientMsgId: request.clientMsgId,
      body: request.body,
      bodyJson,
      random: request.random ?? Math.floor(Math.random() * 0x1_0000_0000),
      time: this.deps.clock.now(),
      hiddenFromSender: request.senderSync === 'hidden',
    });
    switch (result.status) {
      case 'sender_not_found':
        throw new AppError('account_not_found', 'The sender’s account does not exist.');
      case 'recipient_not_found':
        throw new AppError('user_not_found');
      case 'client_msg_id_taken':
        throw new AppError('bad_request', 'This client message ID was used by an earlier owner of your UserID; send with a new one.');
      case 'duplicate':
        return { message: result.message, duplicate: true };
      case 'stored':
        this.deliver(result.message, request);
        if (result.newlyShared) this.deps.onConversationShared?.(result.message.from, result.message.to);
        return { message: result.message, duplicate: false };
    }
  }

  /**
   * An online-only message (REST MsgLifeTime 0): pushed to the devices
   * connected right now and never stored, so it has no seq (0), is not in any
   * sync and counts as unread nowhere. The same checks as a stored send apply.
   */
  async deliverOnline(request: SendRequest): Promise<StoredMessage> {
    measuredBody(request.body);
    const existing = new Set((await this.deps.store.accounts.getMany([request.from, request.to])).map((a) => a.userId));
    if (!existing.has(request.from)) throw new AppError('account_not_found', 'The sender’s account does not exist.');
    if (!existing.has(request.to)) throw new AppError('user_not_found');
    const message: StoredMessage = {
      from: request.from,
      to: request.to,
      clientMsgId: request.clientMsgId,
      seq: 0,
      random: request.random ?? Math.floor(Math.random() * 0x1_0000_0000),
      time: this.deps.clock.now(),
      body: request.body,
      hiddenFromSender: request.senderSync === 'hidden',
    };
    this.deliver(message, request);
    return message;
  }

  private deliver(message: StoredMessage, request: SendRequest): void {
    const { delivery } = this.deps;
    if (message.to !== message.from) delivery.toUser(message.to, 'message:created', toServerMessage(message, message.to));
    if (message.to === message.from || request.senderSync === 'live') {
      delivery.toUser(message.from, 'message:created', toServerMessage(message, message.from), {
        exceptSocketId: request.originSocketId,
      });
    }
  }

  async after(viewer: string, peer: string, afterSeq: number, limit: number): Promise<{ messages: ServerMessage[]; hasMore: boolean }> {
    return this.view(await this.deps.store.messages.after(viewer, peer, afterSeq, limit), viewer);
  }

  async before(viewer: string, peer: string, beforeSeq: number, limit: number): Promise<{ messages: ServerMessage[]; hasMore: boolean }> {
    return this.view(await this.deps.store.messages.before(viewer, peer, beforeSeq, limit), viewer);
  }

  /** Waits until every queued send has committed (graceful shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private view(page: MessagePage, viewer: string): { messages: ServerMessage[]; hasMore: boolean } {
    return { messages: page.messages.map((m) => toServerMessage(m, viewer)), hasMore: page.hasMore };
  }
}

/** The body's JSON, refused when over 12 KB: the same measure as shared bodyBytes (UTF-8 bytes of the JSON), computed natively. */
function measuredBody(body: MsgBody): string {
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json, 'utf8') > MAX_BODY_BYTES) throw new AppError('body_too_large');
  return json;
}
