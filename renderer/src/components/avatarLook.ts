/** Eight hues that read well with white initials on both light and dark backgrounds. */
export const AVATAR_COLORS = ['#e5484d', '#f76b15', '#d6a400', '#30a46c', '#12a594', '#0090ff', '#6e56cf', '#d6409f'] as const;

/** The same person gets the same colour on every device: a hash of the UserID, not of the nickname. */
export function avatarColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u;

/** Up to two letters for Latin names ("Ada Lovelace" → "AL"), one character for CJK names. */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const first = [...trimmed][0] ?? '?';
  if (CJK.test(first)) return first;
  // Words that start with a letter: "Pen pal 150" is "PP", not "P1".
  const words = trimmed.split(/[\s._-]+/u).filter((word) => /^\p{L}/u.test(word));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map((w) => [...(w ?? '')][0] ?? '') : [first];
  return letters.join('').toUpperCase();
}
