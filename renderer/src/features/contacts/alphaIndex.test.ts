import { describe, expect, it } from 'vitest';
import { groupAlphabetically, initialOf } from './alphaIndex';

describe('alphabetical index of contacts', () => {
  it('files Latin names by their first letter, accents folded, and the rest under #', () => {
    expect(initialOf('alice')).toBe('A');
    expect(initialOf('  Bob')).toBe('B');
    expect(initialOf('élodie')).toBe('E');
    expect(initialOf('Łukasz')).toBe('#');
    expect(initialOf('123 go')).toBe('#');
    expect(initialOf('😀 smile')).toBe('#');
    expect(initialOf('')).toBe('#');
  });

  it('files Chinese names under the initial of their pinyin (the common surnames)', () => {
    const expected: Record<string, string> = {
      张伟: 'Z', 王芳: 'W', 李娜: 'L', 刘洋: 'L', 陈静: 'C', 杨磊: 'Y', 黄敏: 'H', 赵丽: 'Z', 吴军: 'W', 周杰: 'Z',
      徐明: 'X', 孙悦: 'S', 马超: 'M', 朱婷: 'Z', 胡歌: 'H', 郭靖: 'G', 何炅: 'H', 高圆圆: 'G', 林青霞: 'L', 罗翔: 'L',
      欧阳锋: 'O', 阿明: 'A', 白居易: 'B', 丁磊: 'D', 鄂尔多: 'E', 方文山: 'F', 金庸: 'J', 孔子: 'K', 牛顿: 'N',
      潘玮柏: 'P', 钱学森: 'Q', 任正非: 'R', 唐僧: 'T', 谢霆锋: 'X', 叶问: 'Y',
    };
    for (const [name, initial] of Object.entries(expected)) expect(initialOf(name), name).toBe(initial);
  });

  it('sorts each section by name with Latin and pinyin interleaved, # last', () => {
    const people = ['Zoe', '张伟', 'alice', '阿明', 'Bob', '白居易', '42', 'Anna'].map((name, i) => ({ name, id: `u${i}` }));
    const sections = groupAlphabetically(people, (p) => p.name, (p) => p.id);
    expect(sections.map((s) => [s.initial, s.items.map((p) => p.name)])).toEqual([
      ['A', ['阿明', 'alice', 'Anna']],
      ['B', ['白居易', 'Bob']],
      ['Z', ['张伟', 'Zoe']],
      ['#', ['42']],
    ]);
  });
});
