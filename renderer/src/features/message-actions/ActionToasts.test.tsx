import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/ipc';
import { createI18n } from '../../i18n';
import { connectBridgeEvents, createChatStore, StoreProvider, type ChatStore } from '../../state';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { ActionToasts } from './ActionToasts';

let api: FakeChatApi;
let store: ChatStore;

beforeEach(() => {
  api = new FakeChatApi();
  store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
  connectBridgeEvents(api, store);
});

function render(language: 'en' | 'zh-CN' = 'en'): string {
  return renderToStaticMarkup(
    <StoreProvider store={{ ...store, getInitialState: store.getState }}>
      <I18nextProvider i18n={createI18n(language)}>
        <ActionToasts />
      </I18nextProvider>
    </StoreProvider>,
  );
}

const lateRecall: EventPayload<'operations:failed'> = {
  conversationId: 'c2c_bob',
  messageId: 'alice:m4',
  op: 'recall',
  error: { code: 'recall_window_passed', message: 'Messages can only be recalled shortly after sending.' },
};

describe('action toasts: refusals of queued changes', () => {
  it('M5 a recall the server refused later is said as an alert with the translated reason, in English and Chinese', () => {
    expect(render()).not.toContain('role="alert"');
    api.emit('operations:failed', lateRecall);
    expect(render()).toContain('role="alert"><span>Couldn’t recall the message: It is too late to recall this message.</span>');
    expect(render('zh-CN')).toContain('<span>无法撤回消息：已超过可撤回的时间。</span>');
  });

  it('M10/M12 names the conversation operation that failed; an error code this build does not know shows the server’s words', () => {
    api.emit('operations:failed', { conversationId: 'c2c_bob', messageId: null, op: 'settings', error: { code: 'forbidden', message: 'x' } });
    expect(render()).toMatch(/<span>Couldn’t change the conversation settings: [^<]+<\/span>/);
    api.emit('operations:failed', { conversationId: 'c2c_bob', messageId: null, op: 'delete', error: { code: 'not_found', message: 'x' } });
    expect(render()).toContain('Couldn’t delete the conversation:');
  });

  it('dismissing the alert clears the refusal; a new refusal shows again', () => {
    api.emit('operations:failed', lateRecall);
    const first = store.getState().operationFailure;
    store.getState().actionErrorDismissed();
    expect(store.getState().operationFailure).toBeNull();
    expect(render()).not.toContain('role="alert"');
    api.emit('operations:failed', lateRecall);
    expect(store.getState().operationFailure?.nonce).not.toBe(first?.nonce);
    expect(render()).toContain('Couldn’t recall the message');
  });

  it('a refusal of the previous account does not follow the person to the next one', () => {
    api.emit('operations:failed', lateRecall);
    store.getState().accountSwitched();
    expect(store.getState().operationFailure).toBeNull();
  });
});
