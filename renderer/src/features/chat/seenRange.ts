import type { ListItem } from 'react-virtuoso';
import type { ChatMessage } from '../../../../shared/domain';

/**
 * The newest server sequence among the rows a person has on screen, or null
 * when none has one yet: what "read up to here" means for them.
 */
export function highestSeqOnScreen(rows: readonly ListItem<ChatMessage>[]): number | null {
  let highest: number | null = null;
  for (const row of rows) {
    const seq = row.type === 'group' ? null : (row.data?.seq ?? null);
    if (seq !== null && (highest === null || seq > highest)) highest = seq;
  }
  return highest;
}

/** Messages count as seen only in a window the person is looking at. */
export function windowIsWatched(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}
