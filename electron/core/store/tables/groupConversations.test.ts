import { describe, expect, it } from 'vitest';
import { memoryStore, testMessage } from '../testing';
import {
  conversationIdsOfGroup,
  ensureConversation,
  ensureGroupConversation,
  getConversation,
  setConversationLeft,
  setMentionHints,
  unreadCount,
} from './conversations';
import { getMessagesByRowIds, insertMessage, setMessageReceipt, unreadMentionOf } from './messages';

const WORK = { id: 'group_a_b %', groupId: 'a_b %', topicId: null, groupType: 'Work' } as const;
const TOPIC = { id: 'group_@TGS#_c@TOPIC#_t', groupId: '@TGS#_c', topicId: '@TGS#_c@TOPIC#_t', groupType: 'Community' } as const;

describe('group conversation rows (migration 0010)', () => {
  it('creates group and topic rows once, keyed exactly, and finds them by group without wildcards', () => {
    const db = memoryStore();
    expect(ensureGroupConversation(db, WORK, 5)).toBe(true);
    expect(ensureGroupConversation(db, WORK, 9)).toBe(false);
    ensureGroupConversation(db, TOPIC, 6);
    ensureGroupConversation(db, { id: 'group_aXb %', groupId: 'aXb %', topicId: null, groupType: 'Public' }, 7);
    ensureConversation(db, 'c2c_bob', 'bob', 8);
    expect(getConversation(db, WORK.id)).toMatchObject({ kind: 'group', peer: null, groupId: 'a_b %', topicId: null, left: false, mentionHints: [] });
    expect(getConversation(db, 'c2c_bob')).toMatchObject({ kind: 'c2c', peer: 'bob' });
    expect(conversationIdsOfGroup(db, 'a_b %')).toEqual([WORK.id]);
    expect(conversationIdsOfGroup(db, '@TGS#_c')).toEqual([TOPIC.id]);
    expect(setConversationLeft(db, WORK.id, true)).toBe(true);
    expect(setConversationLeft(db, WORK.id, true)).toBe(false);
    expect(setConversationLeft(db, 'c2c_bob', true)).toBe(false);
    expect(getConversation(db, WORK.id)).toMatchObject({ left: true });
    const hints = [{ seq: 3, messageId: 'bob:mention-00000001', all: false }];
    expect(setMentionHints(db, WORK.id, hints)).toBe(true);
    expect(setMentionHints(db, WORK.id, hints)).toBe(false);
    expect(getConversation(db, WORK.id)).toMatchObject({ mentionHints: hints });
  });

  it('counts unread messages from others only, never tips, and none in Meeting or AVChatRoom', () => {
    const db = memoryStore();
    ensureGroupConversation(db, WORK, 1);
    const meeting = { id: 'group_m', groupId: 'm', topicId: null, groupType: 'Meeting' } as const;
    ensureGroupConversation(db, meeting, 1);
    for (const id of [WORK.id, meeting.id]) {
      insertMessage(db, testMessage({ conversationId: id, seq: 1, sender: 'bob' }));
      insertMessage(db, testMessage({ conversationId: id, seq: 2, sender: 'me' }));
      insertMessage(db, testMessage({ conversationId: id, seq: 3, sender: 'carol' }));
      insertMessage(db, testMessage({ conversationId: id, seq: 4, sender: 'bob', isTip: true }));
    }
    expect(unreadCount(db, getConversation(db, WORK.id)!, 'me')).toBe(2);
    expect(unreadCount(db, { ...getConversation(db, WORK.id)!, readSeq: 2 }, 'me')).toBe(1);
    expect(unreadCount(db, getConversation(db, meeting.id)!, 'me')).toBe(0);
  });

  it('M8 tells a mention of me from @All among unread messages, and keeps receipts and group fields', () => {
    const db = memoryStore();
    ensureGroupConversation(db, WORK, 1);
    insertMessage(db, testMessage({ conversationId: WORK.id, seq: 1, groupAt: { all: false, userIds: ['me'] }, atMe: true }));
    insertMessage(db, testMessage({ conversationId: WORK.id, seq: 2, groupAt: { all: true, userIds: [] }, atMe: true }));
    const own = insertMessage(db, testMessage({ conversationId: WORK.id, seq: 3, sender: 'me', needsReceipt: true }))!;
    expect(unreadMentionOf(db, WORK.id, 0, 'me')).toBe('me');
    expect(unreadMentionOf(db, WORK.id, 1, 'me')).toBe('all');
    expect(unreadMentionOf(db, WORK.id, 2, 'me')).toBeNull();
    expect(setMessageReceipt(db, own, { readCount: 2, unreadCount: 5 })).toBe(true);
    expect(setMessageReceipt(db, own, { readCount: 2, unreadCount: 5 })).toBe(false);
    expect(getMessagesByRowIds(db, [own])[0]).toMatchObject({
      needsReceipt: true,
      receipt: { readCount: 2, unreadCount: 5 },
      groupAt: null,
      atMe: false,
      isTip: false,
    });
  });
});
