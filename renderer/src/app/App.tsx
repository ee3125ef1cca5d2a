import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { StoreProvider, type ChatStore } from '../state';
import { Routes } from './routes';
import { useDocumentPreferences } from './useDocumentPreferences';

function DocumentPreferences() {
  useDocumentPreferences();
  return null;
}

export function App({ store, i18n }: { store: ChatStore; i18n: i18n }) {
  return (
    <StoreProvider store={store}>
      <I18nextProvider i18n={i18n}>
        <DocumentPreferences />
        <Routes />
      </I18nextProvider>
    </StoreProvider>
  );
}
