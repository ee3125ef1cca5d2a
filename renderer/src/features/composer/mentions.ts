import { MAX_AT_USERS, type GroupAt, type UserId } from '../../../../shared/domain';

/**
 * M8 in the composer: what the person typed after "@", the tokens they picked, and the `groupAt` a send
 * carries. The text stays plain text (what the server stores as the body); the tokens live beside it and are
 * kept only while their "@Name" is still in the text, so deleting a mention un-mentions the person.
 */

/** One picked mention: `userId` null is "@All". `label` is the name as inserted (without the "@"). */
export interface MentionToken {
  userId: UserId | null;
  label: string;
}

/** The "@query" being typed at the caret: `start` is the index of the "@". */
export interface MentionQuery {
  start: number;
  query: string;
}

/** Long enough for any name card (≤ 50 bytes); past it the "@" is surely not a mention in progress. */
const MAX_QUERY_CHARS = 50;
/** An "@" right after an ASCII letter or digit is an e-mail address ("bob@example.com"), not a mention. */
const EMAIL_LEFT = /[A-Za-z0-9._%+-]/;
/** A mention ends where a letter or digit would run into it ("@Bobby" is not "@Bob"). */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The mention being typed at `caret`, or null. Chinese text needs no space before "@" ("你好@小明"). */
export function activeMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start < 0) return null;
  const query = before.slice(start + 1);
  if (query.length > MAX_QUERY_CHARS || /\s/.test(query)) return null;
  if (start > 0 && EMAIL_LEFT.test(before.charAt(start - 1))) return null;
  return { start, query };
}

/** Replaces the "@query" with "@label " and returns the new text and where the caret goes (after the space). */
export function insertMention(text: string, at: MentionQuery, label: string): { text: string; caret: number } {
  const token = `@${label} `;
  const end = at.start + 1 + at.query.length;
  // A space typed already after the query is reused, so choosing never leaves two.
  const rest = text.slice(end).startsWith(' ') ? text.slice(end + 1) : text.slice(end);
  return { text: text.slice(0, at.start) + token + rest, caret: at.start + token.length };
}

/** How often "@label" stands in the text as a whole mention (not the start of a longer word). */
function occurrences(text: string, label: string): number {
  const needle = `@${label}`;
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    const next = text.charAt(i + needle.length);
    if (next === '' || !WORD_CHAR.test(next) || !WORD_CHAR.test(label.charAt(label.length - 1))) count++;
  }
  return count;
}

/** The tokens whose text is still there (as many of one label as the text holds, newest first). */
export function liveTokens(text: string, tokens: readonly MentionToken[]): MentionToken[] {
  const left = new Map<string, number>();
  const kept: MentionToken[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i];
    if (!token) continue;
    const remaining = left.get(token.label) ?? occurrences(text, token.label);
    if (remaining > 0) kept.unshift(token);
    left.set(token.label, Math.max(0, remaining - 1));
  }
  return kept;
}

/** What a send carries: undefined when the text mentions nobody any more. */
export function groupAtOf(text: string, tokens: readonly MentionToken[]): GroupAt | undefined {
  const live = liveTokens(text, tokens);
  if (live.length === 0) return undefined;
  const all = live.some((token) => token.userId === null);
  const userIds = [...new Set(live.flatMap((token) => (token.userId === null ? [] : [token.userId])))].slice(0, MAX_AT_USERS);
  return { all, userIds };
}

/**
 * Tokens for a draft kept across a restart (M12 keeps only its text): each "@Name" that is a member's name as
 * the picker would insert it, and "@All" when it may be sent. Text typed without the picker that happens to
 * match is taken too — the same text the picker would have produced.
 */
export function tokensOfDraft(text: string, candidates: readonly Pick<MentionCandidate, 'userId' | 'name'>[], allLabel: string | null): MentionToken[] {
  if (!text.includes('@')) return [];
  const tokens: MentionToken[] = [];
  if (allLabel && occurrences(text, allLabel) > 0) tokens.push({ userId: null, label: allLabel });
  for (const candidate of candidates) {
    if (candidate.name && occurrences(text, candidate.name) > 0) tokens.push({ userId: candidate.userId, label: candidate.name });
  }
  return tokens;
}

/** A member as the picker lists them. */
export interface MentionCandidate {
  userId: UserId;
  /** How this viewer calls them (name card, remark, nickname or UserID): what "@" inserts. */
  name: string;
  nameCard: string;
  nickname: string;
}

/** The picker shows at most this many members at once; typing narrows further. */
export const MAX_CANDIDATES = 50;

/**
 * Members matching what was typed after "@" by name card, nickname or UserID (case-insensitive), those starting
 * with it first, each group in the cache's order (owner, admins, then by join time). Never me.
 */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string, me: UserId | null): MentionCandidate[] {
  const q = query.toLocaleLowerCase();
  const starts: MentionCandidate[] = [];
  const contains: MentionCandidate[] = [];
  for (const candidate of candidates) {
    if (candidate.userId === me) continue;
    const fields = [candidate.name, candidate.nameCard, candidate.nickname, candidate.userId].map((f) => f.toLocaleLowerCase());
    if (fields.some((f) => f.startsWith(q))) starts.push(candidate);
    else if (fields.some((f) => f.includes(q))) contains.push(candidate);
    if (starts.length >= MAX_CANDIDATES) break;
  }
  return [...starts, ...contains].slice(0, MAX_CANDIDATES);
}

/** "@All" is offered while what was typed could still become its label ("", "a", "al"…, "所"). */
export function offersAll(query: string, allLabel: string): boolean {
  return allLabel.toLocaleLowerCase().startsWith(query.toLocaleLowerCase()) || 'all'.startsWith(query.toLocaleLowerCase());
}

/** What a key does while the picker is open with `count` options; null leaves the key to the composer. */
export type PickerKeyAction = { kind: 'move'; index: number } | { kind: 'choose' } | { kind: 'close' } | null;

export function pickerKey(key: string, index: number, count: number, isComposing: boolean): PickerKeyAction {
  // An input method's own Enter/arrows (choosing a pinyin candidate) are not ours.
  if (isComposing) return null;
  if (key === 'Escape') return { kind: 'close' };
  if (count === 0) return null;
  if (key === 'ArrowDown') return { kind: 'move', index: (index + 1) % count };
  if (key === 'ArrowUp') return { kind: 'move', index: (index - 1 + count) % count };
  if (key === 'Enter' || key === 'Tab') return { kind: 'choose' };
  return null;
}
