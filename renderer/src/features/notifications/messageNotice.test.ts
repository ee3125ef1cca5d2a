import { describe, expect, it } from 'vitest';
import { topicConversation } from '../../testing/communityFixtures';
import { chatMessage, conversation } from '../../testing/fixtures';
import { noticeReason } from './messageNotice';

const fromAlice = (seq: number, extra = {}) => chatMessage(`alice:${seq}`, seq, { isOwn: false, from: 'alice', ...extra });

describe('message notifications', () => {
  it('a new incoming message that raised the unread count notifies; nothing else does', () => {
    const before = conversation('alice', { lastMessage: fromAlice(1), unreadCount: 0 });
    expect(noticeReason(before, { ...before, lastMessage: fromAlice(2), unreadCount: 1 }, 'bob')).toBe('message');
    // A conversation that appears with its first message.
    expect(noticeReason(undefined, { ...before, lastMessage: fromAlice(2), unreadCount: 1 }, 'bob')).toBe('message');
    // The same message changed (a reaction, an edit), read, mine, a tip, recalled.
    expect(noticeReason(before, { ...before, unreadCount: 1 }, 'bob')).toBeNull();
    expect(noticeReason(before, { ...before, lastMessage: fromAlice(2), unreadCount: 0 }, 'bob')).toBeNull();
    expect(noticeReason(before, { ...before, lastMessage: chatMessage('bob:2', 2, { from: 'bob' }), unreadCount: 1 }, 'bob')).toBeNull();
    expect(noticeReason(before, { ...before, lastMessage: fromAlice(2, { isTip: true }), unreadCount: 1 }, 'bob')).toBeNull();
    expect(noticeReason(before, { ...before, lastMessage: fromAlice(2, { recalled: true }), unreadCount: 1 }, 'bob')).toBeNull();
    // An older message landing after a newer one (history catch-up) is not news.
    expect(noticeReason({ ...before, lastMessage: fromAlice(5) }, { ...before, lastMessage: fromAlice(4), unreadCount: 1 }, 'bob')).toBeNull();
  });

  it('G4 receive options: muted chats stay quiet; "mute except @" speaks for a mention only', () => {
    const group = topicConversation('@TGS#_team', null, { groupType: 'Work', lastMessage: fromAlice(1) });
    const next = (recvOpt: typeof group.recvOpt, mentionsMe = false) => ({ ...group, recvOpt, unreadCount: 1, lastMessage: fromAlice(2, { mentionsMe, groupAt: mentionsMe ? { all: false, userIds: ['bob'] } : null }) });
    expect(noticeReason(group, next('AcceptAndNotify'), 'bob')).toBe('message');
    expect(noticeReason(group, next('AcceptAndNotify', true), 'bob')).toBe('mention');
    expect(noticeReason(group, next('AcceptNotNotify', true), 'bob')).toBeNull();
    expect(noticeReason(group, next('Discard', true), 'bob')).toBeNull();
    expect(noticeReason(group, next('AcceptNotNotifyExceptAt'), 'bob')).toBeNull();
    expect(noticeReason(group, next('AcceptNotNotifyExceptAt', true), 'bob')).toBe('mention');
  });
});
