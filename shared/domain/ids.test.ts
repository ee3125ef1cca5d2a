import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import {
  C2cConversationId,
  ClientMsgId,
  ConversationId,
  GroupConversationId,
  UserId,
  c2cConversationId,
  groupConversationId,
  isC2cConversationId,
  messageId,
  parseConversationId,
  parseMessageId,
  peerOfConversation,
  requireC2cPeer,
  utf8Length,
} from './ids';

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
    for (const id of ['bob', 'c2c_', 'c2c_a b', 'C2C_bob', 'group_', 'grp_x', `c2c_${'x'.repeat(33)}`]) {
      expect(ConversationId.safeParse(id).success).toBe(false);
      expect(parseConversationId(id)).toBeNull();
    }
  });

  it('c2c IDs parse exactly as before groups', () => {
    expect(parseConversationId('c2c_bob')).toEqual({ kind: 'c2c', peer: 'bob' });
    expect(parseConversationId(`c2c_${'x'.repeat(32)}`)).toEqual({ kind: 'c2c', peer: 'x'.repeat(32) });
    expect(isC2cConversationId('c2c_bob')).toBe(true);
    expect(isC2cConversationId('group_bob')).toBe(false);
    expect(C2cConversationId.safeParse('c2c_bob').success).toBe(true);
    expect(C2cConversationId.safeParse('group_bob').success).toBe(false);
    expect(requireC2cPeer('c2c_bob')).toBe('bob');
  });
});

describe('group and topic conversation IDs (ADR 0004 §1, G2, G7)', () => {
  const group48 = `g${'x'.repeat(47)}`;
  const community = '@TGS#_fans';
  const topicAt = (length: number) => `${community}@TOPIC#_${'t'.repeat(length - community.length - '@TOPIC#_'.length)}`;

  it('G2 accept printable ASCII group IDs with spaces, "#", "@", "%" and "_", kept byte for byte (never trimmed)', () => {
    for (const groupId of ['team a', 'a#b', 'ops@home', '100%_sure', ' lead', 'trail ', '@TGS#AAAA1234', community]) {
      const id = `group_${groupId}`;
      expect(ConversationId.parse(id)).toBe(id);
      expect(GroupConversationId.safeParse(id).success).toBe(true);
      expect(parseConversationId(id)).toEqual({ kind: 'group', groupId, topicId: null });
      expect(groupConversationId(groupId)).toBe(id);
    }
  });

  it('G2 a group ID is at most 48 bytes: 48 accepted, 49 refused', () => {
    expect(parseConversationId(`group_${group48}`)).toEqual({ kind: 'group', groupId: group48, topicId: null });
    expect(parseConversationId(`group_${group48}x`)).toBeNull();
    expect(ConversationId.safeParse(`group_${group48}x`).success).toBe(false);
  });

  it('G7 a topic ID is at most 96 bytes: 96 accepted, 97 refused', () => {
    expect(topicAt(96)).toHaveLength(96);
    expect(parseConversationId(`group_${topicAt(96)}`)).toEqual({ kind: 'group', groupId: community, topicId: topicAt(96) });
    expect(parseConversationId(`group_${topicAt(97)}`)).toBeNull();
  });

  it('G7 a topic conversation names its community; the topic part may hold spaces, "#" and "@"', () => {
    const topicId = `${community}@TOPIC#_news & views #1`;
    const id = groupConversationId(community, topicId);
    expect(id).toBe(`group_${topicId}`);
    expect(parseConversationId(id)).toEqual({ kind: 'group', groupId: community, topicId });
    // Assigned topic parts start with "@TOPIC#" themselves (server/src/features/groups).
    const assigned = `${community}@TOPIC#_@TOPIC#abc123`;
    expect(parseConversationId(`group_${assigned}`)).toEqual({ kind: 'group', groupId: community, topicId: assigned });
  });

  it('G7 topic look-alikes are neither topics nor groups', () => {
    for (const key of [
      `${community}@TOPIC#_`, // empty topic part
      `${community}@TOPIC#news`, // no "_" after the marker: contains @TOPIC#, so not a group ID either
      'team@TOPIC#_news', // not a community: no group ID contains @TOPIC#
      `${'@TGS#_'}${'c'.repeat(43)}@TOPIC#_x`, // community part 49 B
      '@TOPIC#_x',
    ]) {
      expect(parseConversationId(`group_${key}`)).toBeNull();
      expect(ConversationId.safeParse(`group_${key}`).success).toBe(false);
    }
    // Starts like a community but has no topic marker: an ordinary (community) group ID.
    expect(parseConversationId('group_@TGS#_fans TOPIC')).toEqual({ kind: 'group', groupId: '@TGS#_fans TOPIC', topicId: null });
  });

  it('refuse non-printable and non-ASCII keys', () => {
    for (const key of ['', 'tab\there', 'line\nbreak', 'café', '群', '\u007f']) expect(parseConversationId(`group_${key}`)).toBeNull();
  });

  it('groupConversationId refuses a topic of another community (a programming error)', () => {
    expect(() => groupConversationId('@TGS#_other', `${community}@TOPIC#_x`)).toThrow();
  });

  it('one-to-one-only code refuses group IDs with group_unsupported and junk with bad_request, typed', () => {
    const codeOf = (id: string) => {
      try {
        requireC2cPeer(id);
        return 'none';
      } catch (error) {
        return error instanceof AppError ? error.code : 'untyped';
      }
    };
    expect(codeOf('group_team')).toBe('group_unsupported');
    expect(codeOf(`group_${community}@TOPIC#_x`)).toBe('group_unsupported');
    expect(codeOf('nonsense')).toBe('bad_request');
    expect(codeOf('group_a@TOPIC#_b')).toBe('bad_request');
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
