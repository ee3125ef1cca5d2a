import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { selectTotalUnread, useChatStore } from '../state';

/** Applies the theme and language to <html>, and puts the unread count in the window title. */
export function useDocumentPreferences(): void {
  const { t, i18n } = useTranslation();
  const theme = useChatStore((s) => s.theme);
  const language = useChatStore((s) => s.language);
  const unread = useChatStore(selectTotalUnread);

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  useEffect(() => {
    document.title = unread > 0 ? t('app.titleWithUnread', { count: unread }) : t('app.name');
  }, [t, unread, language]);
}
