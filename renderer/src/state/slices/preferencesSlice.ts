import type { Language, Slice, Theme } from '../types';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface PreferencesSlice {
  theme: Theme;
  language: Language;
  themeChosen(theme: Theme): void;
  languageChosen(language: Language): void;
}

export const createPreferencesSlice: Slice<PreferencesSlice> = ({ preferences, systemLanguage }) => (set, get) => {
  const saved = preferences.load();
  const save = () => preferences.save({ theme: get().theme, language: get().language });
  return {
    theme: saved.theme && THEMES.includes(saved.theme) ? saved.theme : 'system',
    language: saved.language && LANGUAGES.includes(saved.language) ? saved.language : systemLanguage,
    themeChosen(theme) {
      set({ theme });
      save();
    },
    languageChosen(language) {
      set({ language });
      save();
    },
  };
};
