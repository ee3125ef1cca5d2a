import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider, type ChatState, type ChatStore } from '../../state';
import { topicConversations } from '../../state/community';
import { community, MAKERS, OTHER, topicConversation, topicEntry, topicId } from '../../testing/communityFixtures';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { CommunityRail } from './CommunityRail';
import { CommunityScreen } from './CommunityScreen';
import { TopicList } from './TopicList';

let store: ChatStore;
const render = (node: React.ReactNode, language: 'en' | 'zh-CN' = 'en') =>
  renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>
    </StoreProvider>,
  );
/** Group conversations straight into the store (its list action keeps only what the Chats list shows today). */
const withConversations = (list: unknown[]) => store.setState({ conversations: list as ChatState['conversations'] });

beforeEach(() => {
  store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
});

describe('CommunityRail', () => {
  it('names each community with its unread sum and a mention, and draws the badges', () => {
    store.setState({ groups: [community(MAKERS, 'Makers'), community(OTHER, 'Quiet club'), { ...community('@TGS#_work', 'Team'), group: { ...community('@TGS#_work', 'Team').group, type: 'Work' } }] });
    withConversations([
      topicConversation(MAKERS, 'general', { unreadCount: 2 }),
      topicConversation(MAKERS, 'news', { unreadCount: 1, unreadMention: 'me' }),
    ]);
    const html = render(<CommunityRail />);
    expect(html).toContain('aria-label="Communities"');
    expect(html).toContain('aria-label="Makers, 3 unread messages, you were mentioned"');
    expect(html).toContain('aria-label="Quiet club"');
    // Work groups are chats, not communities.
    expect(html).not.toContain('Team');
    expect(html).toMatch(/rail__badge--community" aria-hidden="true">3</);
    expect(html).toContain('rail__mention');
  });

  it('marks the community on screen, and says it in Chinese', () => {
    store.setState({ groups: [community(MAKERS, '创客')], section: 'community', activeCommunityId: MAKERS });
    withConversations([topicConversation(MAKERS, 'general', { unreadCount: 1 })]);
    const html = render(<CommunityRail />, 'zh-CN');
    expect(html).toContain('aria-label="创客, 1 条未读消息"');
    expect(html).toContain('aria-current="page"');
  });

  it('shows nothing, not even the separator, for someone in no community', () => {
    expect(render(<CommunityRail />)).toBe('');
  });
});

describe('TopicList', () => {
  const topics = [
    topicEntry(MAKERS, 'announcements', { category: 'Info', name: 'announcements' }),
    topicEntry(MAKERS, 'general', { name: 'general' }),
    topicEntry(MAKERS, 'offtopic', { name: 'offtopic' }),
  ];
  const rows = topicConversations(
    [
      topicConversation(MAKERS, 'general', { unreadCount: 4, unreadMention: 'all' }),
      topicConversation(MAKERS, 'offtopic', { unreadCount: 9, recvOpt: 'AcceptNotNotify' }),
      topicConversation(MAKERS, 'announcements', { unreadCount: 0, unreadMention: 'me' }),
    ],
    MAKERS,
  );
  const list = (active: string | null) =>
    render(<TopicList communityName="Makers" topics={topics} rows={rows} activeTopicId={active} locale="en" onOpen={() => {}} onMenu={() => {}} />);

  it('labels each topic with its unread count, mention and muted state', () => {
    const html = list(topicId(MAKERS, 'general'));
    expect(html).toContain('aria-label="Topics of Makers"');
    expect(html).toContain('aria-label="general, 4 unread, mentions everyone"');
    expect(html).toContain('aria-label="offtopic, 9 unread, muted"');
    // A mention that has been read is no longer shown.
    expect(html).toContain('aria-label="announcements"');
    expect(html).toContain('topic-item__count--muted');
  });

  it('lists uncategorised topics first, then each category under its heading', () => {
    const html = list(null);
    const order = ['general', 'offtopic', '>Info<', 'announcements'].map((needle) => html.indexOf(needle));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('makes the open topic current and the only tab stop (the first one when none is open)', () => {
    const html = list(topicId(MAKERS, 'offtopic'));
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
    expect(html).toMatch(/aria-label="offtopic, 9 unread, muted" aria-current="page" tabindex="0"/);
    expect(list(null)).toMatch(/aria-label="general, 4 unread, mentions everyone" tabindex="0"/);
  });
});

describe('CommunityScreen', () => {
  const screen = (role: 'Owner' | 'Member') => {
    const joined = community(MAKERS, 'Makers');
    store.setState({ groups: [{ ...joined, self: { ...joined.self, role } }], groupTopics: { [MAKERS]: [] }, section: 'community', activeCommunityId: MAKERS });
    return render(<CommunityScreen groupId={MAKERS} onNewChat={() => {}} />);
  };

  it('offers the owner the first topic when there is none, beside the header with the member count', () => {
    const html = screen('Owner');
    expect(html).toContain('No topics yet');
    expect(html).toContain('Create the first one');
    expect(html).toMatch(/<button[^>]*class="button button--primary"[^>]*>.*New topic<\/button>/);
    expect(html).toContain('4 members');
    expect(html).toContain('aria-label="Options for Makers"');
  });

  it('tells an ordinary member to wait, with no control that would be refused', () => {
    const html = screen('Member');
    expect(html).toContain('An admin hasn’t created any topics yet.');
    expect(html).not.toContain('New topic');
  });

  it('says so when I am no longer in the community', () => {
    store.setState({ groups: [], section: 'community', activeCommunityId: MAKERS });
    expect(render(<CommunityScreen groupId={MAKERS} onNewChat={() => {}} />)).toContain('You are no longer in this community.');
  });
});
