import { describe, expect, it } from 'vitest';
import { conversation } from '../../testing/fixtures';
import { matchesConversation } from './matchConversation';

describe('quick switcher matching', () => {
  it('M12 matches any part of the nickname or UserID, ignoring case and full-width forms', () => {
    const bob = conversation('bob', { peer: { userId: 'bob_smith', nickname: '王小明 Bob' } });
    expect(matchesConversation(bob, '')).toBe(true);
    expect(matchesConversation(bob, 'BOB')).toBe(true);
    expect(matchesConversation(bob, 'smith')).toBe(true);
    expect(matchesConversation(bob, '小明')).toBe(true);
    expect(matchesConversation(bob, 'ＢＯＢ')).toBe(true);
    expect(matchesConversation(bob, 'carol')).toBe(false);
  });

  it('R4 matches my remark for a friend too', () => {
    const bob = conversation('bob', { peer: { userId: 'bob', nickname: 'Bob', remark: 'Climbing partner' } });
    expect(matchesConversation(bob, 'climbing')).toBe(true);
    expect(matchesConversation(conversation('bob', { peer: { userId: 'bob', nickname: 'Bob' } }), 'climbing')).toBe(false);
  });
});
