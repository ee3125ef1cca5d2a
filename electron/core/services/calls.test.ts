import { afterEach, describe, expect, it } from 'vitest';
import type { CallInfo, CallParticipant } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CallView } from '../../../shared/ipc';
import { CallActivityTracker, callWantsMedia, type CallActivityState } from '../callActivity';
import { FakeServer } from '../testing/fakeServer';
import { eventually, openTestAccount, removeTestDirs, type TestAccount } from '../testing/testAccount';
import { callView } from './calls';

afterEach(removeTestDirs);

const T0 = 1_700_000_000_000;

function participant(userId: string, state: CallParticipant['state'], deviceId: string | null = null): CallParticipant {
  return { userId, state, deviceId, audio: true, video: false, joinedAt: state === 'joined' ? T0 : null };
}

function call(callId: string, participants: CallParticipant[], patch: Partial<CallInfo> = {}): CallInfo {
  const joined = participants.filter((p) => p.state === 'joined').length;
  return {
    callId,
    kind: 'c2c',
    conversationId: 'c2c_bob',
    groupId: null,
    media: 'audio',
    caller: participants[0]?.userId ?? 'me',
    state: joined >= 2 ? 'active' : 'ringing',
    endReason: null,
    createdAt: T0,
    connectedAt: joined >= 2 ? T0 + 1 : null,
    endedAt: null,
    participants,
    ...patch,
  };
}

const ended = (c: CallInfo, endReason: CallInfo['endReason'] = 'completed'): CallInfo => ({
  ...c,
  state: 'ended',
  endReason,
  endedAt: T0 + 60_000,
  participants: c.participants.map((p) => ({ ...p, state: p.state === 'joined' ? 'left' : p.state })),
});

/** The server's call semantics as far as these tests need them: one user (`me`), the requesting device from `device()`. */
class FakeCalls {
  readonly calls = new Map<string, CallInfo>();
  readonly signals: unknown[] = [];
  private counter = 0;
  device: () => string = () => 'unknown-device';

  constructor(private readonly server: FakeServer) {}

  install(): this {
    const h = this.server.handlers;
    const me = this.server.me;
    const byId = (callId: string) => {
      const found = this.calls.get(callId);
      if (!found) throw new AppError('call_not_found');
      return found;
    };
    const set = (c: CallInfo) => {
      this.calls.set(c.callId, c);
      return { call: c };
    };
    const mine = (c: CallInfo, state: CallParticipant['state'], deviceId: string | null) => {
      const all = c.participants.some((p) => p.userId === me) ? c.participants : [...c.participants, participant(me, 'invited')];
      return all.map((p) => (p.userId === me ? { ...p, state, deviceId, joinedAt: state === 'joined' ? T0 : p.joinedAt } : p));
    };
    h['call:config'] = () => ({ iceServers: [{ urls: 'stun:stun.example.org' }], ringSeconds: 30, maxParticipants: 6 });
    h['call:invite'] = (input) => {
      if ([...this.calls.values()].some((c) => c.state !== 'ended' && c.participants.some((p) => p.userId === me && p.state === 'joined'))) {
        throw new AppError('call_in_another');
      }
      const peer = 'userId' in input.target ? input.target.userId : input.target.userIds[0]!;
      return set(call(`call_fake${String(++this.counter).padStart(6, '0')}`, [participant(me, 'joined', this.device()), participant(peer, 'invited')], { media: input.media }));
    };
    h['call:accept'] = ({ callId }) => {
      const c = byId(callId);
      const next = { ...c, participants: mine(c, 'joined', this.device()) };
      return set({ ...next, state: 'active', connectedAt: T0 + 1 });
    };
    h['call:decline'] = ({ callId }) => set(ended({ ...byId(callId), participants: mine(byId(callId), 'declined', null) }, 'declined'));
    h['call:hangup'] = ({ callId }) => {
      const c = byId(callId);
      if (c.state === 'ended') throw new AppError('call_state');
      return set(ended(c));
    };
    h['call:join'] = ({ callId }) => set({ ...byId(callId), participants: mine(byId(callId), 'joined', this.device()) });
    h['call:addInvitees'] = ({ callId, userIds }) => {
      const c = byId(callId);
      return set({ ...c, participants: [...c.participants, ...userIds.map((u) => participant(u, 'invited'))] });
    };
    h['call:setMedia'] = ({ callId, audio, video }) => {
      const c = byId(callId);
      return set({ ...c, participants: c.participants.map((p) => (p.userId === me ? { ...p, audio, video } : p)) });
    };
    h['call:signal'] = (input) => {
      byId(input.callId);
      this.signals.push(input);
      return {};
    };
    h['call:active'] = () => ({ calls: [...this.calls.values()].filter((c) => c.state !== 'ended') });
    h['call:history'] = () => ({ calls: [...this.calls.values()].filter((c) => c.state === 'ended').reverse(), next: '' });
    return this;
  }
}

