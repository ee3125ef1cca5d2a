import { describe, expect, it } from 'vitest';
import type { CallView } from '../../../../shared/ipc';
import { appendOlderPage, mergeNewestPage } from '../../state/slices/callHistorySlice';
import { callRows, directionOf, missedCallsAfter, peerOf, toCallRow } from './callRows';

function call(over: Partial<CallView> & { callId?: string } = {}): CallView {
  return {
    callId: 'call_aaaaaaaa01',
    kind: 'c2c',
    conversationId: 'c2c_bob',
    groupId: null,
    media: 'video',
    caller: 'alice',
    state: 'ended',
    endReason: 'completed',
    createdAt: 1_000,
    connectedAt: 2_000,
    endedAt: 135_000,
    participants: [
      { userId: 'alice', state: 'left', deviceId: 'd1', audio: true, video: true, joinedAt: 1_000 },
      { userId: 'bob', state: 'left', deviceId: 'd2', audio: true, video: true, joinedAt: 2_000 },
    ],
    myState: 'left',
    here: false,
    ...over,
  } as CallView;
}

describe('call history rows (C5)', () => {
  it('says the direction from my side', () => {
    expect(directionOf(call(), 'alice')).toBe('outgoing');
    expect(directionOf(call(), 'bob')).toBe('incoming');
    expect(directionOf(call({ myState: 'missed', endReason: 'missed', connectedAt: null }), 'bob')).toBe('missed');
    expect(directionOf(call({ myState: 'busy', endReason: 'busy', connectedAt: null }), 'bob')).toBe('missed');
    expect(directionOf(call({ myState: 'declined', endReason: 'declined', connectedAt: null }), 'bob')).toBe('declined');
  });

  it('names the other person of a one-to-one call and opens my chat with them', () => {
    expect(peerOf(call(), 'alice')).toBe('bob');
    expect(peerOf(call(), 'bob')).toBe('alice');
    expect(toCallRow(call(), 'bob')).toMatchObject({ peer: 'alice', conversationId: 'c2c_alice', durationSec: 133, media: 'video' });
    const group = call({ kind: 'group', conversationId: 'group_@TGS#team' as CallView['conversationId'], groupId: '@TGS#team' as CallView['groupId'] });
    expect(toCallRow(group, 'bob')).toMatchObject({ peer: null, conversationId: 'group_@TGS#team', groupId: '@TGS#team' });
  });

  it('filters missed calls (not the ones I declined)', () => {
    const calls = [
      call({ callId: 'call_aaaaaaaa01' as CallView['callId'] }),
      call({ callId: 'call_aaaaaaaa02' as CallView['callId'], myState: 'missed', connectedAt: null, endReason: 'missed' }),
      call({ callId: 'call_aaaaaaaa03' as CallView['callId'], myState: 'declined', connectedAt: null, endReason: 'declined' }),
    ];
    expect(callRows(calls, 'bob', 'all').map((r) => r.direction)).toEqual(['incoming', 'missed', 'declined']);
    expect(callRows(calls, 'bob', 'missed').map((r) => r.callId)).toEqual(['call_aaaaaaaa02']);
    expect(callRows(calls, 'alice', 'missed')).toEqual([]);
  });

  it('merges a fresh first page over loaded pages, and appends older pages once', () => {
    const a = call({ callId: 'call_aaaaaaaa01' as CallView['callId'], createdAt: 300 });
    const b = call({ callId: 'call_aaaaaaaa02' as CallView['callId'], createdAt: 200 });
    const c = call({ callId: 'call_aaaaaaaa03' as CallView['callId'], createdAt: 100 });
    const fresh = call({ callId: 'call_aaaaaaaa04' as CallView['callId'], createdAt: 400 });
    expect(mergeNewestPage([a, b, c], [fresh, a], false).map((x) => x.callId)).toEqual(['call_aaaaaaaa04', 'call_aaaaaaaa01', 'call_aaaaaaaa02', 'call_aaaaaaaa03']);
    expect(mergeNewestPage([a, b, c], [fresh, a], true).map((x) => x.callId)).toEqual(['call_aaaaaaaa04', 'call_aaaaaaaa01']);
    expect(appendOlderPage([a, b], [b, c]).map((x) => x.callId)).toEqual(['call_aaaaaaaa01', 'call_aaaaaaaa02', 'call_aaaaaaaa03']);
  });
});

