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
});
