/**
 * Han, kana and Hangul: scripts written without spaces between words, where the
 * words people search for are often two characters long ("发票", "会議").
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function isCjk(char: string): boolean {
  return CJK.test(char);
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu;

/**
 * Every overlapping pair of CJK characters in `text`, space-separated: the
 * trigram index cannot answer two-character terms, so a second FTS5 index over
 * these pairs does. Runs of one character give no pair (one-character searches
 * scan instead). Returns '' when there is nothing to index. Runs inside every
 * message insert (an SQL function in a trigger), hence one regex over runs
 * rather than a test per character.
 */
export function cjkBigrams(text: string): string {
  const runs = text.match(CJK_RUN);
  if (runs === null) return '';
  const pairs: string[] = [];
  for (const run of runs) {
    const chars = [...run];
    for (let i = 1; i < chars.length; i += 1) pairs.push(`${chars[i - 1]}${chars[i]}`);
  }
  return pairs.join(' ');
}

/** A two-character term made only of CJK characters: the bigram index answers it. */
export function isCjkPair(term: string): boolean {
  const chars = [...term];
  return chars.length === 2 && chars.every(isCjk);
}
