import { describe, expect, it } from 'vitest';
import { sql, sqlJoin } from './sql';

describe('sql tagged template', () => {
  it('turns every value into a bound parameter', () => {
    const name = "Robert'); DROP TABLE users;--";
    const q = sql`SELECT * FROM users WHERE user_id = ${name} AND updated_at > ${5}`;
    expect(q.text).toBe('SELECT * FROM users WHERE user_id = ? AND updated_at > ?');
    expect(q.params).toEqual([name, 5]);
  });

  it('splices nested fragments with their parameters in order', () => {
    const where = sqlJoin([sql`a = ${1}`, sql`b = ${'x'}`], sql` AND `);
    const q = sql`SELECT ${'first'} WHERE ${where} LIMIT ${3}`;
    expect(q.text).toBe('SELECT ? WHERE a = ? AND b = ? LIMIT ?');
    expect(q.params).toEqual(['first', 1, 'x', 3]);
  });
});