function setup(options: { online?: boolean } = {}) {
  const server = new FakeServer('me', ['bob', 'carol']);
  const fake = new FakeCalls(server).install();
  const t = openTestAccount({ server });
  fake.device = () => t.account.calls.deviceId;
  if (options.online !== false) t.connection.goOnline();
  return { t, fake, server };
}

const rows = (t: TestAccount) => t.db().prepare('SELECT call_id AS callId, device_id AS deviceId FROM calls_here').all();
const changed = (t: TestAccount) => t.eventsOf('calls:changed').map((e) => e.call);
const sentNames = (t: TestAccount) => t.connection.sent.map((s) => s.name).filter((n) => n.startsWith('call:'));

describe('calls (core)', () => {
  it('C1 start → the other accepts (push) → signals both ways → hang up; the call joined here is noted in the store meanwhile', async () => {
    const { t, fake } = setup();
    const config = await t.account.calls.config();
    expect(config).toEqual({ iceServers: [{ urls: 'stun:stun.example.org' }], ringSeconds: 30, maxParticipants: 6, deviceId: t.account.calls.deviceId });

    const { call: started } = await t.account.calls.startCall({ target: { userId: 'bob' }, media: 'video' });
    expect(started).toMatchObject({ state: 'ringing', media: 'video', myState: 'joined', here: true });
    expect(changed(t).at(-1)).toEqual(started);
    expect(rows(t)).toEqual([{ callId: started.callId, deviceId: t.account.calls.deviceId }]);
    expect(t.account.calls.activeHere()).toBe(true);

    // Bob answers on his device: the server pushes the new state.
    const active = call(started.callId, [participant('me', 'joined', t.account.calls.deviceId), participant('bob', 'joined', 'bob-laptop')], { media: 'video' });
    fake.calls.set(active.callId, active);
    t.connection.push('call:updated', { call: active });
    expect(changed(t).at(-1)).toMatchObject({ state: 'active', myState: 'joined', here: true });
    // The same state again (a reply and its push, or a repeated push) is announced once.
    const count = changed(t).length;
    t.connection.push('call:updated', { call: structuredClone(active) });
    expect(changed(t)).toHaveLength(count);

    // SDP and ICE: pushes reach the renderer unchanged; requests pass through to the server.
    const incoming = { callId: started.callId, fromUserId: 'bob', fromDeviceId: 'bob-laptop', signal: { type: 'answer' as const, sdp: 'v=0 answer' } };
    t.connection.push('call:signal', incoming);
    expect(t.eventsOf('calls:signal')).toEqual([incoming]);
    const outgoing = {
      callId: started.callId,
      toUserId: 'bob',
      toDeviceId: 'bob-laptop',
      signal: { type: 'ice' as const, candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
    };
    expect(await t.account.calls.signal(outgoing)).toEqual({});
    expect(fake.signals).toEqual([outgoing]);

    const media = await t.account.calls.setMedia({ callId: started.callId, audio: false, video: true });
    expect(media.call.participants[0]).toMatchObject({ userId: 'me', audio: false, video: true });

    const { call: over } = await t.account.calls.hangup({ callId: started.callId });
    expect(over).toMatchObject({ state: 'ended', endReason: 'completed', myState: 'left', here: false });
    expect(changed(t).at(-1)).toEqual(over);
    expect(rows(t)).toEqual([]);
    expect(t.account.calls.activeHere()).toBe(false);
    // A late push of an earlier state does not bring an ended call back.
    t.connection.push('call:updated', { call: active });
    expect(changed(t).at(-1)).toEqual(over);
    expect((await t.account.calls.active()).calls).toEqual([]);
    await t.close();
  });

  it('C1 answers, declines, joins and invites relay to call:accept, call:decline, call:join, call:addInvitees', async () => {
    const { t, fake } = setup();
    const ringing = call('call_ring00001', [participant('bob', 'joined', 'bob-phone'), participant('me', 'invited')]);
    fake.calls.set(ringing.callId, ringing);
    t.connection.push('call:updated', { call: ringing });
    expect(changed(t).at(-1)).toMatchObject({ callId: 'call_ring00001', myState: 'invited', here: false });

    const { call: answered } = await t.account.calls.accept({ callId: 'call_ring00001' });
    expect(answered).toMatchObject({ state: 'active', myState: 'joined', here: true });
    const { call: bigger } = await t.account.calls.invite({ callId: 'call_ring00001', userIds: ['carol'] });
    expect(bigger.participants.map((p) => [p.userId, p.state])).toEqual([
      ['bob', 'joined'],
      ['me', 'joined'],
      ['carol', 'invited'],
    ]);

    const other = call('call_ring00002', [participant('carol', 'joined', 'carol-pc'), participant('me', 'invited')], { conversationId: 'c2c_carol' });
    fake.calls.set(other.callId, other);
    const { call: declined } = await t.account.calls.decline({ callId: 'call_ring00002' });
    expect(declined).toMatchObject({ state: 'ended', endReason: 'declined', myState: 'declined', here: false });

    const group = call('call_group0001', [participant('carol', 'joined', 'c'), participant('bob', 'joined', 'b')], {
      kind: 'group',
      groupId: '@TGS#work',
      conversationId: 'group_@TGS#work',
    });
    fake.calls.set(group.callId, group);
    fake.calls.delete('call_ring00001');
    const { call: joined } = await t.account.calls.join({ callId: group.callId });
    expect(joined).toMatchObject({ kind: 'group', myState: 'joined', here: true });
    expect(sentNames(t)).toEqual(['call:active', 'call:accept', 'call:addInvitees', 'call:decline', 'call:join']);
    await t.close();
  });

  it('everything answers offline without the connection; the server refusals pass through as they are', async () => {
    const { t, fake } = setup({ online: false });
    const byCall = { callId: 'call_abcdefgh' };
    await expect(t.account.calls.config()).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.startCall({ target: { userId: 'bob' }, media: 'audio' })).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.accept(byCall)).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.decline(byCall)).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.hangup(byCall)).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.join(byCall)).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.invite({ ...byCall, userIds: ['carol'] })).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.setMedia({ ...byCall, audio: true, video: false })).rejects.toMatchObject({ code: 'offline' });
    await expect(
      t.account.calls.signal({ ...byCall, toUserId: 'bob', toDeviceId: 'd', signal: { type: 'offer', sdp: 'v=0' } }),
    ).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.active()).rejects.toMatchObject({ code: 'offline' });
    await expect(t.account.calls.history({})).rejects.toMatchObject({ code: 'offline' });

    t.connection.goOnline();
    await expect(t.account.calls.accept(byCall)).rejects.toMatchObject({ code: 'call_not_found' });
    await t.account.calls.startCall({ target: { userId: 'bob' }, media: 'audio' });
    await expect(t.account.calls.startCall({ target: { userId: 'carol' }, media: 'audio' })).rejects.toMatchObject({ code: 'call_in_another' });
    t.connection.intercept = (name) => (name === 'call:addInvitees' ? Promise.reject(new AppError('call_full')) : undefined);
    const [first] = fake.calls.keys();
    await expect(t.account.calls.invite({ callId: first!, userIds: ['carol'] })).rejects.toMatchObject({ code: 'call_full' });
    await t.close();
  });

  it('C4 on every connect the calls going on are fetched and announced (a reloaded renderer sees the ringing call); answered on my other device is joined, not here', async () => {
    const { t, fake } = setup({ online: false });
    const ringing = call('call_ring00001', [participant('bob', 'joined', 'bob-phone'), participant('me', 'invited')]);
    fake.calls.set(ringing.callId, ringing);
    t.connection.goOnline();
    await eventually(() => expect(changed(t)).toHaveLength(1));
    expect(changed(t)[0]).toMatchObject({ callId: ringing.callId, state: 'ringing', myState: 'invited', here: false });
    expect((await t.account.calls.active()).calls.map((c) => c.callId)).toEqual([ringing.callId]);

    // Answered on my phone: I am joined, on another device.
    const elsewhere = { ...ringing, state: 'active' as const, participants: [ringing.participants[0]!, participant('me', 'joined', 'my-phone')] };
    t.connection.push('call:updated', { call: elsewhere });
    expect(changed(t).at(-1)).toMatchObject({ myState: 'joined', here: false });
    expect(t.account.calls.activeHere()).toBe(false);
    expect(rows(t)).toEqual([]);
    await t.close();
  });

  it('a call that ended while disconnected is announced ended on reconnect: from the history when there, otherwise as over', async () => {
    const { t, fake } = setup();
    const one = call('call_gone00001', [participant('bob', 'joined', 'b'), participant('me', 'invited')]);
    const two = call('call_gone00002', [participant('carol', 'joined', 'c'), participant('me', 'invited')], { conversationId: 'c2c_carol' });
    for (const c of [one, two]) {
      fake.calls.set(c.callId, c);
      t.connection.push('call:updated', { call: c });
    }
    t.connection.goOffline();
    fake.calls.set(one.callId, ended({ ...one, participants: [one.participants[0]!, participant('me', 'missed')] }, 'missed'));
    fake.calls.delete(two.callId);
    t.connection.goOnline();
    await eventually(() => expect(changed(t).filter((c) => c.state === 'ended')).toHaveLength(2));
    const last = new Map(changed(t).map((c) => [c.callId, c]));
    expect(last.get(one.callId)).toMatchObject({ state: 'ended', endReason: 'missed', myState: 'missed', endedAt: T0 + 60_000 });
    expect(last.get(two.callId)).toMatchObject({ state: 'ended', endReason: 'missed', myState: 'missed' });
    expect(sentNames(t).slice(-2)).toEqual(['call:active', 'call:history']);
    await t.close();
  });

  it('a push that lands while call:active is on its way wins over the older list (neither dropped nor ended by it)', async () => {
    const { t, fake } = setup({ online: false });
    const old = call('call_race00001', [participant('bob', 'joined', 'b'), participant('me', 'invited')]);
    fake.calls.set(old.callId, old);
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    t.connection.intercept = (name) => {
      if (name !== 'call:active') return undefined;
      const list = { calls: [...fake.calls.values()] };
      return held.then(() => list);
    };
    t.connection.goOnline();
    await eventually(() => expect(sentNames(t)).toContain('call:active'));
    const fresh = call('call_race00002', [participant('carol', 'joined', 'c'), participant('me', 'invited')], { conversationId: 'c2c_carol' });
    const answered = { ...old, state: 'active' as const, participants: [old.participants[0]!, participant('me', 'joined', 'phone')] };
    t.connection.push('call:updated', { call: fresh });
    t.connection.push('call:updated', { call: answered });
    release();
    await eventually(() => expect(sentNames(t).filter((n) => n === 'call:active')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(changed(t).map((c) => [c.callId, c.state, c.myState])).toEqual([
      [fresh.callId, 'ringing', 'invited'],
      [old.callId, 'active', 'joined'],
    ]);
    t.connection.intercept = () => undefined;
    expect((await t.account.calls.active()).calls.map((c) => c.callId)).toEqual([old.callId]);
    await t.close();
  });

  it('C3 a restart mid-call hangs the call up at the server on the first connect, forgets it and announces the end', async () => {
    const { t, fake } = setup();
    const { call: started } = await t.account.calls.startCall({ target: { userId: 'bob' }, media: 'audio' });
    await t.account.calls.accept({ callId: started.callId }).catch(() => undefined);
    fake.calls.set(started.callId, call(started.callId, [participant('me', 'joined', t.account.calls.deviceId), participant('bob', 'joined', 'b')]));
    const before = t.account.calls.deviceId;

    const again = await t.restart();
    fake.device = () => again.account.calls.deviceId;
    expect(again.account.calls.deviceId).not.toBe(before);
    expect(rows(again)).toEqual([{ callId: started.callId, deviceId: before }]);
    expect(again.account.calls.activeHere()).toBe(false);
    again.connection.goOnline();
    await eventually(() => expect(changed(again).some((c) => c.state === 'ended')).toBe(true));
    expect(again.connection.sent.filter((s) => s.name.startsWith('call:')).map((s) => [s.name, s.input])).toEqual([
      ['call:active', {}],
      ['call:hangup', { callId: started.callId }],
    ]);
    expect(changed(again)).toEqual([expect.objectContaining({ callId: started.callId, state: 'ended', myState: 'left', here: false })]);
    expect(rows(again)).toEqual([]);
    await again.close();
  });

  it('C3 a call left behind is hung up only while the server has me joined on that old instance; a failed hang-up is tried again on the next connect', async () => {
    const { t, fake } = setup({ online: false });
    const insert = t.db().prepare(`INSERT INTO calls_here (call_id, device_id, joined_at) VALUES (?, 'old-device', 1)`);
    for (const id of ['call_old000001', 'call_old000002', 'call_old000003', 'call_old000004']) insert.run(id);
    // 1: over at the server; 2: I am in it on the old instance (the first hang-up times out); 3: I joined it since on
    // my phone; 4: the grace time took me out already.
    fake.calls.set('call_old000002', call('call_old000002', [participant('bob', 'joined', 'b'), participant('me', 'joined', 'old-device')]));
    fake.calls.set('call_old000003', call('call_old000003', [participant('carol', 'joined', 'c'), participant('me', 'joined', 'my-phone')]));
    fake.calls.set('call_old000004', call('call_old000004', [participant('carol', 'joined', 'c'), participant('bob', 'joined', 'b'), participant('me', 'left', 'old-device')], { kind: 'group', groupId: '@TGS#g', conversationId: 'group_@TGS#g' }));
    let failures = 1;
    t.connection.intercept = (name) => (name === 'call:hangup' && failures-- > 0 ? Promise.reject(new AppError('timeout')) : undefined);
    t.connection.goOnline();
    await eventually(() => expect(rows(t)).toEqual([{ callId: 'call_old000002', deviceId: 'old-device' }]));
    expect(fake.calls.get('call_old000002')?.state).toBe('active');
    t.connection.goOffline();
    t.connection.goOnline();
    await eventually(() => expect(rows(t)).toEqual([]));
    expect(fake.calls.get('call_old000002')?.state).toBe('ended');
    expect(fake.calls.get('call_old000003')?.state).toBe('active');
    expect(t.connection.sent.filter((s) => s.name === 'call:hangup').map((s) => s.input)).toEqual([{ callId: 'call_old000002' }, { callId: 'call_old000002' }]);
    const last = new Map(changed(t).map((c) => [c.callId, c]));
    expect(last.get('call_old000002')).toMatchObject({ state: 'ended', here: false });
    expect(last.get('call_old000003')).toMatchObject({ state: 'active', myState: 'joined', here: false });
    expect(last.get('call_old000004')).toMatchObject({ state: 'active', myState: 'left', here: false });
    await t.close();
  });

  it('signing out hangs up the call joined here first (hangUpHere); offline it stays noted for the next connect', async () => {
    const { t } = setup();
    const { call: started } = await t.account.calls.startCall({ target: { userId: 'bob' }, media: 'audio' });
    t.connection.goOffline();
    await t.account.calls.hangUpHere();
    expect(rows(t)).toHaveLength(1);
    t.connection.goOnline();
    await eventually(() => expect(sentNames(t)).toContain('call:active'));
    await t.account.calls.hangUpHere();
    expect(changed(t).at(-1)).toMatchObject({ callId: started.callId, state: 'ended', here: false });
    expect(rows(t)).toEqual([]);
    await t.close();
  });

  it('C5 history pages are mapped to CallView', async () => {
    const { t, fake } = setup();
    const done = ended(call('call_hist00001', [participant('bob', 'joined', 'b'), participant('me', 'joined', 'old-device')]));
    fake.calls.set(done.callId, done);
    expect(await t.account.calls.history({ limit: 10 })).toEqual({ calls: [{ ...done, myState: 'left', here: false }], next: '' });
    await t.close();
  });
});