describe('call history slice (C5)', () => {
  it('loads pages, keeps older ones under a refreshed first page, and calls back through calls:start', async () => {
    const { createChatStore } = await import('../../state');
    const { FakeChatApi } = await import('../../testing/fakeChatApi');
    const older = call({ callId: 'call_aaaaaaaa02' as CallView['callId'], createdAt: 100 });
    const first = call({ callId: 'call_aaaaaaaa01' as CallView['callId'], createdAt: 200 });
    const newest = call({ callId: 'call_aaaaaaaa03' as CallView['callId'], createdAt: 300 });
    let pageOne = [first];
    const api = new FakeChatApi()
      .respond('calls:history', (input) => ({ ok: true, value: input.cursor ? { calls: [older], next: '' } : { calls: pageOne, next: 'c1' } }))
      .respond('calls:start', () => ({ ok: false, error: { code: 'offline', message: 'offline' } }));
    const store = createChatStore(api, { preferences: { load: () => ({}), save: () => {} }, systemLanguage: 'en' });
    await store.getState().callHistoryRequested();
    expect(store.getState().callHistory.map((c) => c.callId)).toEqual(['call_aaaaaaaa01']);
    expect(store.getState().callHistoryNext).toBe('c1');
    await store.getState().callHistoryMoreRequested();
    expect(store.getState().callHistory.map((c) => c.callId)).toEqual(['call_aaaaaaaa01', 'call_aaaaaaaa02']);
    expect(store.getState().callHistoryNext).toBe('');
    pageOne = [newest, first];
    await store.getState().callHistoryRequested();
    expect(store.getState().callHistory.map((c) => c.callId)).toEqual(['call_aaaaaaaa03', 'call_aaaaaaaa01']);
    store.getState().callHistoryFilterChosen('missed');
    expect(store.getState().callHistoryFilter).toBe('missed');
    const started = await store.getState().callBackRequested('bob', 'audio');
    expect(started.ok).toBe(false);
    expect(api.callsTo('calls:start')).toEqual([{ target: { userId: 'bob' }, media: 'audio' }]);
  });

  it('C5 the Calls tab counts missed calls after this device last saw the section; a device new to the account starts now', async () => {
    const { createChatStore } = await import('../../state');
    const { FakeChatApi } = await import('../../testing/fakeChatApi');
    const missed = (id: string, createdAt: number) => call({ callId: id as CallView['callId'], createdAt, myState: 'missed', connectedAt: null, endReason: 'missed' });
    let page = [missed('call_aaaaaaaa01', 500)];
    const api = new FakeChatApi().respond('calls:history', () => ({ ok: true, value: { calls: page, next: '' } }));
    const marks = new Map<string, string>();
    let clock = 1_000;
    const store = createChatStore(api, {
      preferences: { load: () => ({}), save: () => {} },
      systemLanguage: 'en',
      now: () => clock,
      marks: { get: (k) => marks.get(k) ?? null, set: (k, v) => void marks.set(k, v) },
    });
    const badge = () => missedCallsAfter(store.getState().callHistory, 'bob', store.getState().callsSeenAt);
    store.setState({ session: { state: 'signedIn', userId: 'bob' } as never });

    store.getState().callHistoryPrimed('bob');
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().callsSeenAt).toBe(1_000);
    expect(badge()).toBe(0);

    page = [missed('call_aaaaaaaa03', 2_000), missed('call_aaaaaaaa02', 1_500), ...page];
    await store.getState().callHistoryRequested();
    expect(badge()).toBe(2);
    // Calls made and declined, or still ringing, are not missed.
    expect(missedCallsAfter([call({ createdAt: 3_000 }), call({ createdAt: 3_000, myState: 'declined', connectedAt: null }), missed('call_aaaaaaaa04', 3_000)].map((c, i) => (i === 2 ? { ...c, state: 'ringing' as const } : c)), 'bob', 0)).toBe(0);

    clock = 1_800;
    store.getState().sectionChosen('calls');
    // The newest call is stamped by the server's clock, ahead of this one: it is seen all the same.
    expect(store.getState().callsSeenAt).toBe(2_000);
    expect(badge()).toBe(0);
    expect(marks.get('callsSeenAt.bob')).toBe('2000');

    // The next launch remembers; a call missed meanwhile counts.
    page = [missed('call_aaaaaaaa05', 2_500), ...page];
    store.getState().callHistoryPrimed('bob');
    await store.getState().callHistoryRequested();
    expect(badge()).toBe(1);
  });
});
