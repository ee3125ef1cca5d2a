import { describe, expect, it } from 'vitest';
import { chatMessage } from '../../testing/fixtures';
import { movedAwayTarget } from './movedTips';

const general = '@TGS#_m@TOPIC#_general';
const trip = '@TGS#_m@TOPIC#_trip';
const tip = (conversationId: string, kind = 'messagesMoved') =>
  chatMessage('alice:tip-00000001', 9, {
    conversationId,
    isTip: true,
    body: [{ MsgType: 'TIMGroupTipElem', MsgContent: { Kind: kind, Operator: 'alice', Targets: [], Changes: { FromTopicId: general, ToTopicId: trip, Count: '3', FirstMessageId: 'bob:mv-00000001' } } }],
  });

describe('ADR 0005 the "messages moved" tip', () => {
  it('links to the moved messages from the topic they left', () => {
    expect(movedAwayTarget(tip(`group_${general}`))).toEqual({ conversationId: `group_${trip}`, messageId: 'bob:mv-00000001' });
  });
  it('links nowhere in the topic they went to, nor for other tips or messages', () => {
    expect(movedAwayTarget(tip(`group_${trip}`))).toBeNull();
    expect(movedAwayTarget(tip(`group_${general}`, 'topicResolved'))).toBeNull();
    expect(movedAwayTarget(chatMessage('alice:m-00000001', 1, { conversationId: `group_${general}` }))).toBeNull();
  });
});
