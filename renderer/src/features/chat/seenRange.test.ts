import type { ListItem } from 'react-virtuoso';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../shared/domain';
import { chatMessage } from '../../testing/fixtures';
import { highestSeqOnScreen } from './seenRange';

const rows = (...messages: ChatMessage[]): ListItem<ChatMessage>[] =>
  messages.map((data, i) => ({ index: 1_000_000 + i, offset: i * 40, size: 40, data }));

describe('highestSeqOnScreen', () => {
  it('M6 reads up to the newest message on screen, whatever the order of the rows', () => {
    expect(highestSeqOnScreen(rows(chatMessage('m1', 1), chatMessage('m2', 2)))).toBe(2);
    expect(highestSeqOnScreen(rows(chatMessage('m9', 9), chatMessage('m3', 3)))).toBe(9);
  });

  it('ignores unsent messages: nothing on screen has a place to read up to', () => {
    expect(highestSeqOnScreen(rows(chatMessage('p1', null)))).toBeNull();
    expect(highestSeqOnScreen([])).toBeNull();
  });
});
