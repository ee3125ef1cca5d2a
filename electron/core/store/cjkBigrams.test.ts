import { describe, expect, it } from 'vitest';
import { cjkBigrams, isCjkPair } from './cjkBigrams';

describe('cjkBigrams', () => {
  it('pairs neighbouring CJK characters and nothing else', () => {
    expect(cjkBigrams('请把发票')).toBe('请把 把发 发票');
    expect(cjkBigrams('ok 发票 ok 会')).toBe('发票');
    expect(cjkBigrams('hello world')).toBe('');
    expect(cjkBigrams('회의 자료')).toBe('회의 자료');
    expect(cjkBigrams('カタカナ')).toBe('カタ タカ カナ');
  });

  it('recognises two-character CJK terms only', () => {
    expect(isCjkPair('发票')).toBe(true);
    expect(isCjkPair('ok')).toBe(false);
    expect(isCjkPair('发')).toBe(false);
    expect(isCjkPair('上个月')).toBe(false);
  });
});
