import type { MarkStorage, Preferences, PreferencesStorage } from '../state';

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

/** Per-device marks under one prefix; storage that refuses (private windows) keeps them for the session only. */
export function localMarks(storage: Storage): MarkStorage {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return storage.getItem(`openchat.${key}`) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        storage.setItem(`openchat.${key}`, value);
      } catch {
        // Kept in memory above.
      }
    },
  };
}
