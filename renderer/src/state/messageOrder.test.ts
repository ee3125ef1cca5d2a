import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../shared/domain';
import { chatMessage } from '../testing/fixtures';
import { mergeMessages, prependedCount } from './messageOrder';

function message(id: string, seq: number | null, time = 1000, extra: Partial<ChatMessage> = {}): ChatMessage {
  return chatMessage(id, seq, { time, ...extra });
}

const ids = (list: ChatMessage[]) => list.map((m) => m.id);

describe('mergeMessages', () => {
  it('orders by server sequence, not by arrival or clock', () => {
    const merged = mergeMessages([message('m00000003', 3, 10)], [message('m00000001', 1, 50), message('m00000002', 2, 5)]);
    expect(ids(merged)).toEqual(['m00000001', 'm00000002', 'm00000003']);
  });

  it('keeps unacknowledged messages after acknowledged ones, in writing order', () => {
    const merged = mergeMessages([message('p0000002', null, 20), message('s0000009', 9, 30)], [message('p0000001', null, 10)]);
    expect(ids(merged)).toEqual(['s0000009', 'p0000001', 'p0000002']);
  });

  it('places an online-only message (seq 0) by its time among stored ones, not before them all', () => {
    const merged = mergeMessages([message('s0000001', 1, 10), message('s0000002', 2, 30)], [message('o0000000', 0, 20)]);
    expect(ids(merged)).toEqual(['s0000001', 'o0000000', 's0000002']);
  });

  it('replaces a pending copy with its acknowledged one without duplicating it', () => {
    const merged = mergeMessages([message('s0000001', 1), message('p0000001', null, 5)], [message('p0000001', 2, 5, { status: 'sent' })]);
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({ id: 'p0000001', seq: 2, status: 'sent' });
  });
});

describe('mergeMessages with copies landing out of order', () => {
  it('a stale copy never moves a message back: sent stays sent, read stays read', () => {
    const read = message('p0000001', 4, 5, { status: 'sent', readByPeer: true });
    // A page requested before the ack and the receipt answers after them.
    const [merged] = mergeMessages([read], [message('p0000001', null, 5, { status: 'pending' })]);
    expect(merged).toMatchObject({ seq: 4, status: 'sent', readByPeer: true });
    const [unread] = mergeMessages([read], [message('p0000001', 4, 5, { status: 'sent', readByPeer: false })]);
    expect(unread).toMatchObject({ status: 'sent', readByPeer: true });
  });

  it('moves forward: pending to sent or failed, failed to sent', () => {
    const pending = message('p0000001', null, 5);
    const failed = { code: 'user_not_found', message: 'No user.' } as const;
    expect(mergeMessages([pending], [message('p0000001', null, 5, { status: 'failed', error: failed })])[0]).toMatchObject({ status: 'failed', error: failed });
    expect(mergeMessages([pending], [message('p0000001', 3, 5)])[0]).toMatchObject({ status: 'sent', seq: 3 });
    const stillFailed = mergeMessages([message('p0000001', null, 5, { status: 'failed', error: failed })], [pending]);
    expect(stillFailed[0]).toMatchObject({ status: 'failed', error: failed });
  });

  it('a retry the person asked for makes a failed message pending again', () => {
    const failed = message('p0000001', null, 5, { status: 'failed', error: { code: 'internal', message: 'x' } });
    const [retried] = mergeMessages([failed], [message('p0000001', null, 5)], 'retried');
    expect(retried).toMatchObject({ status: 'pending', error: null });
    // Should the retry's ack overtake its answer, the answer does not undo it.
    const [acked] = mergeMessages([message('p0000001', 6, 5)], [message('p0000001', null, 5)], 'retried');
    expect(acked).toMatchObject({ status: 'sent', seq: 6 });
  });
});

describe('prependedCount', () => {
  it('counts the messages placed before the previous first one', () => {
    const before = [message('m00000005', 5), message('m00000006', 6)];
    const after = mergeMessages(before, [message('m00000003', 3), message('m00000004', 4)]);
    expect(prependedCount(before, after)).toBe(2);
    expect(prependedCount(before, mergeMessages(before, [message('m00000007', 7)]))).toBe(0);
    expect(prependedCount([], after)).toBe(0);
  });
});
