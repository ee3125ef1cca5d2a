import { safeHref } from './mediaLinks';

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) and mailto links, and bare www. hosts; the match is vetted by safeHref before it becomes a link.
const LINK = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"'`]+/giu;
const TRAILING = /[.,;:!?'"）)\]}。，；：！？]/u;

const count = (text: string, char: string) => text.split(char).length - 1;

/** Drops sentence punctuation after a URL, one character at a time; a ')' that closes a '(' in the URL stays (Wikipedia links). */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING.test(url.slice(end - 1, end))) {
    const head = url.slice(0, end);
    if (url[end - 1] === ')' && count(head, '(') >= count(head, ')')) break;
    end--;
  }
  return url.slice(0, end);
}

/** Splits text into plain runs and safe links; punctuation that ends a sentence stays outside the link. */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const candidate = trimTrailing(match[0]);
    const href = safeHref(candidate.toLowerCase().startsWith('www.') ? `https://${candidate}` : candidate);
    if (!href || candidate.length === 0) continue;
    const start = match.index;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\s)+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/gu;

/** One to three emoji and nothing else: shown large, as people expect from their phones. */
export function isJumboEmoji(text: string): boolean {
  if (!EMOJI_ONLY.test(text)) return false;
  const count = text.match(PICTOGRAPH)?.length ?? 0;
  return count >= 1 && count <= 3;
}
