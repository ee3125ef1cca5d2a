import { AppError } from '../../../shared/errors';
import type { C2cServerConversation, RecvOpt, ServerMessage } from '../../../shared/domain';
import { C2C_MESSAGE_DEFAULTS, c2cConversationId, parseMessageId } from '../../../shared/domain';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/protocol';

type Handler<N extends RequestName> = (input: RequestInput<N>) => RequestOutput<N> | Promise<RequestOutput<N>>;

/**
 * An in-memory stand-in for the server's semantics as seen by one user (`me`): gap-free
 * seqs per pair, idempotent client message IDs, read positions. Lets unit tests drive
 * the sync engine and outbox without sockets; the integration tier uses the real server.
 */
export class FakeServer {
  readonly users = new Map<string, string>();
  private readonly threads = new Map<string, ServerMessage[]>();
  private readonly reads = new Map<string, number>();
  private keyCounter = 0;
  /** Per peer: the conversation's modification counter, cleared seq and settings (the viewer is `me`). */
  private readonly modSeqs = new Map<string, number>();
  readonly cleared = new Map<string, number>();
  readonly settings = new Map<string, { pinned: boolean; recvOpt: RecvOpt }>();
  readonly reports: Array<{ messageId: string; reason: string }> = [];

  constructor(
    readonly me: string,
    peers: string[],
    private readonly clock: () => number = () => 1_700_000_000_000,
  ) {
    for (const user of [me, ...peers]) this.users.set(user, user.toUpperCase());
  }

  private pair(a: string, b: string): string {
    return [a, b].sort().join('|');
  }

  thread(peer: string): ServerMessage[] {
    const key = this.pair(this.me, peer);
    let list = this.threads.get(key);
    if (!list) {
      list = [];
      this.threads.set(key, list);
    }
    return list;
  }

  /** Stores a message as the server would; returns it from the recipient's side. */
  store(from: string, to: string, clientMsgId: string, text: string): { message: ServerMessage; duplicate: boolean } {
    const peer = from === this.me ? to : from;
    const list = this.thread(peer);
    const existing = list.find((m) => m.from === from && m.clientMsgId === clientMsgId);
    if (existing) return { message: existing, duplicate: true };
    const message: ServerMessage = {
      msgKey: `k${++this.keyCounter}`,
      clientMsgId,
      conversationId: c2cConversationId(from === this.me ? to : this.me),
      from,
      to,
      seq: list.length + 1,
      time: this.clock() + list.length,
      body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
      cloudCustomData: '',
      replyTo: null,
      recalled: false,
      editedAt: null,
      reactions: [],
      deletedForMe: false,
      modSeq: 0,
      ...C2C_MESSAGE_DEFAULTS,
    };
    list.push(message);
    return { message, duplicate: false };
  }

  /** The message a renderer ID names in the thread with `peer`. */
  find(peer: string, id: string): ServerMessage {
    const key = parseMessageId(id);
    const message = key && this.thread(peer).find((m) => m.from === key.sender && m.clientMsgId === key.clientMsgId);
    if (!message) throw new AppError('message_not_found');
    return message;
  }

  /** Records a change of a message (recall, edit, reaction, deletion): it gets the next modSeq. */
  touch(peer: string, message: ServerMessage): ServerMessage {
    const modSeq = (this.modSeqs.get(peer) ?? 0) + 1;
    this.modSeqs.set(peer, modSeq);
    message.modSeq = modSeq;
    return message;
  }

  conversation(peer: string): C2cServerConversation {
    const list = this.thread(peer);
    const readSeq = this.readSeq(this.me, peer);
    const clearedSeq = this.cleared.get(peer) ?? 0;
    const settings = this.settings.get(peer) ?? { pinned: false, recvOpt: 'AcceptAndNotify' as const };
    return {
      kind: 'c2c',
      conversationId: c2cConversationId(peer),
      peer: { userId: peer, nickname: this.users.get(peer) ?? peer },
      lastSeq: list.length,
      lastMessage: list.length > clearedSeq ? (list.at(-1) ?? null) : null,
      unreadCount: list.filter((m) => m.seq > readSeq && m.from === peer).length,
      readSeq,
      peerReadSeq: this.readSeq(peer, this.me),
      modSeq: this.modSeqs.get(peer) ?? 0,
      clearedSeq,
      ...settings,
    };
  }

  private visible(peer: string): ServerMessage[] {
    const clearedSeq = this.cleared.get(peer) ?? 0;
    return this.thread(peer).filter((m) => m.seq > clearedSeq);
  }

  markRead(reader: string, peer: string, readSeq: number): void {
    const key = `${reader}>${peer}`;
    this.reads.set(key, Math.max(this.reads.get(key) ?? 0, readSeq));
  }

  readSeq(reader: string, peer: string): number {
    return this.reads.get(`${reader}>${peer}`) ?? 0;
  }

