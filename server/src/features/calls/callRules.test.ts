import { describe, expect, it } from 'vitest';
import { type CallInfo, type CallParticipant } from '../../../../shared/domain';
import { endCall, endReasonOf, makeRoom, shouldEnd } from './callRules';

function p(userId: string, state: CallParticipant['state']): CallParticipant {
  return { userId, state, deviceId: state === 'joined' ? `${userId}-pc` : null, audio: true, video: false, joinedAt: state === 'joined' ? 1 : null };
}

function callOf(kind: CallInfo['kind'], state: CallInfo['state'], participants: CallParticipant[]): CallInfo {
  return {
    callId: 'call_abcdefgh',
    kind,
    conversationId: kind === 'c2c' ? 'c2c_bob' : 'group_@TGS#1abc',
    groupId: kind === 'c2c' ? null : '@TGS#1abc',
    media: 'audio',
    caller: 'ann',
    state,
    endReason: null,
    createdAt: 1,
    connectedAt: state === 'active' ? 2 : null,
    endedAt: null,
    participants,
  };
}

describe('call rules', () => {
  it('C1 a ringing one-to-one call ends as its callee answered: declined, busy or missed', () => {
    expect(endReasonOf(callOf('c2c', 'ringing', [p('ann', 'joined'), p('bob', 'declined')]))).toBe('declined');
    expect(endReasonOf(callOf('c2c', 'ringing', [p('ann', 'joined'), p('bob', 'busy')]))).toBe('busy');
    expect(endReasonOf(callOf('c2c', 'ringing', [p('ann', 'joined'), p('bob', 'missed')]))).toBe('missed');
    expect(endReasonOf(callOf('c2c', 'active', [p('ann', 'joined'), p('bob', 'left')]))).toBe('completed');
  });

  it('C2 a group call nobody answered: declined only when every invitee declined', () => {
    expect(endReasonOf(callOf('group', 'ringing', [p('ann', 'joined'), p('bob', 'declined'), p('cat', 'declined')]))).toBe('declined');
    expect(endReasonOf(callOf('group', 'ringing', [p('ann', 'joined'), p('bob', 'declined'), p('cat', 'busy')]))).toBe('missed');
  });

  it('C1 C2 when a call is over: active with fewer than two in; ringing with nobody left to answer', () => {
    expect(shouldEnd(callOf('group', 'active', [p('ann', 'left'), p('bob', 'joined'), p('cat', 'joined')]))).toBe(false);
    expect(shouldEnd(callOf('group', 'active', [p('ann', 'left'), p('bob', 'joined'), p('cat', 'invited')]))).toBe(true);
    expect(shouldEnd(callOf('group', 'ringing', [p('ann', 'joined'), p('bob', 'declined'), p('cat', 'invited')]))).toBe(false);
    expect(shouldEnd(callOf('c2c', 'ringing', [p('ann', 'joined'), p('bob', 'missed')]))).toBe(true);
  });

  it('C1 ending: whoever rings missed it, whoever is in left', () => {
    const call = callOf('group', 'active', [p('ann', 'joined'), p('bob', 'invited'), p('cat', 'declined')]);
    endCall(call, 9);
    expect(call).toMatchObject({ state: 'ended', endReason: 'completed', endedAt: 9 });
    expect(call.participants.map((x) => x.state)).toEqual(['left', 'missed', 'declined']);
  });

  it('C2 room in the list is made by dropping those no longer taking part, oldest first, never the caller', () => {
    const call = callOf('group', 'active', [p('ann', 'left'), p('bob', 'declined'), p('cat', 'joined'), p('dan', 'missed'), p('eva', 'joined'), p('fay', 'invited')]);
    expect(makeRoom(call, ['gus'])).toBe(true);
    expect(call.participants.map((x) => x.userId)).toEqual(['ann', 'cat', 'dan', 'eva', 'fay']);
    // Re-inviting someone who missed it keeps their entry.
    expect(makeRoom(call, ['dan'])).toBe(true);
    expect(call.participants.map((x) => x.userId)).toEqual(['ann', 'cat', 'dan', 'eva', 'fay']);
  });

  it('C2 call_full: more than six in or ringing, or a list that cannot hold the caller, those present and the newcomers', () => {
    const six = callOf('group', 'active', ['ann', 'bob', 'cat', 'dan', 'eva', 'fay'].map((id) => p(id, 'joined')));
    expect(makeRoom(six, ['gus'])).toBe(false);
    const callerLeft = callOf('group', 'active', [p('ann', 'left'), ...['bob', 'cat', 'dan', 'eva', 'fay'].map((id) => p(id, 'joined'))]);
    expect(makeRoom(callerLeft, ['gus'])).toBe(false);
    expect(callerLeft.participants).toHaveLength(6);
  });
});
