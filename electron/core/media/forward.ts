import { MsgBody, parseConversationId, parseMessageId } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ParsedInput } from '../../../shared/ipc';
import type { AccountContext } from '../accountContext';
import { getGroup, listTopics } from '../store/tables/groups';
import { getMessage, type MessageRecord } from '../store/tables/messages';
import { getUser } from '../store/tables/users';
import type { LiveTarget } from '../services/liveSend';
import { resolveSendTarget } from '../services/sendTarget';
import { queueOwnMessage, type QueuedMessage } from './ownMessages';

export interface ForwardDeps {
  myNickname: () => string;
  /** Notifies and kicks the outbox for messages just queued. */
  queued: (messages: readonly QueuedMessage[]) => void;
  /** Sends a ready body to a live room (AVChatRoom), which keeps no outbox (services/liveSend.ts). */
  sendLive: (target: LiveTarget, body: MsgBody) => Promise<unknown>;
}

/**
 * M7: forwarding. One by one copies each body (media references included: the
 * blobs are the server's, addressed by hash) into each target, in time order;
 * combined asks the server for a signed bundle of the messages and sends the
 * relay element it returns. Both go through the outbox like any send — to people,
 * groups and topics alike — except into a live room (AVChatRoom), which takes them
 * directly while online.
 */
export class Forwarder {
  constructor(
    private readonly ctx: AccountContext,
    private readonly deps: ForwardDeps,
  ) {}

  async forward(input: ParsedInput<'messages:forward'>): Promise<void> {
    const targets = input.to.map((to) => resolveSendTarget(this.ctx.db, to));
    const live = targets.filter((t): t is LiveTarget => t.kind === 'group' && t.live);
    // Checked before anything is queued, so an offline forward to a live room leaves nothing half done.
    if (live.length > 0 && !this.ctx.connection.isOnline()) throw new AppError('offline', 'A live room takes messages only while connected.');
    const messages = this.selected(input.ids);
    const bodies =
      input.mode === 'oneByOne'
        ? messages.map((m) => forwardableBody(m))
        : [await this.combined(messages, input.title ?? this.defaultTitle(messages))];
    if (this.ctx.tasks.closed) throw new AppError('unauthenticated');
    const queued: QueuedMessage[] = [];
    for (const target of targets) {
      if (target.kind === 'group' && target.live) continue;
      for (const body of bodies) queued.push(queueOwnMessage(this.ctx, target.conversationId, body));
    }
    this.deps.queued(queued);
    for (const target of live) {
      for (const body of bodies) await this.deps.sendLive(target, body);
    }
  }

  /** The messages in the order they were sent, whatever order they were picked in. */
  private selected(ids: readonly string[]): MessageRecord[] {
    const messages = [...new Set(ids)].map((id) => {
      const key = parseMessageId(id);
      const message = key ? getMessage(this.ctx.db, key.sender, key.clientMsgId) : undefined;
      if (!message) throw new AppError('not_found', 'A message to forward is not on this device.');
      if (message.seq === null) throw new AppError('bad_request', 'Only messages that have been sent can be forwarded.');
      return message;
    });
    return messages.toSorted((a, b) => a.time - b.time || a.conversationId.localeCompare(b.conversationId) || (a.seq ?? 0) - (b.seq ?? 0));
  }

  private async combined(messages: readonly MessageRecord[], title: string): Promise<MsgBody> {
    if (!this.ctx.connection.isOnline()) throw new AppError('offline', 'Combining messages needs the server; connect and try again.');
    const { elem } = await this.ctx.connection.request('relay:create', {
      title,
      messages: messages.map((m) => ({ conversationId: m.conversationId, messageId: `${m.sender}:${m.clientMsgId}` })),
    });
    return [elem];
  }

  /** "Chat history of A and B": the people of the conversation(s) the messages come from. */
  private defaultTitle(messages: readonly MessageRecord[]): string {
    const names = new Set<string>([this.deps.myNickname()]);
    for (const conversationId of new Set(messages.map((m) => m.conversationId))) names.add(this.conversationName(conversationId));
    const list = [...names];
    const joined = list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
    return `Chat history of ${joined}`.slice(0, 100);
  }

  /** A person's nickname, or a group's (a topic's) name from the group cache; the ID when nothing is cached. */
  private conversationName(conversationId: string): string {
    const parsed = parseConversationId(conversationId);
    if (parsed?.kind === 'c2c') return getUser(this.ctx.db, parsed.peer)?.nickname ?? parsed.peer;
    if (parsed?.kind !== 'group') return conversationId;
    if (parsed.topicId !== null) {
      const topic = listTopics(this.ctx.db, parsed.groupId).find((t) => t.topicId === parsed.topicId);
      if (topic) return topic.name;
    }
    return getGroup(this.ctx.db, parsed.groupId)?.group.name ?? parsed.groupId;
  }
}

/** A stored body as a sendable one: recalled, deleted or unknown content cannot be forwarded. */
function forwardableBody(message: MessageRecord): MsgBody {
  const parsed = MsgBody.safeParse(message.body);
  if (!parsed.success || message.recalled || message.deleted) {
    throw new AppError('bad_request', 'One of the messages has nothing that can be forwarded.');
  }
  return parsed.data;
}
