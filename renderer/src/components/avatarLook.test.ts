import { describe, expect, it } from 'vitest';
import { AVATAR_COLORS, avatarColor, initialsOf } from './avatarLook';

describe('avatar look', () => {
  it('derives initials from names in any script', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('alice')).toBe('A');
    expect(initialsOf('bob_smith')).toBe('BS');
    expect(initialsOf('Pen pal 150')).toBe('PP');
    expect(initialsOf('Room 101')).toBe('R');
    expect(initialsOf('42')).toBe('4');
    expect(initialsOf('张伟')).toBe('张');
    expect(initialsOf('  ')).toBe('?');
  });

  it('gives a person the same colour every time, and spreads people over the palette', () => {
    expect(avatarColor('alice')).toBe(avatarColor('alice'));
    const colours = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'].map(avatarColor));
    expect(colours.size).toBeGreaterThan(4);
    for (const colour of colours) expect(AVATAR_COLORS).toContain(colour);
  });
});
