import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, StoredElem } from '../../../../shared/domain';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { chatMessage } from '../../testing/fixtures';
import { groupTipText } from '../message-content/groupTipText';
import { mentionSegments } from '../message-content/mentions';
import { ReceiptsDialog } from '../receipts/ReceiptsDialog';
import { MessageItem } from './MessageItem';

function render(node: React.ReactNode, language: 'en' | 'zh-CN' = 'en'): string {
  const store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: language });
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>
    </StoreProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const noop = () => {};
const item = (message: ChatMessage, extra: Partial<Parameters<typeof MessageItem>[0]> = {}) => (
  <MessageItem message={message} dayLabelNeeded={false} continued={false} now={1_700_000_500_000} onRetry={noop} selecting={false} selected={false} highlighted={false} inGroup {...extra} />
);
const fromBob = (extra: Partial<ChatMessage> = {}) => chatMessage('bob:1', 1, { conversationId: 'group_hikers', isOwn: false, from: 'bob', senderName: 'Bobby', ...extra });
const tip = (Kind: string, Operator: string, Targets: string[], Changes: Record<string, string> = {}): StoredElem =>
  ({ MsgType: 'TIMGroupTipElem', MsgContent: { Kind, Operator, Targets, Changes } }) as StoredElem;

describe('group timeline (ADR 0004 §7)', () => {
  it('shows the sender’s avatar and name above the first of their run, as a button to their profile', () => {
    const html = render(item(fromBob(), { senderName: 'Bobby', onOpenSender: noop }));
    expect(html).toContain('class="group-message"');
    expect(html).toMatch(/<button type="button" class="group-message__sender" aria-label="Open Bobby’s profile"[^>]*>Bobby<\/button>/);
    // A continued message of the same run keeps the indent but no header.
    const continued = render(item(fromBob(), { senderName: null, onOpenSender: noop, continued: true }));
    expect(continued).toContain('class="group-message"');
    expect(continued).not.toContain('group-message__sender');
  });

  it('draws a tip as a centred system line, not a bubble', () => {
    const html = render(item(fromBob({ isTip: true }), { tipText: 'Carol joined the group' }));
    expect(html).toContain('<p class="group-tip" role="note"><span class="group-tip__text">Carol joined the group</span></p>');
    expect(html).not.toContain('bubble');
  });

  it('marks a message that mentions me and styles its @Name tokens', () => {
    const html = render(item(fromBob({ mentionsMe: true, groupAt: { all: false, userIds: ['alice'] }, body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '@Alice see mail@x.test' } }] })));
    expect(html).toContain('timeline-item--mention');
    expect(html).toContain('<span class="content-mention">@Alice</span>');
    expect(html).not.toContain('<span class="content-mention">@x.test</span>');
    // Without groupAt nothing is styled, even if the text has an "@".
    expect(render(item(fromBob({ body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: '@Alice hi' } }] })))).not.toContain('content-mention');
  });

  it('shows "2 read · 1 unread" under an own receipt message, and no one-to-one Read tick in a group', () => {
    const own = chatMessage('alice:1', 5, { conversationId: 'group_hikers', needReceipt: true, receipt: { readCount: 2, unreadCount: 1 }, readByPeer: true });
    const html = render(item(own, { onOpenReceipts: noop }));
    expect(text(html)).toContain('2 read · 1 unread');
    expect(html).not.toContain('aria-label="Read"');
    expect(text(render(item({ ...own, receipt: { readCount: 3, unreadCount: 0 } }, { onOpenReceipts: noop })))).toContain('All read');
    expect(text(render(item(own, { onOpenReceipts: noop }), 'zh-CN'))).toContain('2 人已读 · 1 人未读');
  });

  it('opens the receipts dialog on the Read tab with both counts', () => {
    const own = chatMessage('alice:1', 5, { conversationId: 'group_hikers', needReceipt: true, receipt: { readCount: 2, unreadCount: 1 } });
    const html = render(<ReceiptsDialog message={own} groupId="hikers" onClose={noop} />);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>Read \(2\)</);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="false"[^>]*>Unread \(1\)</);
  });
});

describe('tip sentences (G5)', () => {
  const t = createI18n('en').getFixedT('en', 'groupChat');
  const zh = createI18n('zh-CN').getFixedT('zh-CN', 'groupChat');
  const names = (id: string) => ({ alice: 'You', bob: 'Bobby', carol: 'Carol' })[id] ?? id;

  it('says each kind in the person’s language, naming people as they are known', () => {
    expect(groupTipText(tip('invited', 'bob', ['carol', 'dave']), names, t)).toBe('Bobby invited Carol, dave to the group');
    expect(groupTipText(tip('invited', 'bob', ['carol', 'dave']), names, zh)).toBe('Bobby 邀请 Carol、dave 加入了群聊');
    expect(groupTipText(tip('quit', 'carol', []), names, t)).toBe('Carol left the group');
    expect(groupTipText(tip('kicked', 'alice', ['bob']), names, t)).toBe('You removed Bobby from the group');
    expect(groupTipText(tip('profileChanged', 'bob', [], { name: 'Trail <crew>' }), names, t)).toBe('Bobby changed the group name to “Trail <crew>”');
    expect(groupTipText(tip('muteAll', 'bob', [], { muteAll: 'false' }), names, t)).toBe('Bobby turned off mute for everyone');
    expect(groupTipText(tip('joined', '@TIM#SYSTEM', ['a', 'b', 'c', 'd', 'e']), names, t)).toBe('a, b, c and 2 others joined the group');
  });

  it('is null for anything that is not a tip or notice', () => {
    expect(groupTipText({ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }, names, t)).toBeNull();
  });
});

describe('@Name tokens', () => {
  it('split at white space, never inside a word', () => {
    expect(mentionSegments('hi @Bob and @All!')).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Bob' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@All!' },
    ]);
    expect(mentionSegments('mail@x.test')).toEqual([{ kind: 'text', text: 'mail@x.test' }]);
  });
});
