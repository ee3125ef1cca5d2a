import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

const fast = { log2N: 10, r: 8, p: 1 };

describe('A1 password hashing', () => {
  it('A1 stores scrypt with its parameters and a random salt, and verifies', async () => {
    const first = await hashPassword('correct horse', fast);
    const second = await hashPassword('correct horse', fast);
    expect(first).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horsf', first)).toBe(false);
  });

  it('uses N = 2^15 by default', async () => {
    expect(await hashPassword('p4ssword!')).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it.each(['', 'bcrypt$x', 'scrypt$99$8$1$c2FsdA==$a2V5', 'scrypt$10$8$1$$a2V5', 'scrypt$x$8$1$c2FsdA==$a2V5'])(
    'treats the malformed hash %j as a mismatch',
    async (encoded) => {
      expect(await verifyPassword('anything', encoded)).toBe(false);
    },
  );
});
