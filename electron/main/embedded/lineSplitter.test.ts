import { describe, expect, it } from 'vitest';
import { createLineSplitter } from './lineSplitter';

describe('createLineSplitter', () => {
  it('joins lines split across chunks and drops blank ones', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line));
    splitter.push('OpenChat server listen');
    splitter.push('ing on http://127.0.0.1:4000\r\n\nsecond');
    expect(lines).toEqual(['OpenChat server listening on http://127.0.0.1:4000']);
    splitter.push(Buffer.from(' line\nthird'));
    splitter.flush();
    expect(lines).toEqual(['OpenChat server listening on http://127.0.0.1:4000', 'second line', 'third']);
  });
});
