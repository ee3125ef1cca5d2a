import { describe, expect, it } from 'vitest';
import { C2C_MESSAGE_DEFAULTS, textBody, type ServerMessage } from '../../../shared/domain';
import { LiveRooms } from './liveRooms';

function live(n: number, conversationId = 'group_room', seq = 0): ServerMessage {
  return {
    ...C2C_MESSAGE_DEFAULTS,
    msgKey: `k${n}`,
    clientMsgId: `live-msg-${String(n).padStart(4, '0')}`,
    conversationId: conversationId as ServerMessage['conversationId'],
    from: 'bob',
    to: null,
    seq,
    time: 1_000 + n,
    body: textBody(`live ${n}`),
    cloudCustomData: '',
    replyTo: null,
    recalled: false,
    editedAt: null,
    reactions: [],
    deletedForMe: false,
    modSeq: 0,
  };
}

describe('live rooms (seq-0 group messages, ADR 0004 §6)', () => {
  it('keeps seq-0 messages once each, per conversation, oldest first, and drops the oldest beyond its capacity', () => {
    const rooms = new LiveRooms(3);
    expect(rooms.add(live(1))).toBe(true);
    expect(rooms.add(live(1))).toBe(false);
    expect(rooms.add(live(2, 'group_other'))).toBe(true);
    for (const n of [3, 4, 5]) rooms.add(live(n));
    expect(rooms.list('group_room').map((m) => m.msgKey)).toEqual(['k3', 'k4', 'k5']);
    expect(rooms.list('group_other').map((m) => m.msgKey)).toEqual(['k2']);
    expect(rooms.find('group_room', 'bob:live-msg-0004')?.msgKey).toBe('k4');
    expect(rooms.find('group_room', 'bob:live-msg-0001')).toBeUndefined();
  });

  it('never keeps a stored message (seq > 0) and forgets a cleared conversation', () => {
    const rooms = new LiveRooms();
    expect(rooms.add(live(1, 'group_room', 7))).toBe(false);
    rooms.add(live(2));
    rooms.clear('group_room');
    expect(rooms.list('group_room')).toEqual([]);
  });
});
