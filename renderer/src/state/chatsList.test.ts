import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/domain';
import { groupConversation } from '../features/chat/groupFixtures';
import { conversation } from '../testing/fixtures';
import { FakeChatApi } from '../testing/fakeChatApi';
import { chatsConversations, chatsUnreadTotal, hasUnseenRoomActivity } from './chatsList';
import { chatMessage } from '../testing/fixtures';
import { selectActiveConversation, selectChatsConversations, selectTotalUnread } from './selectors';
import { upsertConversations } from './slices/conversationsSlice';
import { createChatStore, type ChatStore } from './store';

const topic = groupConversation('@TGS#_club', { id: 'group_@TGS#_club@TOPIC#_news', topicId: '@TGS#_club@TOPIC#_news', groupType: 'Community', topic: { name: 'news', faceUrl: '' } });

describe('Chats list of every conversation kind (ADR 0004 §7)', () => {
  it('keeps group and topic conversations in the store, lists all but topics, newest first', () => {
    const list = upsertConversations([], [conversation('bob', { lastActivityAt: 1 }), groupConversation('hikers', { lastActivityAt: 3 }), { ...topic, lastActivityAt: 2 }]);
    expect(list.map((c) => c.id)).toEqual(['group_hikers', topic.id, 'c2c_bob']);
    expect(chatsConversations(list).map((c) => c.id)).toEqual(['group_hikers', 'c2c_bob']);
  });

  it('adds up unread of listed rows that are not muted: a muted group and a topic do not count', () => {
    const list: Conversation[] = [
      conversation('bob', { unreadCount: 2 }),
      groupConversation('hikers', { unreadCount: 5 }),
      groupConversation('quiet', { unreadCount: 7, recvOpt: 'AcceptNotNotify' }),
      groupConversation('atonly', { unreadCount: 11, recvOpt: 'AcceptNotNotifyExceptAt' }),
      { ...topic, unreadCount: 13 },
    ];
    expect(chatsUnreadTotal(list)).toBe(7);
  });
});

describe('opening a group conversation', () => {
  let api: FakeChatApi;
  let store: ChatStore;
  beforeEach(() => {
    api = new FakeChatApi().respond('conversations:openGroup', ({ groupId }) => ({ ok: true, value: groupConversation(groupId) })).ok('messages:page', { messages: [], hasMore: false });
    store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
  });

  it('asks the core for the row, lists it and makes it the active chat', async () => {
    const outcome = await store.getState().openGroupConversation('hikers');
    expect(outcome).toEqual({ ok: true, conversationId: 'group_hikers' });
    expect(api.callsTo('conversations:openGroup')).toEqual([{ groupId: 'hikers' }]);
    expect(selectActiveConversation(store.getState())?.id).toBe('group_hikers');
    expect(selectChatsConversations(store.getState()).map((c) => c.id)).toEqual(['group_hikers']);
  });

  it('says why when the core refuses, and changes nothing', async () => {
    api.respond('conversations:openGroup', () => ({ ok: false, error: { code: 'group_not_member', message: 'not a member' } }));
    const outcome = await store.getState().openGroupConversation('hikers');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'group_not_member' } });
    expect(store.getState().activeConversationId).toBeNull();
  });

  it('pages a receipt list through the core, and remembers the room message last on screen', async () => {
    api.ok('messages:receiptMembers', { userIds: ['bob', 'carol'], cursor: 'next' });
    const page = await store.getState().receiptMembersRequested('alice:m1', 'read', null);
    expect(page).toEqual({ ok: true, value: { userIds: ['bob', 'carol'], cursor: 'next' } });
    expect(api.callsTo('messages:receiptMembers')).toEqual([{ id: 'alice:m1', which: 'read', cursor: null }]);
    store.getState().roomActivitySeen('group_live', 'bob:9');
    expect(store.getState().roomSeen).toEqual({ group_live: 'bob:9' });
  });

  it('keeps a topic openable by its ID while Chats does not list it', () => {
    store.getState().conversationsChanged({ conversations: [topic, conversation('bob', { unreadCount: 1 })], removed: [] });
    store.getState().conversationSelected(topic.id);
    expect(selectActiveConversation(store.getState())?.id).toBe(topic.id);
    expect(selectChatsConversations(store.getState()).map((c) => c.id)).toEqual(['c2c_bob']);
    expect(selectTotalUnread(store.getState())).toBe(1);
  });
});

describe('Meeting and audio-video rows: a dot for new activity, not a number (ADR 0004 §6, §7)', () => {
  const since = 1_700_000_000_000;
  const room = (time: number, extra: Parameters<typeof chatMessage>[2] = {}) =>
    groupConversation('live', { groupType: 'AVChatRoom', lastMessage: chatMessage('bob:9', 9, { conversationId: 'group_live', isOwn: false, from: 'bob', time, ...extra }) });

  it('lights for someone else’s message that arrived while the window was open and was not on screen', () => {
    expect(hasUnseenRoomActivity(room(since + 5), undefined, since)).toBe(true);
    expect(hasUnseenRoomActivity(room(since + 5), 'bob:9', since)).toBe(false);
    // Seen up to an older message: the newer one is new.
    expect(hasUnseenRoomActivity(room(since - 5), 'bob:8', since)).toBe(true);
  });

  it('stays off for what came before the window opened, own messages, tips and rooms with counts', () => {
    expect(hasUnseenRoomActivity(room(since - 5), undefined, since)).toBe(false);
    expect(hasUnseenRoomActivity(room(since + 5, { isOwn: true }), undefined, since)).toBe(false);
    expect(hasUnseenRoomActivity(room(since + 5, { isTip: true }), undefined, since)).toBe(false);
    expect(hasUnseenRoomActivity({ ...room(since + 5), groupType: 'Public' }, undefined, since)).toBe(false);
  });
});
