/**
 * Alphabetical index of the contacts screen (A–Z, then "#"), with Chinese
 * names filed under the initial of their pinyin, as WeChat does (张三 → Z).
 *
 * No pinyin dictionary is bundled: the platform's ICU already knows pinyin
 * order (`Intl.Collator('zh-CN')` sorts 阿 < 八 < 嚓 …), so one boundary
 * character per initial is enough to find the letter of any hanzi in the
 * collation's pinyin ranges. The first character of each initial's range is
 * the classic table below (I, U and V begin no Mandarin syllable). This keeps
 * ~300 KB of pinyin data out of the renderer bundle; a polyphonic surname
 * (单 Shàn) gets the collation's reading, which is also what the sort uses.
 */
const PINYIN_BOUNDARIES: readonly (readonly [string, string])[] = [
  ['A', '阿'],
  ['B', '八'],
  ['C', '嚓'],
  ['D', '哒'],
  ['E', '妸'],
  ['F', '发'],
  ['G', '旮'],
  ['H', '哈'],
  ['J', '讥'],
  ['K', '咔'],
  ['L', '垃'],
  ['M', '妈'],
  ['N', '拏'],
  ['O', '噢'],
  ['P', '妑'],
  ['Q', '七'],
  ['R', '呥'],
  ['S', '仨'],
  ['T', '它'],
  ['W', '穵'],
  ['X', '夕'],
  ['Y', '丫'],
  ['Z', '帀'],
];

const HAN = /\p{Script=Han}/u;
export const OTHER_INITIAL = '#';

let collator: Intl.Collator | null = null;
/** One collator for the whole screen: zh-CN orders Latin letters A–Z and hanzi by pinyin, interleaved. */
export function contactCollator(): Intl.Collator {
  collator ??= new Intl.Collator('zh-CN', { sensitivity: 'base', numeric: true });
  return collator;
}

/** "Alice" → A, "élodie" → E, "张三" → Z, "123" / "😀" → #. */
export function initialOf(name: string): string {
  const first = [...name.trim()][0];
  if (!first) return OTHER_INITIAL;
  const latin = first.normalize('NFD')[0]?.toUpperCase() ?? '';
  if (latin >= 'A' && latin <= 'Z') return latin;
  if (!HAN.test(first)) return OTHER_INITIAL;
  const compare = contactCollator().compare;
  let letter = OTHER_INITIAL;
  for (const [initial, boundary] of PINYIN_BOUNDARIES) {
    if (compare(first, boundary) < 0) break;
    letter = initial;
  }
  return letter;
}

export interface AlphaSection<T> {
  initial: string;
  items: T[];
}

/** Sections A–Z then "#", each sorted by name (pinyin order for Chinese), the UserID breaking ties. */
export function groupAlphabetically<T>(items: readonly T[], nameOf: (item: T) => string, idOf: (item: T) => string): AlphaSection<T>[] {
  const compare = contactCollator().compare;
  const keyed = items.map((item) => ({ item, name: nameOf(item), initial: initialOf(nameOf(item)) }));
  keyed.sort((a, b) => {
    if (a.initial !== b.initial) {
      if (a.initial === OTHER_INITIAL) return 1;
      if (b.initial === OTHER_INITIAL) return -1;
      return a.initial < b.initial ? -1 : 1;
    }
    return compare(a.name, b.name) || (idOf(a.item) < idOf(b.item) ? -1 : idOf(a.item) > idOf(b.item) ? 1 : 0);
  });
  const sections: AlphaSection<T>[] = [];
  for (const { item, initial } of keyed) {
    const last = sections[sections.length - 1];
    if (last && last.initial === initial) last.items.push(item);
    else sections.push({ initial, items: [item] });
  }
  return sections;
}
