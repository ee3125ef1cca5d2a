import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../../shared/domain';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { chatMessage } from '../../testing/fixtures';
import { groupConversation } from '../chat/groupFixtures';
import { ConversationRow } from './ConversationRow';

const names: Record<string, string> = { carol: 'Carol', dave: 'Dave' };

function render(row: Conversation, language: 'en' | 'zh-CN' = 'en', activity = false): string {
  // The group avatar loads its photo through the core's media route, named by the store's app info.
  const store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: language });
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
    <I18nextProvider i18n={createI18n(language)}>
      <ConversationRow
        conversation={row}
        active={false}
        typingName={null}
        now={1_700_000_500_000}
        onSelect={() => {}}
        onMenu={() => {}}
        personName={(_g, userId) => names[userId] ?? userId}
        activity={activity}
      />
    </I18nextProvider>
    </StoreProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const fromBob = (extra: Parameters<typeof chatMessage>[2] = {}) =>
  chatMessage('bob:1', 1, { conversationId: 'group_hikers', isOwn: false, from: 'bob', senderName: 'Bobby', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'Summit at noon' } }], ...extra });

describe('group rows in Chats (ADR 0004 §7)', () => {
  it('names the group and previews "Sender: text" with the sender as I name them, else their UserID', () => {
    expect(text(render(groupConversation('hikers', { lastMessage: fromBob() })))).toContain('Hikers');
    expect(text(render(groupConversation('hikers', { lastMessage: fromBob() })))).toContain('Bobby: Summit at noon');
    expect(text(render(groupConversation('hikers', { lastMessage: fromBob({ senderName: null }) })))).toContain('bob: Summit at noon');
    expect(text(render(groupConversation('hikers', { lastMessage: fromBob() }), 'zh-CN'))).toContain('Bobby：Summit at noon');
  });

  it('puts a red [@me] or [@all] before the preview while an unread mention is set', () => {
    const me = render(groupConversation('hikers', { lastMessage: fromBob(), unreadMention: 'me', unreadCount: 1 }));
    expect(me).toContain('<span class="conversation-row__mention">[@me]</span>');
    expect(render(groupConversation('hikers', { lastMessage: fromBob(), unreadMention: 'all', unreadCount: 1 }))).toContain('[@all]');
    expect(render(groupConversation('hikers', { lastMessage: fromBob(), unreadMention: 'me' }), 'zh-CN')).toContain('[有人@我]');
    expect(render(groupConversation('hikers', { lastMessage: fromBob() }))).not.toContain('conversation-row__mention');
  });

  it('previews a tip as its sentence, in the person’s language', () => {
    const tip = fromBob({ isTip: true, from: 'carol', senderName: null, body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'joined', Operator: 'carol', Targets: ['carol', 'dave'], Changes: {} } }] });
    expect(text(render(groupConversation('hikers', { lastMessage: tip })))).toContain('Carol, Dave joined the group');
    expect(text(render(groupConversation('hikers', { lastMessage: tip }), 'zh-CN'))).toContain('Carol、Dave 加入了群聊');
  });

  it('greys a muted group’s count behind a bell-off; Meeting and audio-video rooms show no number', () => {
    const muted = render(groupConversation('hikers', { recvOpt: 'AcceptNotNotifyExceptAt', unreadCount: 4 }));
    expect(muted).toContain('aria-label="Muted"');
    expect(muted).toContain('<span class="conversation-row__unread--muted"><span class="unread-badge">');
    expect(render(groupConversation('meet', { groupType: 'Meeting', unreadCount: 2 }))).not.toContain('unread-badge');
    expect(render(groupConversation('live', { groupType: 'AVChatRoom', unreadCount: 2 }))).not.toContain('unread-badge');
    expect(render(groupConversation('live', { groupType: 'AVChatRoom' }), 'en', true)).toContain('<span class="conversation-row__dot " role="img" aria-label="New messages">');
    expect(render(groupConversation('live', { groupType: 'AVChatRoom' }))).not.toContain('conversation-row__dot');
  });

  it('says the group’s type in words for screen readers, and marks a group I left', () => {
    expect(render(groupConversation('hikers'))).toContain('<span class="visually-hidden">Public group</span>');
    expect(render(groupConversation('hikers'), 'zh-CN')).toContain('<span class="visually-hidden">陌生人社交群</span>');
    expect(text(render(groupConversation('hikers', { left: true })))).toContain('Not a member');
  });

  it('shows the group photo through the media route when it has one, else a monogram with the type glyph', () => {
    const html = render(groupConversation('hikers'));
    expect(html).toContain('group-avatar__type group-type--Public');
  });
});
