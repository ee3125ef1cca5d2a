import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MissingAccessTokenError, resolveChatApi } from '../api/resolveApi';
import { createI18n, languageFromNavigator } from '../i18n';
import { connectBridgeEvents, createChatStore } from '../state';
import { App } from './App';
import { localMarks, localPreferences } from './localPreferences';
import { MissingTokenScreen } from './screens';

/** Wires api → store → React once, at start. */
export function bootstrap(container: HTMLElement): void {
  const root = createRoot(container);
  const preferences = localPreferences(window.localStorage);
  const systemLanguage = languageFromNavigator(navigator.languages.length ? navigator.languages : [navigator.language]);

  let api;
  try {
    api = resolveChatApi();
  } catch (error) {
    if (!(error instanceof MissingAccessTokenError)) throw error;
    const i18n = createI18n(preferences.load().language ?? systemLanguage);
    root.render(
      <I18nextProvider i18n={i18n}>
        <MissingTokenScreen />
      </I18nextProvider>,
    );
    return;
  }

  const store = createChatStore(api, { preferences, systemLanguage, marks: localMarks(window.localStorage) });
  const i18n = createI18n(store.getState().language);
  connectBridgeEvents(api, store);

  // After the link to a web host drops and returns, what the page holds may be stale: start afresh.
  let wasLost = false;
  api.onHostLinkChanged((link) => {
    if (link === 'lost') wasLost = true;
    else if (link === 'open' && wasLost) window.location.reload();
  });

  void store.getState().appStarted();
  root.render(
    <StrictMode>
      <App store={store} i18n={i18n} />
    </StrictMode>,
  );
}
