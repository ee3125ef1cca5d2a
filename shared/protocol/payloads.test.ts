import { describe, expect, it } from 'vitest';
import { requestSchemas } from './payloads';

describe('socket request schemas', () => {
  it('M3 refuse a send that names its own sender (impersonation attempt)', () => {
    const input = { clientMsgId: 'abcdefgh1234', to: 'bob', from: 'carol', body: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }] };
    expect(requestSchemas['message:send'].input.safeParse(input).success).toBe(false);
    const { from: _from, ...honest } = input;
    expect(requestSchemas['message:send'].input.safeParse(honest).success).toBe(true);
  });

  it('bound paging limits', () => {
    const schema = requestSchemas['sync:messagesAfter'].input;
    expect(schema.safeParse({ conversationId: 'c2c_bob', afterSeq: 0, limit: 501 }).success).toBe(false);
    expect(schema.safeParse({ conversationId: 'c2c_bob', afterSeq: -1, limit: 10 }).success).toBe(false);
    expect(schema.safeParse({ conversationId: 'c2c_bob', afterSeq: 0, limit: 10 }).success).toBe(true);
  });

  describe('message:send union (ADR 0004 §5)', () => {
    const schema = requestSchemas['message:send'].input;
    const body = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi' } }];
    const group = { clientMsgId: 'abcdefgh1234', groupConversationId: 'group_team a#1', body };

    it('M3 one-to-one sends are unchanged', () => {
      const parsed = schema.parse({ clientMsgId: 'abcdefgh1234', to: 'bob', body, replyTo: 'bob:abcdefgh0000' });
      expect('to' in parsed && parsed.to).toBe('bob');
    });

    it('M8 M6 M15 accept a group or topic send with @mentions, a receipt request and a priority', () => {
      expect(schema.safeParse(group).success).toBe(true);
      const full = { ...group, groupAt: { all: false, userIds: ['bob'] }, needReceipt: true, priority: 'High' };
      expect(schema.safeParse(full).success).toBe(true);
      expect(schema.safeParse({ ...group, groupConversationId: 'group_@TGS#_fans@TOPIC#_news' }).success).toBe(true);
    });

    it('M3 refuse a group send that also names a `to`, a `from` or any unknown key', () => {
      for (const extra of [{ to: 'bob' }, { from: 'carol' }, { conversationId: 'group_team' }, { isTip: true }]) {
        expect(schema.safeParse({ ...group, ...extra }).success).toBe(false);
      }
      expect(schema.safeParse({ clientMsgId: 'abcdefgh1234', to: 'bob', body, groupAt: { all: true, userIds: [] } }).success).toBe(false);
    });

    it('refuse a c2c ID, a look-alike topic or an over-long group as the group target, and a bad priority', () => {
      for (const groupConversationId of ['c2c_bob', 'group_@TGS#_fans@TOPIC#_', `group_${'x'.repeat(49)}`, 'team']) {
        expect(schema.safeParse({ ...group, groupConversationId }).success).toBe(false);
      }
      expect(schema.safeParse({ ...group, priority: 'Urgent' }).success).toBe(false);
      expect(schema.safeParse({ ...group, groupAt: { all: 'yes', userIds: [] } }).success).toBe(false);
    });

    it('G5 a client may not send a group tip element', () => {
      const tip = [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: 'joined', Operator: 'ann', Targets: [], Changes: {} } }];
      expect(schema.safeParse({ ...group, body: tip }).success).toBe(false);
    });
  });

  it('M9 typing:set takes one-to-one conversation IDs only', () => {
    const schema = requestSchemas['typing:set'].input;
    expect(schema.safeParse({ conversationId: 'c2c_bob' }).success).toBe(true);
    expect(schema.safeParse({ conversationId: 'group_team' }).success).toBe(false);
  });

  it('conversation requests accept group and topic IDs (the server dispatches on parseConversationId)', () => {
    const schema = requestSchemas['conversation:markRead'].input;
    expect(schema.safeParse({ conversationId: 'group_team a', readSeq: 1 }).success).toBe(true);
    expect(schema.safeParse({ conversationId: 'group_@TGS#_fans@TOPIC#_news', readSeq: 1 }).success).toBe(true);
    expect(schema.safeParse({ conversationId: 'group_a@TOPIC#_b', readSeq: 1 }).success).toBe(false);
  });
});
