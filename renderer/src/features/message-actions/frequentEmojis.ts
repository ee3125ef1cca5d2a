/** The reactions offered first before the person has a history of their own (Slack / WeChat defaults). */
export const DEFAULT_FREQUENT = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/** The full picker: common faces, hands, hearts and objects, in a stable order. */
export const ALL_EMOJI = [
  '👍', '👎', '👏', '🙌', '🙏', '💪', '👌', '✌️', '🤝', '👀',
  '❤️', '🧡', '💛', '💚', '💙', '💜', '🖤', '💔', '💯', '🔥',
  '😀', '😃', '😄', '😁', '😆', '😅', '😂', '🤣', '😊', '😇',
  '🙂', '😉', '😍', '🥰', '😘', '😋', '😎', '🤩', '🥳', '🤔',
  '🤨', '😐', '😑', '🙄', '😏', '😮', '😯', '😲', '😳', '🥺',
  '😢', '😭', '😤', '😠', '😡', '🤯', '😱', '😴', '🤒', '🤮',
  '🎉', '🎊', '🎂', '🎁', '✅', '❌', '⭐', '🌟', '☕', '🍻',
] as const;

const KEY = 'openchat.reactionUsage';
const SHOWN = 6;

export interface UsageStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function read(storage: UsageStore): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return {};
  }
}

/** The person's most used reactions first, topped up with the defaults (always six). */
export function frequentEmojis(storage: UsageStore): string[] {
  const usage = read(storage);
  const used = Object.keys(usage).sort((a, b) => (usage[b] ?? 0) - (usage[a] ?? 0));
  return [...new Set([...used, ...DEFAULT_FREQUENT])].slice(0, SHOWN);
}

export function emojiUsed(storage: UsageStore, emoji: string): void {
  const usage = read(storage);
  usage[emoji] = (usage[emoji] ?? 0) + 1;
  try {
    storage.setItem(KEY, JSON.stringify(usage));
  } catch {
    // Storage may be refused (private window): the defaults stay.
  }
}

/** The browser's localStorage, or a memory stand-in where it is unavailable. */
export function usageStore(): UsageStore {
  try {
    return window.localStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  }
}