  private peerOf(conversationId: string): string {
    return conversationId.slice(4);
  }

  /** Requests without a handler fail with `internal` (see FakeConnection). */
  readonly handlers: { [N in RequestName]?: Handler<N> } = {
    'message:send': (input) => {
      if (!('to' in input)) throw new AppError('group_unsupported');
      if (!this.users.has(input.to)) throw new AppError('user_not_found', `No user ${input.to}.`);
      const text = input.body[0]?.MsgType === 'TIMTextElem' ? input.body[0].MsgContent.Text : '';
      return this.store(this.me, input.to, input.clientMsgId, text);
    },
    'conversation:markRead': (input) => {
      this.markRead(this.me, this.peerOf(input.conversationId), input.readSeq);
      return { readSeq: this.readSeq(this.me, this.peerOf(input.conversationId)) };
    },
    'typing:set': () => ({}),
    'sync:conversations': () => {
      const conversations = [...this.threads.keys()].map((key) => this.conversation(key.split('|').find((u) => u !== this.me) ?? this.me));
      return { conversations };
    },
    'sync:messagesAfter': (input) => {
      const list = this.visible(this.peerOf(input.conversationId)).filter((m) => m.seq > input.afterSeq);
      return { messages: list.slice(0, input.limit), hasMore: list.length > input.limit };
    },
    'sync:messagesBefore': (input) => {
      const list = this.visible(this.peerOf(input.conversationId)).filter((m) => m.seq < input.beforeSeq);
      return { messages: list.slice(-input.limit), hasMore: list.length > input.limit };
    },
    'users:get': (input) => ({
      users: input.userIds.flatMap((userId) => {
        const nickname = this.users.get(userId);
        return nickname === undefined ? [] : [{ userId, nickname }];
      }),
    }),
    'message:recall': (input) => {
      const peer = this.peerOf(input.conversationId);
      const message = this.find(peer, input.messageId);
      if (message.from !== this.me) throw new AppError('not_own_message');
      if (message.recalled) throw new AppError('already_recalled');
      message.recalled = true;
      message.body = [];
      return { message: this.touch(peer, message) };
    },
    'message:edit': (input) => {
      const peer = this.peerOf(input.conversationId);
      const message = this.find(peer, input.messageId);
      if (message.from !== this.me) throw new AppError('not_own_message');
      message.body = input.body;
      message.editedAt = this.clock();
      return { message: this.touch(peer, message) };
    },
    'message:react': (input) => {
      const peer = this.peerOf(input.conversationId);
      const message = this.find(peer, input.messageId);
      const others = message.reactions.map((r) =>
        r.emoji === input.emoji ? { emoji: r.emoji, userIds: r.userIds.filter((u) => u !== this.me) } : r,
      );
      const own = others.find((r) => r.emoji === input.emoji);
      if (input.add && own) own.userIds.push(this.me);
      if (input.add && !own) others.push({ emoji: input.emoji, userIds: [this.me] });
      message.reactions = others.filter((r) => r.userIds.length > 0);
      return { message: this.touch(peer, message) };
    },
    'message:deleteForMe': (input) => {
      const peer = this.peerOf(input.conversationId);
      for (const id of input.messageIds) {
        const message = this.find(peer, id);
        message.deletedForMe = true;
        message.body = [];
        this.touch(peer, message);
      }
      return { modSeq: this.modSeqs.get(peer) ?? 0 };
    },
    'message:report': (input) => {
      this.find(this.peerOf(input.conversationId), input.messageId);
      this.reports.push({ messageId: input.messageId, reason: input.reason });
      return { reportId: `r${this.reports.length}` };
    },
    'conversation:clear': (input) => {
      const peer = this.peerOf(input.conversationId);
      this.cleared.set(peer, this.thread(peer).length);
      return { clearedSeq: this.thread(peer).length };
    },
    'conversation:delete': (input) => {
      const peer = this.peerOf(input.conversationId);
      this.cleared.set(peer, this.thread(peer).length);
      return {};
    },
    'conversation:setSettings': (input) => {
      const peer = this.peerOf(input.conversationId);
      const before = this.settings.get(peer) ?? { pinned: false, recvOpt: 'AcceptAndNotify' as const };
      this.settings.set(peer, { pinned: input.pinned ?? before.pinned, recvOpt: input.recvOpt ?? before.recvOpt });
      return { conversation: this.conversation(peer) };
    },
    'sync:messagesModified': (input) => {
      const list = this.visible(this.peerOf(input.conversationId))
        .filter((m) => m.modSeq > input.afterModSeq)
        .sort((a, b) => a.modSeq - b.modSeq);
      return { messages: list.slice(0, input.limit), hasMore: list.length > input.limit };
    },
    'presence:get': (input) => ({ statuses: input.userIds.map((userId) => ({ userId, status: 'online' as const })) }),
  };
}
