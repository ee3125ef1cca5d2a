import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../shared/domain';
import { community, MAKERS, topicConversation, topicEntry, topicId } from '../../testing/communityFixtures';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { createChatStore, type ChatStore } from '../store';

let api: FakeChatApi;
let store: ChatStore;
const general = topicId(MAKERS, 'general');
const news = topicId(MAKERS, 'news');

beforeEach(() => {
  api = new FakeChatApi()
    .ok('permissionGroups:list', { permissionGroups: [] })
    .ok('topics:list', { topics: [topicEntry(MAKERS, 'news', { createTime: 2 }), topicEntry(MAKERS, 'general', { createTime: 1 })] })
    .respond('conversations:openGroup', ({ groupId, topicId: topic }) => ({
      ok: true,
      value: topicConversation(groupId, topic ? topic.slice(topic.indexOf('@TOPIC#_') + 8) : null) as Conversation,
    }));
  store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
  store.setState({ groups: [community(MAKERS, 'Makers')], activeConversationId: 'c2c_bob' });
});

describe('community navigation', () => {
  it('opens the first topic on screen the first time, then the one last opened', async () => {
    await store.getState().communityOpened(MAKERS);
    expect(store.getState()).toMatchObject({ section: 'community', activeCommunityId: MAKERS, activeConversationId: `group_${general}` });
    expect(api.callsTo('conversations:openGroup')).toEqual([{ groupId: MAKERS, topicId: general }]);

    await store.getState().topicOpened(MAKERS, news);
    store.getState().sectionChosen('chats');
    await store.getState().communityOpened(MAKERS);
    expect(store.getState().activeConversationId).toBe(`group_${news}`);
  });

  it('gives Chats back what it had open, and keeps a chat started elsewhere', async () => {
    await store.getState().communityOpened(MAKERS);
    store.getState().sectionChosen('chats');
    expect(store.getState()).toMatchObject({ section: 'chats', activeConversationId: 'c2c_bob' });

    await store.getState().communityOpened(MAKERS);
    store.getState().sectionChosen('contacts');
    // From a contact's profile: the chat is opened first, then Chats is shown; it must stay.
    store.getState().conversationSelected('c2c_carol');
    store.getState().sectionChosen('chats');
    expect(store.getState().activeConversationId).toBe('c2c_carol');
  });

  it('lets only the latest topic click take the chat pane', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    api.respond('conversations:openGroup', async ({ groupId, topicId: topic }) => {
      if (topic === news) await slow;
      return { ok: true, value: topicConversation(groupId, topic === news ? 'news' : 'general') as Conversation };
    });
    store.setState({ section: 'community', activeCommunityId: MAKERS });
    const first = store.getState().topicOpened(MAKERS, news);
    await store.getState().topicOpened(MAKERS, general);
    release();
    await first;
    expect(store.getState().activeConversationId).toBe(`group_${general}`);
    expect(store.getState().lastTopics[MAKERS]).toBe(general);
  });

  it('shows no chat for a community without topics, and says why a topic cannot open', async () => {
    api.ok('topics:list', { topics: [] });
    await store.getState().communityOpened(MAKERS);
    expect(store.getState().activeConversationId).toBeNull();

    api.respond('conversations:openGroup', () => ({ ok: false, error: { code: 'group_not_member', message: 'Not a member.' } }));
    const outcome = await store.getState().topicOpened(MAKERS, general);
    expect(outcome).toEqual({ ok: false, error: { code: 'group_not_member', message: 'Not a member.' } });
  });
});
