import type { Preferences, PreferencesStorage } from '../state';

const KEY = 'openchat.preferences';

/** Language and theme survive restarts in localStorage; a broken entry is ignored, not fatal. */
export function localPreferences(storage: Storage): PreferencesStorage {
  return {
    load() {
      try {
        const value: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
        return typeof value === 'object' && value !== null ? (value as Partial<Preferences>) : {};
      } catch {
        return {};
      }
    },
    save(preferences) {
      try {
        storage.setItem(KEY, JSON.stringify(preferences));
      } catch {
        // Private windows may refuse storage; the choice then lasts for this session only.
      }
    },
  };
}
