import type { ChatMessage, Conversation } from '../../../shared/domain';

export function chatMessage(id: string, seq: number | null, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    conversationId: 'c2c_bob',
    seq,
    from: 'alice',
    isOwn: true,
    body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: `text of ${id}` } }],
    time: 1_700_000_000_000 + (seq ?? 999) * 1000,
    status: seq === null ? 'pending' : 'sent',
    readByPeer: false,
    error: null,
    cloudCustomData: '',
    replyTo: null,
    recalled: false,
    recalledText: null,
    editedAt: null,
    reactions: [],
    transfer: null,
    hasPendingChanges: false,
    ...extra,
  };
}

export function conversation(peer: string, extra: Partial<Conversation> = {}): Conversation {
  return {
    id: `c2c_${peer}`,
    peer: { userId: peer, nickname: peer[0]?.toUpperCase() + peer.slice(1) },
    lastMessage: null,
    unreadCount: 0,
    lastActivityAt: 1_700_000_000_000,
    presence: null,
    pinned: false,
    recvOpt: 'AcceptAndNotify',
    draft: null,
    draftAt: null,
    ...extra,
  };
}