describe('call activity for the host (permission handler)', () => {
  const view = (c: CallInfo, deviceId = 'here-device'): CallView => callView(c, 'me', deviceId);

  it('media is wanted for a call joined here, ringing for me, or a group call I may join; not when answered elsewhere or over', () => {
    const joinedHere = call('call_a0000001', [participant('me', 'joined', 'here-device'), participant('bob', 'invited')]);
    expect(callWantsMedia(view(joinedHere))).toBe(true);
    expect(callWantsMedia(view(ended(joinedHere)))).toBe(false);
    const ringing = call('call_a0000002', [participant('bob', 'joined', 'b'), participant('me', 'invited')]);
    expect(callWantsMedia(view(ringing))).toBe(true);
    const elsewhere = call('call_a0000003', [participant('bob', 'joined', 'b'), participant('me', 'joined', 'phone')]);
    expect(view(elsewhere)).toMatchObject({ myState: 'joined', here: false });
    expect(callWantsMedia(view(elsewhere))).toBe(false);
    const declinedC2c = call('call_a0000004', [participant('bob', 'joined', 'b'), participant('me', 'declined')]);
    expect(callWantsMedia(view(declinedC2c))).toBe(false);
    const group = { kind: 'group' as const, groupId: '@TGS#g', conversationId: 'group_@TGS#g' };
    expect(callWantsMedia(view(call('call_a0000005', [participant('bob', 'joined', 'b'), participant('carol', 'joined', 'c')], group)))).toBe(true);
    expect(callWantsMedia(view(call('call_a0000006', [participant('bob', 'joined', 'b'), participant('me', 'left', 'here-device')], group)))).toBe(true);
  });

  it('follows calls:changed and forgets everything on sign-out, telling each change once', () => {
    const tracker = new CallActivityTracker();
    const seen: CallActivityState[] = [];
    tracker.onChange((s) => seen.push(s));
    const ringing = call('call_b0000001', [participant('bob', 'joined', 'b'), participant('me', 'invited')]);
    tracker.sink('calls:changed', { call: view(ringing) });
    tracker.sink('calls:changed', { call: view(ringing) });
    expect(tracker.state()).toEqual({ active: true, joinedHere: false });
    const answered = { ...ringing, participants: [ringing.participants[0]!, participant('me', 'joined', 'here-device')] };
    tracker.sink('calls:changed', { call: view(answered) });
    expect(tracker.state()).toEqual({ active: true, joinedHere: true });
    tracker.sink('calls:changed', { call: view(ended(answered)) });
    expect(tracker.state()).toEqual({ active: false, joinedHere: false });
    tracker.sink('calls:changed', { call: view(ringing) });
    tracker.sink('session:changed', { state: 'signedOut', reason: null });
    expect(seen).toEqual([
      { active: true, joinedHere: false },
      { active: true, joinedHere: true },
      { active: false, joinedHere: false },
      { active: true, joinedHere: false },
      { active: false, joinedHere: false },
    ]);
  });
});
