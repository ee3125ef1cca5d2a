import { createContext } from 'react';

/** M8: the text being drawn belongs to a message that @-mentions someone, so its "@Name" tokens are styled. */
export const MentionsContext = createContext(false);

export type MentionSegment = { kind: 'text' | 'mention'; text: string };

/**
 * "@Name" tokens of a mentioning message's text. The composer inserts "@NameCard " (ending in a space), so a
 * token runs from "@" to the next white space; an "@" inside a word (an e-mail address) is not a mention.
 */
export function mentionSegments(text: string): MentionSegment[] {
  const segments: MentionSegment[] = [];
  const pattern = /(^|\s)(@[^\s@]+)/gu;
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (start > from) segments.push({ kind: 'text', text: text.slice(from, start) });
    const token = match[2] ?? '';
    segments.push({ kind: 'mention', text: token });
    from = start + token.length;
  }
  if (from < text.length) segments.push({ kind: 'text', text: text.slice(from) });
  return segments;
}
