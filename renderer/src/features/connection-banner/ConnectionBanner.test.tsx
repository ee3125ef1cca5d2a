import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n';
import { createChatStore, StoreProvider, type ChatStore } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { ConnectionBanner } from './ConnectionBanner';

/** The text of the element with role="status", leaving out aria-hidden subtrees: what a screen reader announces. */
function announced(html: string): string {
  const start = html.search(/<(\w+)[^>]*role="status"/);
  if (start < 0) throw new Error('no live region');
  const tags = /<(\/?)(\w+)([^>]*?)(\/?)>/g;
  tags.lastIndex = start;
  let depth = 0;
  let hiddenAt: number | null = null;
  let text = '';
  let last = start;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    if (depth > 0 && hiddenAt === null) text += html.slice(last, tag.index);
    last = tags.lastIndex;
    const [, closing, , attributes, selfClosing] = tag;
    if (selfClosing) continue;
    if (closing) {
      depth--;
      if (hiddenAt !== null && depth < hiddenAt) hiddenAt = null;
      if (depth === 0) break;
    } else {
      depth++;
      if (hiddenAt === null && depth > 1 && attributes?.includes('aria-hidden="true"')) hiddenAt = depth;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

let store: ChatStore;
const i18n = createI18n('en');
// A server render reads a zustand store's initial state; this one reads its current state.
const render = () =>
  renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={i18n}>
        <ConnectionBanner />
      </I18nextProvider>
    </StoreProvider>,
  );

beforeEach(() => {
  vi.useFakeTimers({ now: 100_000 });
  store = createChatStore(new FakeChatApi(), { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
});
afterEach(() => vi.useRealTimers());

describe('ConnectionBanner', () => {
  it('shows the reconnect countdown but announces only the change of state, not every second', () => {
    store.getState().connectionChanged({ status: 'offline', retryInMs: 5000 });
    const first = render();
    vi.setSystemTime(101_200);
    const second = render();
    expect(first).toContain('Reconnecting in 5 s');
    expect(second).toContain('Reconnecting in 4 s');
    expect(announced(first)).toBe('Cannot reach the server.');
    expect(announced(second)).toBe(announced(first));
  });

  it('keeps the live region mounted while hidden, so the next state is heard', () => {
    expect(announced(render())).toBe('');
    store.getState().connectionChanged({ status: 'connecting', retryInMs: null });
    expect(announced(render())).toBe('Connecting to the server…');
  });
});
