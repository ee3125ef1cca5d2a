import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../shared/ipc';
import { alertLanguage, callerName, incomingCallText, IncomingCallAlerts, ringsForMe } from './incomingCallAlert';

function call(over: Partial<CallView> = {}): CallView {
  return {
    callId: 'call_aaaaaaaa01',
    kind: 'c2c',
    conversationId: 'c2c_me',
    groupId: null,
    media: 'video',
    caller: 'bob',
    state: 'ringing',
    endReason: null,
    createdAt: 1,
    connectedAt: null,
    endedAt: null,
    participants: [
      { userId: 'bob', state: 'joined', deviceId: 'd1', audio: true, video: true, joinedAt: 1 },
      { userId: 'me', state: 'invited', deviceId: null, audio: false, video: false, joinedAt: null },
    ],
    myState: 'invited',
    here: false,
    ...over,
  } as CallView;
}

describe('incoming call alerts (C3)', () => {
  it('C1 names the caller as my screens do: my remark for a friend, else the nickname, else the UserID', () => {
    const friends = [{ userId: 'bob', remark: 'Bob from climbing' }, { userId: 'carol', remark: '  ' }];
    expect(callerName('bob', friends, 'Bob')).toBe('Bob from climbing');
    expect(callerName('carol', friends, 'Carol')).toBe('Carol');
    expect(callerName('dave', friends, undefined)).toBe('dave');
  });

  it('alerts once for a call that starts ringing while the window is in the background', () => {
    const alerts = new IncomingCallAlerts();
    expect(alerts.callChanged(call(), false)).toEqual({ type: 'alert', call: call() });
    expect(alerts.callChanged(call(), false)).toBeNull();
  });

  it('does not alert when the window is focused (the ringing screen is on show)', () => {
    const alerts = new IncomingCallAlerts();
    expect(alerts.callChanged(call(), true)).toBeNull();
    // Still the same ringing call once the window loses focus: no late alert.
    expect(alerts.callChanged(call(), false)).toBeNull();
  });

  it('dismisses the alert when the call stops ringing for me', () => {
    const alerts = new IncomingCallAlerts();
    alerts.callChanged(call(), false);
    expect(alerts.callChanged(call({ myState: 'joined', here: false, state: 'active' }), false)).toEqual({ type: 'dismiss', callId: 'call_aaaaaaaa01' });
    expect(alerts.callChanged(call({ state: 'ended', endReason: 'completed' }), false)).toBeNull();
    alerts.callChanged(call({ callId: 'call_aaaaaaaa02' as CallView['callId'] }), false);
    expect(alerts.callChanged(call({ callId: 'call_aaaaaaaa02' as CallView['callId'], state: 'ended', endReason: 'cancelled', myState: 'missed' }), false)).toEqual({
      type: 'dismiss',
      callId: 'call_aaaaaaaa02',
    });
  });

  it('never alerts for my own calls, calls I am in, or group calls I was not invited to', () => {
    const alerts = new IncomingCallAlerts();
    expect(alerts.callChanged(call({ caller: 'me', myState: 'joined', here: true }), false)).toBeNull();
    expect(alerts.callChanged(call({ kind: 'group', myState: null, state: 'active' }), false)).toBeNull();
    expect(ringsForMe(call({ state: 'ended' }))).toBe(false);
  });

  it('clears the alerts when the window comes forward or on sign-out', () => {
    const alerts = new IncomingCallAlerts();
    alerts.callChanged(call(), false);
    expect(alerts.windowFocused()).toEqual([{ type: 'dismiss', callId: 'call_aaaaaaaa01' }]);
    expect(alerts.windowFocused()).toEqual([]);
    alerts.callChanged(call({ callId: 'call_aaaaaaaa03' as CallView['callId'] }), false);
    expect(alerts.reset()).toEqual([{ type: 'dismiss', callId: 'call_aaaaaaaa03' }]);
  });

  it('says who is calling and how, in the system language', () => {
    expect(incomingCallText(call(), 'Bob', 'en-US').title).toBe('Incoming video call from Bob');
    expect(incomingCallText(call({ media: 'audio' }), 'Bob', 'en-GB').title).toBe('Incoming voice call from Bob');
    expect(incomingCallText(call({ kind: 'group' }), 'Bob', 'en').title).toBe('Incoming group video call from Bob');
    expect(incomingCallText(call(), '鲍勃', 'zh-CN')).toEqual({ title: '鲍勃 邀请你视频通话', body: '点击打开 OpenChat 接听。' });
    expect(alertLanguage('zh-TW')).toBe('zh-CN');
    expect(alertLanguage('fr')).toBe('en');
    expect(incomingCallText(call(), '  ', 'en').title).toBe('Incoming video call from ?');
  });
});
