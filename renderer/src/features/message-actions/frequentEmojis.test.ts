import { describe, expect, it } from 'vitest';
import { DEFAULT_FREQUENT, emojiUsed, frequentEmojis, type UsageStore } from './frequentEmojis';

function memory(): UsageStore {
  const map = new Map<string, string>();
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

describe('frequent reactions', () => {
  it('M13 offers the defaults first, then the person’s most used ahead of them', () => {
    const storage = memory();
    expect(frequentEmojis(storage)).toEqual([...DEFAULT_FREQUENT]);
    emojiUsed(storage, '🎉');
    emojiUsed(storage, '🎉');
    emojiUsed(storage, '😢');
    expect(frequentEmojis(storage)).toEqual(['🎉', '😢', '👍', '❤️', '😂', '😮']);
  });

  it('ignores a broken stored entry', () => {
    const storage = memory();
    storage.setItem('openchat.reactionUsage', '{not json');
    expect(frequentEmojis(storage)).toEqual([...DEFAULT_FREQUENT]);
  });
});
