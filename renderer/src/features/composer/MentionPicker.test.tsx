import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { MentionPicker } from './MentionPicker';
import { RefusalBanner } from './RefusalBanner';
import { ReceiptToggle } from './ReceiptToggle';

function render(node: React.ReactNode, language: 'en' | 'zh-CN' = 'en') {
  const store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: language });
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>
    </StoreProvider>,
  );
}

describe('MentionPicker (M8)', () => {
  const options = [
    { userId: null, name: 'All' },
    { userId: 'bob', name: 'Bob' },
    { userId: 'carol', name: 'Carol' },
  ];

  it('is a labelled listbox of options, the active one selected and named by its id', () => {
    const html = render(
      <MentionPicker id="picker" options={options} activeIndex={1} loading={false} optionId={(i) => `picker-${i}`} onChoose={() => {}} onHover={() => {}} />,
    );
    expect(html).toContain('role="listbox"');
    expect(html).toContain('aria-label="Mention someone"');
    expect(html.match(/role="option"/g)).toHaveLength(3);
    expect(html).toMatch(/id="picker-1" role="option" aria-selected="true"/);
    expect(html).toMatch(/id="picker-0" role="option" aria-selected="false"/);
    expect(html).toContain('@All');
    expect(html).toContain('Notify everyone in the group');
    expect(html).toContain('@carol');
  });

  it('says so while members are loading', () => {
    const html = render(<MentionPicker id="p" options={[]} activeIndex={0} loading optionId={(i) => `p-${i}`} onChoose={() => {}} onHover={() => {}} />, 'zh-CN');
    expect(html).toContain('正在加载成员…');
  });
});

describe('RefusalBanner and ReceiptToggle', () => {
  it('the banner is a status saying why, with what can be done about a mute', () => {
    const html = render(<RefusalBanner refusal={{ code: 'group_member_muted', message: '' }} mutedUntil={0xffff_ffff} nowMs={Date.now()} inTopic={false} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('You’re muted in this group.');
    expect(html).toContain('An owner or admin can lift the mute.');
  });

  it('the receipt toggle is a named toggle button', () => {
    expect(render(<ReceiptToggle pressed onToggle={() => {}} />)).toMatch(/aria-pressed="true" aria-label="Request read receipt"/);
    expect(render(<ReceiptToggle pressed={false} onToggle={() => {}} />, 'zh-CN')).toMatch(/aria-pressed="false" aria-label="请求已读回执"/);
  });
});
