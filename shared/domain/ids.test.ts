import { describe, expect, it } from 'vitest';
import { ClientMsgId, ConversationId, UserId, c2cConversationId, messageId, parseMessageId, peerOfConversation, utf8Length } from './ids';

describe('UserId', () => {
  it('A1 accepts 1–32 letters, digits, "_" and "-"', () => {
    for (const id of ['a', 'alice_01', 'Bob-2', 'x'.repeat(32)]) expect(UserId.safeParse(id).success).toBe(true);
  });

  it('A1 refuses empty, too long, spaces and non-ASCII IDs', () => {
    for (const id of ['', 'x'.repeat(33), 'has space', '张三', 'a/b', 'a.b']) expect(UserId.safeParse(id).success).toBe(false);
  });
});

describe('conversation IDs', () => {
  it('follow the SDK form c2c_<peer> and round-trip', () => {
    const id = c2cConversationId('bob');
    expect(id).toBe('c2c_bob');
    expect(ConversationId.parse(id)).toBe(id);
    expect(peerOfConversation(id)).toBe('bob');
  });

  it('refuse other shapes', () => {
    for (const id of ['bob', 'c2c_', 'group_x', 'c2c_a b']) expect(ConversationId.safeParse(id).success).toBe(false);
  });
});

describe('ClientMsgId', () => {
  it('accepts URL-safe IDs of 8–64 characters only', () => {
    expect(ClientMsgId.safeParse('abcDEF12_-').success).toBe(true);
    expect(ClientMsgId.safeParse('short').success).toBe(false);
    expect(ClientMsgId.safeParse('has space here').success).toBe(false);
  });
});

describe('MessageId', () => {
  it('names a message by sender and client message ID, and reads them back', () => {
    expect(messageId('bob', 'same-id-0001')).toBe('bob:same-id-0001');
    expect(parseMessageId('bob:same-id-0001')).toEqual({ sender: 'bob', clientMsgId: 'same-id-0001' });
    for (const id of ['same-id-0001', 'bob:short', ':same-id-0001', 'b b:same-id-0001', 'bob:same:id-0001']) {
      expect(parseMessageId(id)).toBeNull();
    }
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes, as Tencent limits do', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('发票')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
  });
});
