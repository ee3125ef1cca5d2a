import {
  MAX_BODY_BYTES,
  type MsgBody,
  type Reaction,
  type ReplyRef,
  type ServerMessage,
  parseMessageId,
  previewOf,
} from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type Clock } from '../../clock';
import { DEFAULT_RECALL_WINDOW_SECONDS } from '../../config';
import { type Delivery } from '../../gateway/delivery';
import { type Logger } from '../../logger';
import { type MediaReferences } from '../media/mediaReferences';
import {
  type AppendResult,
  type MessageChange,
  type MessageLocator,
  type MessagePage,
  type MessageRef,
  type NewMessage,
  type Store,
  type StoredMessage,
} from '../../store/types';
import { GroupCommitQueue } from './groupCommit';
import { toServerMessage } from './view';
import { type SendPermission } from '../friends/sendPermission';

/** M13: distinct emojis one message may carry. */
export const MAX_REACTION_EMOJIS = 20;

/** Who changes a message: one of its conversation's users, or an app admin (REST), who may change any. */
export type Actor = { kind: 'user'; userId: string } | { kind: 'admin' };

/**
 * One message of a one-to-one conversation: its two parties (in either order;
 * the same UserID twice for a note to self) and the message, by
 * `<sender>:<clientMsgId>` (see {@link locatorOf}) or by Tencent MsgKey.
 */
export interface MessageTarget {
  between: readonly [string, string];
  message: MessageLocator;
}

