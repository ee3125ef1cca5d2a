import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, snippetParts } from './snippet';

describe('search snippets', () => {
  it('M11 turns U+E000…U+E001 into marked runs, Chinese included', () => {
    expect(snippetParts('请把\uE000发票\uE001发给我')).toEqual([
      { text: '请把', marked: false },
      { text: '发票', marked: true },
      { text: '发给我', marked: false },
    ]);
  });

  it('keeps markup as text and survives unbalanced marks', () => {
    expect(snippetParts('<b>\uE000x')).toEqual([
      { text: '<b>', marked: false },
      { text: 'x', marked: true },
    ]);
    expect(snippetParts('a\uE001b')).toEqual([{ text: 'ab', marked: false }]);
  });

  it('date fields cover whole local days', () => {
    const start = dayStart('2026-03-04');
    const end = dayEnd('2026-03-04');
    expect(start).toBe(new Date(2026, 2, 4).getTime());
    expect(end).toBe(new Date(2026, 2, 5).getTime() - 1);
    expect(dayStart('')).toBeUndefined();
  });
});
