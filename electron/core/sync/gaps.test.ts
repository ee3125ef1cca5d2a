import { describe, expect, it } from 'vitest';
import { decideLiveMessage, findHistoryHole, planCatchUp } from './gaps';

describe('planCatchUp', () => {
  it('M4 does nothing when the local mark has reached the server', () => {
    expect(planCatchUp(10, 10)).toEqual({ kind: 'none' });
    expect(planCatchUp(10, 7)).toEqual({ kind: 'none' });
  });

  it('M4 fetches everything after the mark up to the server last seq', () => {
    expect(planCatchUp(0, 5)).toEqual({ kind: 'after', afterSeq: 0, upToSeq: 5 });
    expect(planCatchUp(40, 1040, 1000)).toEqual({ kind: 'after', afterSeq: 40, upToSeq: 1040 });
  });

  it('fetches only the newest page when far behind', () => {
    expect(planCatchUp(40, 1041, 1000)).toEqual({ kind: 'latest', beforeSeq: 1042 });
  });
});

describe('decideLiveMessage', () => {
  it('stores the next seq directly', () => {
    expect(decideLiveMessage(4, 5)).toEqual({ kind: 'next' });
    expect(decideLiveMessage(0, 1)).toEqual({ kind: 'next' });
  });

  it('treats seqs at or below the mark as known (duplicates or own confirmations)', () => {
    expect(decideLiveMessage(4, 4)).toEqual({ kind: 'known' });
    expect(decideLiveMessage(4, 1)).toEqual({ kind: 'known' });
  });

  it('M4 fills the missing range before a message that skips ahead', () => {
    expect(decideLiveMessage(4, 9)).toEqual({ kind: 'gap', plan: { kind: 'after', afterSeq: 4, upToSeq: 8 } });
    expect(decideLiveMessage(0, 5000, 1000)).toEqual({ kind: 'gap', plan: { kind: 'latest', beforeSeq: 5000 } });
  });
});

describe('findHistoryHole', () => {
  it('accepts a full contiguous page', () => {
    expect(findHistoryHole([10, 9, 8], 11, 1, 3)).toBeNull();
    expect(findHistoryHole([10, 9, 8], null, 1, 3)).toBeNull();
  });

  it('M4 asks for history below a short page until the floor', () => {
    expect(findHistoryHole([5, 4], 6, 1, 10)).toBe(4);
    expect(findHistoryHole([2, 1], 3, 1, 10)).toBeNull();
    expect(findHistoryHole([7], 8, 7, 10)).toBeNull();
  });

  it('M4 finds a hole inside the page', () => {
    expect(findHistoryHole([10, 9, 5, 4], 11, 1, 4)).toBe(9);
  });

  it('finds a hole right below the cursor', () => {
    expect(findHistoryHole([5, 4, 3], 9, 1, 3)).toBe(9);
    expect(findHistoryHole([], 9, 1, 3)).toBe(9);
  });

  it('does not ask when there is nothing acknowledged to continue from', () => {
    expect(findHistoryHole([], null, 1, 3)).toBeNull();
  });
});
