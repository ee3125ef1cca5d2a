import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../shared/domain';
import { createI18n } from '../../i18n';
import { chatMessage } from '../../testing/fixtures';
import { ReactionsRow } from './ReactionsRow';

const names: Record<string, string> = { alice: 'You', bob: 'Bob' };

function render(message: ChatMessage): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n('en')}>
      <ReactionsRow message={message} nameOf={(id) => names[id] ?? id} onToggle={() => {}} onAdd={() => {}} />
    </I18nextProvider>,
  );
}

describe('reactions row (M13)', () => {
  it('one chip per emoji with its count; mine pressed; the name says who reacted', () => {
    const html = render(
      chatMessage('m1', 1, {
        reactions: [
          { emoji: '👍', userIds: ['bob', 'alice'], mine: true },
          { emoji: '🎉', userIds: ['bob'], mine: false },
        ],
      }),
    );
    expect(html).toContain('aria-pressed="true" aria-label="👍 2, by Bob, You"');
    expect(html).toContain('aria-pressed="false" aria-label="🎉 1, by Bob"');
    expect(html).toContain('aria-label="React"');
  });

  it('a message not on the server yet shows its chips but cannot be reacted to', () => {
    const html = render(chatMessage('p1', null, { reactions: [{ emoji: '👍', userIds: ['bob'], mine: false }] }));
    expect(html).toContain('disabled=""');
    expect(html).not.toContain('aria-label="React"');
  });
});
