import type { C2cConversation, ChatMessage, FriendRequest, Profile } from '../../../shared/domain';
import type { Contact } from '../../../shared/ipc';

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
    groupAt: null,
    mentionsMe: false,
    senderName: null,
    needReceipt: false,
    receipt: null,
    isTip: false,
    movedFrom: null,
    ...extra,
  };
}

export function conversation(peer: string, extra: Partial<C2cConversation> = {}): C2cConversation {
  return {
    kind: 'c2c',
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

export function profile(userId: string, extra: Partial<Profile> = {}): Profile {
  return {
    userId,
    view: 'friend',
    nick: userId[0]?.toUpperCase() + userId.slice(1),
    image: '',
    gender: 'Gender_Type_Unknown',
    selfSignature: '',
    allowType: 'AllowType_Type_NeedConfirm',
    level: 0,
    role: 0,
    custom: {},
    ...extra,
  };
}

export function contact(userId: string, extra: Partial<Contact> = {}): Contact {
  return {
    userId,
    remark: '',
    groups: [],
    addSource: 'AddSource_Type_Search',
    addWording: '',
    addTime: 1_700_000_000_000,
    custom: {},
    profile: profile(userId),
    presence: 'online',
    customStatus: '',
    ...extra,
  };
}

export function friendRequest(userId: string, direction: FriendRequest['direction'], extra: Partial<FriendRequest> = {}): FriendRequest {
  return { userId, direction, addSource: 'AddSource_Type_Search', addWording: `Hi from ${userId}`, time: 1_700_000_000_000, profile: profile(userId, { view: 'stranger' }), ...extra };
}
