import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { C2cConversation } from '../../../../shared/domain';
import { createI18n } from '../../i18n';
import { chatMessage, conversation } from '../../testing/fixtures';
import { ConversationRow } from './ConversationRow';

function render(row: C2cConversation, options: { active?: boolean; language?: 'en' | 'zh-CN' } = {}): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(options.language ?? 'en')}>
      <ConversationRow conversation={row} active={options.active ?? false} typingName={null} now={1_700_000_500_000} onSelect={() => {}} onMenu={() => {}} />
    </I18nextProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('conversation row (M12)', () => {
  it('shows an unsent draft as "[Draft] …" instead of the last message, except in the open chat', () => {
    const row = conversation('bob', { lastMessage: chatMessage('m1', 1, { isOwn: false, from: 'bob' }), draft: 'half a thought' });
    const html = render(row);
    expect(html).toContain('<span class="conversation-row__draft">[Draft]</span> half a thought');
    expect(text(html)).not.toContain('text of m1');
    expect(text(render(row, { active: true }))).toContain('text of m1');
    expect(render(row, { language: 'zh-CN' })).toContain('[草稿]');
  });

  it('names the pinned and muted marks, greys a muted badge, and advertises the menu key', () => {
    const html = render(conversation('bob', { pinned: true, recvOpt: 'AcceptNotNotify', unreadCount: 3 }));
    expect(html).toContain('role="img" aria-label="Pinned"');
    expect(html).toContain('role="img" aria-label="Muted"');
    expect(html).toContain('<span class="conversation-row__unread--muted"><span class="unread-badge">');
    expect(html).toContain('3 unread messages');
    expect(html).toContain('aria-keyshortcuts="Shift+F10"');
    // The pointer-only menu button stays out of the accessibility tree: the row is one control.
    expect(html).toMatch(/<button[^>]*class="conversation-row__more[^"]*"[^>]*aria-hidden="true"/);
  });

  it('previews every kind in the person’s language, and a recall as a recall', () => {
    const file = chatMessage('m2', 2, {
      isOwn: false,
      from: 'bob',
      body: [{ MsgType: 'TIMFileElem', MsgContent: { Url: 'https://x.test/f', UUID: 'abc', FileSize: 10, FileName: 'q3.pdf', Download_Flag: 2 } }],
    });
    expect(text(render(conversation('bob', { lastMessage: file })))).toContain('[File] q3.pdf');
    expect(text(render(conversation('bob', { lastMessage: file }), { language: 'zh-CN' }))).toContain('[文件] q3.pdf');
    const recalled = chatMessage('m3', 3, { recalled: true, body: [] });
    expect(text(render(conversation('bob', { lastMessage: recalled })))).toContain('You recalled a message');
    const future = chatMessage('m4', 4, { isOwn: false, body: [{ MsgType: 'TIMHologramElem', MsgContent: {} }] });
    expect(text(render(conversation('bob', { lastMessage: future })))).toContain('[Unsupported message]');
  });
});
