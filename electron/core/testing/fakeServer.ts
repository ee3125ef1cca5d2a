import { AppError } from '../../../shared/errors';
import type { ServerConversation, ServerMessage } from '../../../shared/domain';
import { c2cConversationId } from '../../../shared/domain';
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
    };
    list.push(message);
    return { message, duplicate: false };
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
      const conversations: ServerConversation[] = [];
      for (const [key, list] of this.threads) {
        const peer = key.split('|').find((u) => u !== this.me) ?? this.me;
        const readSeq = this.readSeq(this.me, peer);
        conversations.push({
          conversationId: c2cConversationId(peer),
          peer: { userId: peer, nickname: this.users.get(peer) ?? peer },
          lastSeq: list.length,
          lastMessage: list.at(-1) ?? null,
          unreadCount: list.filter((m) => m.seq > readSeq && m.from === peer).length,
          readSeq,
          peerReadSeq: this.readSeq(peer, this.me),
          modSeq: 0,
          clearedSeq: 0,
          pinned: false,
          recvOpt: 'AcceptAndNotify',
        });
      }
      return { conversations };
    },
    'sync:messagesAfter': (input) => {
      const list = this.thread(this.peerOf(input.conversationId)).filter((m) => m.seq > input.afterSeq);
      return { messages: list.slice(0, input.limit), hasMore: list.length > input.limit };
    },
    'sync:messagesBefore': (input) => {
      const list = this.thread(this.peerOf(input.conversationId)).filter((m) => m.seq < input.beforeSeq);
      return { messages: list.slice(-input.limit), hasMore: list.length > input.limit };
    },
    'users:get': (input) => ({
      users: input.userIds.flatMap((userId) => {
        const nickname = this.users.get(userId);
        return nickname === undefined ? [] : [{ userId, nickname }];
      }),
    }),
    'presence:get': (input) => ({ statuses: input.userIds.map((userId) => ({ userId, status: 'online' as const })) }),
  };
}
