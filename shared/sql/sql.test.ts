import { describe, expect, it } from 'vitest';
import { sql, sqlJoin, sqlList } from './sql';

describe('sql tagged template', () => {
  it('binds every interpolated value as a parameter, never as text', () => {
    const hostile = "x'; DROP TABLE accounts; --";
    const query = sql`SELECT * FROM accounts WHERE user_id = ${hostile} AND created_at > ${5}`;
    expect(query.text).toBe('SELECT * FROM accounts WHERE user_id = ? AND created_at > ?');
    expect(query.params).toEqual([hostile, 5]);
  });

  it('splices fragments with their parameters in order', () => {
    const inner = sql`a = ${1}`;
    const query = sql`SELECT ${sql`x`} FROM t WHERE ${inner} AND b IN ${sqlList(['p', 'q'])} AND c = ${2}`;
    expect(query.text).toBe('SELECT x FROM t WHERE a = ? AND b IN (?, ?) AND c = ?');
    expect(query.params).toEqual([1, 'p', 'q', 2]);
  });

  it('joins fragments and turns an empty IN list into one that matches nothing', () => {
    expect(sqlJoin([sql`a = ${1}`, sql`b = ${2}`], ' AND ').text).toBe('a = ? AND b = ?');
    expect(sqlList([]).text).toBe('(NULL)');
  });
});

describe('sql text reuse', () => {
  it('returns the identical text object for repeated calls of one plain template', () => {
    const query = (id: string) => sql`SELECT 1 FROM accounts WHERE user_id = ${id}`;
    expect(query('a').text).toBe(query('b').text);
    expect(query('b').params).toEqual(['b']);
  });
});