/** A MessageId (`<sender>:<clientMsgId>`) as a store locator; null when it is not one. */
export function locatorOf(messageId: string): MessageLocator | null {
  const parsed = parseMessageId(messageId);
  return parsed ? { sender: parsed.sender, clientMsgId: parsed.clientMsgId } : null;
}

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
  /** M1: Tencent's CloudCustomData, counted in the 12 KB limit. */
  cloudCustomData?: string;
  /** M14: the MessageId (`<sender>:<clientMsgId>`) of the message this one quotes, in the same conversation. */
  replyTo?: string;
  /** M2: an admin REST send, which may also name files kept elsewhere (any URL, non-hash UUIDs), as Tencent allows. */
  externalMedia?: boolean;
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
      /** M5: how long a sender may recall; {@link DEFAULT_RECALL_WINDOW_SECONDS} by default. */
      recallWindowSeconds?: number;
      /** M2/M7: file and bundle references in bodies (server-media); none: bodies are not checked for them. */
      media?: MediaReferences;
      /** Issue 4: the seed's one-to-one permission table (blocklist 20007, friends-only 20009–20011); none: anyone may send. */
      permission?: SendPermission;
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

  get recallWindowSeconds(): number {
    return this.deps.recallWindowSeconds ?? DEFAULT_RECALL_WINDOW_SECONDS;
  }

  /**
   * THE one place a body is checked before it is stored or delivered (sends,
   * online-only sends, edits): the 12 KB limit over body + CloudCustomData,
   * then whatever else a body must satisfy (media references hook in here).
   * Returns the body's JSON, which the store writes as is.
   */
  async assertBodyAllowed(sender: string, body: MsgBody, cloudCustomData = '', options: { externalMedia?: boolean } = {}): Promise<string> {
    // --- server-media: named files/bundles must exist and be the sender's to use; URL fields become canonical (in place) ---
    await this.deps.media?.checkBody(sender, body, options);
    // --- end server-media ---
    return measuredBody(body, cloudCustomData);
  }

  async send(request: SendRequest): Promise<SendResult> {
    const cloudCustomData = request.cloudCustomData ?? '';
    const bodyJson = await this.assertBodyAllowed(request.from, request.body, cloudCustomData, { externalMedia: request.externalMedia });
    await this.deps.permission?.assertMaySend(request.from, request.to);
    // Only sends that quote pay for the lookup.
    const replyTo = request.replyTo === undefined ? null : await this.resolveReply(request.from, request.to, request.replyTo);
    const result = await this.queue.enqueue({
      from: request.from,
      to: request.to,
      clientMsgId: request.clientMsgId,
      body: request.body,
      bodyJson,
      random: request.random ?? Math.floor(Math.random() * 0x1_0000_0000),
      time: this.deps.clock.now(),
      hiddenFromSender: request.senderSync === 'hidden',
      cloudCustomData,
      replyTo,
    });
    switch (result.status) {
      case 'sender_not_found':
        throw new AppError('account_not_found', 'The sender’s account does not exist.');
      case 'recipient_not_found':
        throw new AppError('user_not_found');
      case 'client_msg_id_taken':
        throw new AppError('bad_request', 'This client message ID was used by an earlier owner of your UserID; send with a new one.');
      case 'duplicate':
        await this.recordMediaRefs(result.message);
        return { message: result.message, duplicate: true };
      case 'stored':
        await this.recordMediaRefs(result.message);
        this.deliver(result.message, request);
        if (result.newlyShared) this.deps.onConversationShared?.(result.message.from, result.message.to);
        return { message: result.message, duplicate: false };
    }
  }

  /**
   * An online-only message (REST MsgLifeTime 0): pushed to the devices
   * connected right now and never stored, so it has no seq (0), is not in any
   * sync and counts as unread nowhere. The same checks as a stored send apply;
   * the files and bundles it carries are granted to both parties (it cannot be
   * recalled, so the grant stands).
   */
  async deliverOnline(request: SendRequest): Promise<StoredMessage> {
    const cloudCustomData = request.cloudCustomData ?? '';
    await this.assertBodyAllowed(request.from, request.body, cloudCustomData, { externalMedia: request.externalMedia });
    await this.deps.permission?.assertMaySend(request.from, request.to);
    const replyTo = request.replyTo === undefined ? null : await this.resolveReply(request.from, request.to, request.replyTo);
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
      cloudCustomData,
      replyTo,
      recalled: false,
      editedAt: null,
      reactions: [],
      modSeq: 0,
      deletedFor: [],
    };
    // --- server-media: no stored message records what it carries; its parties are granted it before the push ---
    const granting = this.deps.media?.grantRefs([message.from, message.to], message.body);
    if (granting) await granting;
    // --- end server-media ---
    this.deliver(message, request);
    return message;
  }

  /**
   * server-media: the conversation now carries the message's files and bundles, recorded before the
   * recipient is told (it may download at once). Bodies without media cost nothing here.
   */
  private async recordMediaRefs(message: StoredMessage): Promise<void> {
    const recording = this.deps.media?.recordRefs({ from: message.from, clientMsgId: message.clientMsgId }, message.body);
    if (recording) await recording;
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

  /** M14: the quote of a visible message of the same conversation, from the stored original. */
  private async resolveReply(from: string, to: string, messageId: string): Promise<ReplyRef> {
    const locator = locatorOf(messageId);
    const original = locator && (await this.deps.store.messages.find({ between: [from, to], viewer: from, message: locator }));
    if (!original || original.deletedFor.some((d) => d.userId === from)) {
      throw new AppError('message_not_found', 'The message this one replies to does not exist in this conversation.');
    }
    return { messageId, from: original.from, seq: original.seq, preview: previewOf(original.body) };
  }

  async after(viewer: string, peer: string, afterSeq: number, limit: number): Promise<{ messages: ServerMessage[]; hasMore: boolean }> {
    return this.view(await this.deps.store.messages.after(viewer, peer, afterSeq, limit), viewer);
  }

  async before(viewer: string, peer: string, beforeSeq: number, limit: number): Promise<{ messages: ServerMessage[]; hasMore: boolean }> {
    return this.view(await this.deps.store.messages.before(viewer, peer, beforeSeq, limit), viewer);
  }

  /** Messages changed after `afterModSeq`, ascending by modSeq, as `viewer` sees them. */
  async modifiedAfter(viewer: string, peer: string, afterModSeq: number, limit: number): Promise<{ messages: ServerMessage[]; hasMore: boolean }> {
    return this.view(await this.deps.store.messages.modifiedAfter(viewer, peer, afterModSeq, limit), viewer);
  }

  /**
   * M5: recall. A user recalls their own message within the recall window; an
   * app admin (REST admin_msgwithdraw) recalls any message, without a time
   * limit. The body is emptied for everyone; both parties' devices are told.
   */
  async recallMessage(actor: Actor, target: MessageTarget, options: { originSocketId?: string } = {}): Promise<StoredMessage> {
    const windowMs = this.recallWindowSeconds * 1000;
    const now = this.deps.clock.now();
    return this.modify(actor, target, options.originSocketId, (current) => {
      if (actor.kind === 'user' && current.from !== actor.userId) throw new AppError('not_own_message');
      if (current.recalled) throw new AppError('already_recalled');
      if (actor.kind === 'user' && now - current.time > windowMs) throw new AppError('recall_window_passed');
      return { kind: 'recall' };
    });
  }

  /** M14: the sender replaces the text of their own text message (not recalled) with new text. */
  async editMessage(userId: string, target: MessageTarget, body: MsgBody, options: { originSocketId?: string } = {}): Promise<StoredMessage> {
    if (!isTextOnly(body)) throw new AppError('not_editable', 'A message can only be edited into text.');
    const now = this.deps.clock.now();
    // The size check needs the stored CloudCustomData, which only the decision sees; it runs there, synchronously.
    return this.modify({ kind: 'user', userId }, target, options.originSocketId, (current) => {
      if (current.from !== userId) throw new AppError('not_own_message');
      if (current.recalled || !isTextOnly(current.body)) throw new AppError('not_editable');
      measuredBody(body, current.cloudCustomData);
      if (JSON.stringify(current.body) === JSON.stringify(body)) return null;
      return { kind: 'edit', body, editedAt: now };
    });
  }

  /** M13: adds or removes the user's reaction; idempotent; at most {@link MAX_REACTION_EMOJIS} distinct emojis. */
  async react(userId: string, target: MessageTarget, emoji: string, add: boolean, options: { originSocketId?: string } = {}): Promise<StoredMessage> {
    return this.modify({ kind: 'user', userId }, target, options.originSocketId, (current) => {
      if (current.recalled) throw new AppError('already_recalled');
      const reactions = add ? withReaction(current.reactions, emoji, userId) : withoutReaction(current.reactions, emoji, userId);
      if (reactions === null) return null;
      if (reactions.length > MAX_REACTION_EMOJIS) throw new AppError('too_many_reactions');
      return { kind: 'reactions', reactions };
    });
  }

  /**
   * M10: deletes messages for the user only (the other party keeps them), on
   * all the user's devices. All or nothing: one unknown ID refuses the lot.
   */
  async deleteForMe(userId: string, peer: string, messageIds: readonly string[], options: { originSocketId?: string } = {}): Promise<{ modSeq: number }> {
    const locators = messageIds.map((id) => locatorOf(id));
    if (locators.some((l) => l === null || !('sender' in l))) throw new AppError('message_not_found');
    const result = await this.deps.store.messages.deleteForMe(userId, peer, locators as Array<{ sender: string; clientMsgId: string }>);
    if (result.status === 'not_found') throw new AppError('message_not_found');
    for (const message of result.deleted) {
      this.deps.delivery.toUser(userId, 'message:updated', toServerMessage(message, userId), { exceptSocketId: options.originSocketId });
    }
    return { modSeq: result.modSeq };
  }

  /** The message as `userId` may see it (reports, relays), or null. */
  async find(userId: string, target: MessageTarget): Promise<StoredMessage | null> {
    return this.deps.store.messages.find(refFor({ kind: 'user', userId }, target));
  }

  private async modify(
    actor: Actor,
    target: MessageTarget,
    originSocketId: string | undefined,
    decide: (current: StoredMessage) => MessageChange | null,
  ): Promise<StoredMessage> {
    const result = await this.deps.store.messages.modify(refFor(actor, target), decide);
    if (result.status === 'not_found') throw new AppError('message_not_found');
    if (result.changed) this.deliverUpdate(result.message, originSocketId);
    // The actor's own devices learn about side effects too: their ack names only the message they changed.
    for (const other of result.alsoChanged) this.deliverUpdate(other, undefined);
    return result.message;
  }

  /** `message:updated` to every device of both parties (the acting socket has the ack), each with their own view. */
  private deliverUpdate(message: StoredMessage, originSocketId: string | undefined): void {
    const options = { exceptSocketId: originSocketId };
    if (message.to !== message.from) this.deps.delivery.toUser(message.to, 'message:updated', toServerMessage(message, message.to), options);
    if (!message.hiddenFromSender) this.deps.delivery.toUser(message.from, 'message:updated', toServerMessage(message, message.from), options);
  }

  /** Waits until every queued send has committed (graceful shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private view(page: MessagePage, viewer: string): { messages: ServerMessage[]; hasMore: boolean } {
    return { messages: page.messages.map((m) => toServerMessage(m, viewer)), hasMore: page.hasMore };
  }
}

function refFor(actor: Actor, target: MessageTarget): MessageRef {
  if (actor.kind === 'admin') return { between: target.between, viewer: null, message: target.message };
  // A user only ever reaches into their own conversations.
  if (!target.between.includes(actor.userId)) throw new AppError('message_not_found');
  return { between: target.between, viewer: actor.userId, message: target.message };
}

export function isTextOnly(body: readonly { MsgType: string }[]): boolean {
  return body.length > 0 && body.every((e) => e.MsgType === 'TIMTextElem');
}

/** The list with the user's reaction added, or null when it is there already. */
export function withReaction(reactions: readonly Reaction[], emoji: string, userId: string): Reaction[] | null {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (existing?.userIds.includes(userId)) return null;
  if (!existing) return [...reactions, { emoji, userIds: [userId] }];
  return reactions.map((r) => (r === existing ? { emoji, userIds: [...r.userIds, userId] } : r));
}

/** The list without the user's reaction, or null when they had none. */
export function withoutReaction(reactions: readonly Reaction[], emoji: string, userId: string): Reaction[] | null {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (!existing?.userIds.includes(userId)) return null;
  return reactions
    .map((r) => (r === existing ? { emoji, userIds: r.userIds.filter((u) => u !== userId) } : r))
    .filter((r) => r.userIds.length > 0);
}

/**
 * The body's JSON, refused when body + CloudCustomData exceed 12 KB: the same
 * measure as shared bodyBytes (UTF-8 bytes of the JSON), computed natively.
 */
export function measuredBody(body: MsgBody, cloudCustomData = ''): string {
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json, 'utf8') + Buffer.byteLength(cloudCustomData, 'utf8') > MAX_BODY_BYTES) throw new AppError('body_too_large');
  return json;
}
