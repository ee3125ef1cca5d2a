import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../../shared/ipc';
import { FakeChatApi } from '../../testing/fakeChatApi';
import { createChatStore } from '../store';
import { joinableGroupCall, myCallHere, ringingForMe } from './callsSlice';

function storeWith(api: FakeChatApi) {
  const timers: (() => void)[] = [];
  const store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en', setTimer: (cb) => timers.push(cb), clearTimer: () => {} });
  // Signed in as Alice, without the loads a session change starts.
  store.setState({ session: { state: 'signedIn', userId: 'alice', nickname: 'Alice' } as never });
  return { store, timers };
}

function call(over: Partial<CallView> = {}): CallView {
  return {
    callId: 'call_abcdefgh',
    kind: 'c2c',
    conversationId: 'c2c_bob',
    groupId: null,
    media: 'video',
    caller: 'alice',
    state: 'ringing',
    endReason: null,
    createdAt: 1,
    connectedAt: null,
    endedAt: null,
    participants: [
      { userId: 'alice', state: 'joined', deviceId: 'dev-a', audio: true, video: true, joinedAt: 1 },
      { userId: 'bob', state: 'invited', deviceId: null, audio: true, video: true, joinedAt: null },
    ],
    myState: 'joined',
    here: true,
    ...over,
  };
}

const api = () => new FakeChatApi();

describe('calls slice', () => {
  it('C1 keeps the call from calls:changed; a late snapshot never takes an ended call back', () => {
    const { store } = storeWith(api());
    store.getState().callsChanged({ call: call({ state: 'ended', endReason: 'declined', endedAt: 5 }) });
    store.getState().callsChanged({ call: call() });
    expect(store.getState().calls.call_abcdefgh?.state).toBe('ended');
  });

  it('C1 tells the caller "Bob declined", "Bob is busy", "No answer" and "Call cancelled"', () => {
    for (const [reason, kind] of [
      ['declined', 'declined'],
      ['busy', 'busy'],
      ['missed', 'missed'],
      ['cancelled', 'cancelled'],
    ] as const) {
      const { store } = storeWith(api());
      store.getState().callsChanged({ call: call() });
      store.getState().callsChanged({ call: call({ state: 'ended', endReason: reason, endedAt: 5 }) });
      expect(store.getState().callNotices.map((n) => [n.kind, n.peer])).toEqual([[kind, 'bob']]);
    }
  });

  it('C4 a call that rang here and was answered on my other device says so; the callee hears nothing of a cancel', () => {
    const { store, timers } = storeWith(api());
    const ringing = call({ caller: 'bob', myState: 'invited', here: false });
    store.getState().callsChanged({ call: ringing });
    expect(ringingForMe(store.getState().calls)).toHaveLength(1);
    store.getState().callsChanged({ call: { ...ringing, state: 'active', myState: 'joined', here: false } });
    expect(store.getState().callNotices.map((n) => n.kind)).toEqual(['elsewhere']);
    expect(myCallHere(store.getState().calls)).toBeNull();
    timers.forEach((t) => t());
    expect(store.getState().callNotices).toEqual([]);

    const other = storeWith(api()).store;
    other.getState().callsChanged({ call: ringing });
    other.getState().callsChanged({ call: { ...ringing, state: 'ended', endReason: 'cancelled', myState: 'missed' } });
    expect(other.getState().callNotices).toEqual([]);
  });

  it('C2 a group call in progress that I am not in is joinable from its group', () => {
    const { store } = storeWith(api());
    store.getState().callsChanged({ call: call({ kind: 'group', groupId: 'g1', conversationId: 'group_g1', state: 'active', myState: null, here: false, caller: 'bob' }) });
    expect(joinableGroupCall(store.getState().calls, 'g1')?.callId).toBe('call_abcdefgh');
    expect(joinableGroupCall(store.getState().calls, 'g2')).toBeNull();
  });

  it('C1 signals that arrive before the engine listens are handed over when it does', () => {
    const { store } = storeWith(api());
    const push = { callId: 'call_abcdefgh', fromUserId: 'bob', fromDeviceId: 'd', signal: { type: 'answer' as const, sdp: 'v=0' } };
    store.getState().callSignalReceived(push);
    const seen: unknown[] = [];
    store.getState().callSignalListenerSet((p) => seen.push(p));
    store.getState().callSignalReceived(push);
    expect(seen).toEqual([push, push]);
  });

  it('C1 a refused start is an outcome with its code', async () => {
    const fake = api().respond('calls:start', () => ({ ok: false, error: { code: 'call_in_another', message: 'x' } }));
    const { store } = storeWith(fake);
    const out = await store.getState().callStartRequested({ userId: 'bob' }, 'audio');
    expect(out).toEqual({ ok: false, error: { code: 'call_in_another', message: 'x' } });
    expect(fake.callsTo('calls:start')).toEqual([{ target: { userId: 'bob' }, media: 'audio' }]);
  });
});
