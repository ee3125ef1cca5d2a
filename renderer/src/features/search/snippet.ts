/** The core marks a match inside a snippet with these private-use characters (shared/ipc SearchHit). */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a snippet into plain and marked runs, to render the marks as
 * <mark> without ever treating the text as HTML. Unbalanced marks end at the
 * end of the snippet; stray end marks are dropped.
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let run = '';
  const flush = () => {
    if (run) parts.push({ text: run, marked });
    run = '';
  };
  for (const char of snippet) {
    if (char === MARK_START && !marked) {
      flush();
      marked = true;
    } else if (char === MARK_END) {
      if (marked) {
        flush();
        marked = false;
      }
    } else if (char !== MARK_START) {
      run += char;
    }
  }
  flush();
  return parts;
}

/** Local midnight of a yyyy-mm-dd date field, or undefined when empty. */
export function dayStart(value: string): number | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d).getTime();
}

/** The last millisecond of a yyyy-mm-dd date field, or undefined when empty. */
export function dayEnd(value: string): number | undefined {
  const start = dayStart(value);
  return start === undefined ? undefined : new Date(start).setDate(new Date(start).getDate() + 1) - 1;
}
