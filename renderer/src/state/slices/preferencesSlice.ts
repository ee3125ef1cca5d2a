import type { Language, Preferences, Slice, Theme } from '../types';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface PreferencesSlice extends Preferences {
  themeChosen(theme: Theme): void;
  languageChosen(language: Language): void;
  notificationsChosen(on: boolean): void;
  notificationPreviewChosen(on: boolean): void;
}

export const createPreferencesSlice: Slice<PreferencesSlice> = ({ preferences, systemLanguage }) => (set, get) => {
  const saved = preferences.load();
  const save = () => {
    const { theme, language, notifications, notificationPreview } = get();
    preferences.save({ theme, language, notifications, notificationPreview });
  };
  const choose = (patch: Partial<Preferences>) => {
    set(patch);
    save();
  };
  return {
    theme: saved.theme && THEMES.includes(saved.theme) ? saved.theme : 'system',
    language: saved.language && LANGUAGES.includes(saved.language) ? saved.language : systemLanguage,
    notifications: typeof saved.notifications === 'boolean' ? saved.notifications : true,
    notificationPreview: typeof saved.notificationPreview === 'boolean' ? saved.notificationPreview : true,
    themeChosen: (theme) => choose({ theme }),
    languageChosen: (language) => choose({ language }),
    notificationsChosen: (notifications) => choose({ notifications }),
    notificationPreviewChosen: (notificationPreview) => choose({ notificationPreview }),
  };
};
