import { afterAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../shared/ipc';
import { startTestCore, type TestCore } from '../support/core';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/server';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

const online = (person: TestCore) =>
  person.waitFor(() => person.eventsOf('connection:changed').at(-1)?.status === 'online', 30_000, 'online');

async function server(options: TestServerOptions = {}): Promise<TestServer> {
  const started = await startTestServer(options);
  cleanups.push(() => started.stop({ removeData: true }));
  return started;
}

async function person(at: TestServer, userId: string, options: { signIn?: boolean; dataDir?: string } = {}): Promise<TestCore> {
  const core = await startTestCore({ serverUrl: at.url, name: userId, dataDir: options.dataDir });
  cleanups.push(() => core.dispose());
  if (options.signIn) await core.call('session:signIn', { serverUrl: at.url, userId, password: 'correct-horse-battery' });
  else await core.signUp(userId);
  await online(core);
  return core;
}

/** The latest calls:changed of `callId` once it matches `check`. */
function seen(who: TestCore, callId: string, check: (call: CallView) => boolean, what: string): Promise<CallView> {
  return who.waitFor(
    () => {
      const last = who
        .eventsOf('calls:changed')
        .map((e) => e.call)
        .filter((c) => c.callId === callId)
        .at(-1);
      return last && check(last) ? last : null;
    },
    15_000,
    what,
  );
}

/** The first call ringing for `who` (from calls:changed). */
function ringing(who: TestCore): Promise<CallView> {
  return who.waitFor(() => who.eventsOf('calls:changed').find((e) => e.call.state !== 'ended' && e.call.myState === 'invited')?.call, 15_000, 'ringing');
}

describe('core against the real server: calls', () => {
  it('C1 invite → accept → both active, SDP/ICE relayed to the other core as calls:signal, hang up ends it on both; media allowed only meanwhile', async () => {
    const at = await server({ calls: { iceServers: [{ urls: 'stun:stun.example.org:3478' }] } });
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const aliceConfig = await alice.call('calls:config', {});
    const bobConfig = await bob.call('calls:config', {});
    expect(aliceConfig).toMatchObject({ iceServers: [{ urls: 'stun:stun.example.org:3478' }], maxParticipants: 6 });
    expect(aliceConfig.deviceId).not.toBe(bobConfig.deviceId);
    expect(alice.core.calls.state()).toEqual({ active: false, joinedHere: false });

    const { call } = await alice.call('calls:start', { target: { userId: 'bob' }, media: 'video' });
    expect(call).toMatchObject({ state: 'ringing', caller: 'alice', conversationId: 'c2c_bob', myState: 'joined', here: true, media: 'video' });
    expect(call.participants.map((p) => [p.userId, p.state, p.deviceId])).toEqual([
      ['alice', 'joined', aliceConfig.deviceId],
      ['bob', 'invited', null],
    ]);
    expect(alice.core.calls.state()).toEqual({ active: true, joinedHere: true });

    const atBob = await ringing(bob);
    expect(atBob).toMatchObject({ callId: call.callId, myState: 'invited', here: false });
    expect(bob.core.calls.state()).toEqual({ active: true, joinedHere: false });
    expect((await bob.call('calls:active', {})).calls.map((c) => c.callId)).toEqual([call.callId]);

    const { call: answered } = await bob.call('calls:accept', { callId: call.callId });
    expect(answered).toMatchObject({ state: 'active', myState: 'joined', here: true });
    await seen(alice, call.callId, (c) => c.state === 'active', 'alice sees the call active');
    expect(bob.core.calls.state()).toEqual({ active: true, joinedHere: true });

    // The joiner offers; the other answers; ICE both ways — each reaches the other core unchanged.
    const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    expect(await bob.call('calls:signal', { callId: call.callId, toUserId: 'alice', toDeviceId: aliceConfig.deviceId, signal: offer })).toEqual({});
    expect(await alice.waitFor(() => alice.eventsOf('calls:signal')[0], 10_000, 'offer relayed')).toEqual({
      callId: call.callId,
      fromUserId: 'bob',
      fromDeviceId: bobConfig.deviceId,
      signal: offer,
    });
    const ice = { type: 'ice' as const, candidate: { candidate: 'candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    await alice.call('calls:signal', { callId: call.callId, toUserId: 'bob', toDeviceId: bobConfig.deviceId, signal: ice });
    expect(await bob.waitFor(() => bob.eventsOf('calls:signal')[0], 10_000, 'ice relayed')).toEqual({
      callId: call.callId,
      fromUserId: 'alice',
      fromDeviceId: aliceConfig.deviceId,
      signal: ice,
    });
    // A device not in the call is refused, as the server says.
    await expect(
      alice.call('calls:signal', { callId: call.callId, toUserId: 'bob', toDeviceId: 'not-a-device', signal: ice }),
    ).rejects.toMatchObject({ code: 'call_state' });

    const { call: over } = await alice.call('calls:hangup', { callId: call.callId });
    expect(over).toMatchObject({ state: 'ended', endReason: 'completed', here: false });
    await seen(bob, call.callId, (c) => c.state === 'ended', 'bob sees the end');
    expect(alice.core.calls.state()).toEqual({ active: false, joinedHere: false });
    await bob.waitFor(() => !bob.core.calls.state().active, 5_000, 'media no longer allowed at bob');
    expect((await bob.call('calls:active', {})).calls).toEqual([]);

    // C5: both find it in their history, from their own side.
    const history = await bob.call('calls:history', { limit: 10 });
    expect(history.calls).toMatchObject([{ callId: call.callId, state: 'ended', endReason: 'completed', myState: 'left', here: false }]);
    expect(history.next).toBe('');
  });

  it('C4 three cores: both of my devices ring; answered on one, the other sees me joined elsewhere; a busy second call is refused', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const desk = await person(at, 'bob');
    const laptop = await person(at, 'bob', { signIn: true });

    const { call } = await alice.call('calls:start', { target: { userId: 'bob' }, media: 'audio' });
    expect(await ringing(desk)).toMatchObject({ callId: call.callId, myState: 'invited' });
    expect(await ringing(laptop)).toMatchObject({ callId: call.callId, myState: 'invited' });

    const { call: answered } = await desk.call('calls:accept', { callId: call.callId });
    expect(answered).toMatchObject({ state: 'active', myState: 'joined', here: true });
    const elsewhere = await seen(laptop, call.callId, (c) => c.myState === 'joined', 'laptop sees bob joined elsewhere');
    expect(elsewhere).toMatchObject({ state: 'active', here: false });
    expect(laptop.core.calls.state()).toEqual({ active: false, joinedHere: false });
    expect(desk.core.calls.state()).toEqual({ active: true, joinedHere: true });
    // The laptop cannot answer it too (the server's refusal as it is), nor start another call while bob is in this one.
    await expect(laptop.call('calls:accept', { callId: call.callId })).rejects.toMatchObject({ code: 'call_state' });
    await expect(laptop.call('calls:start', { target: { userId: 'alice' }, media: 'audio' })).rejects.toMatchObject({ code: 'call_in_another' });

    await desk.call('calls:hangup', { callId: call.callId });
    await seen(alice, call.callId, (c) => c.state === 'ended', 'alice sees the end');
    await seen(laptop, call.callId, (c) => c.state === 'ended', 'laptop sees the end');
  });

  it('C3 a core restarted mid-call hangs the call up on its first connect: it ends for the other side long before the grace time', async () => {
    const at = await server({ calls: { reconnectGraceSeconds: 120 } });
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { call } = await alice.call('calls:start', { target: { userId: 'bob' }, media: 'audio' });
    await ringing(bob);
    await bob.call('calls:accept', { callId: call.callId });
    await seen(alice, call.callId, (c) => c.state === 'active', 'active at alice');

    // Bob's app quits mid-call and comes back on the same data folder: a new instance, a new device ID.
    await bob.close();
    const again = await startTestCore({ serverUrl: at.url, name: 'bob-again', dataDir: bob.dataDir });
    cleanups.push(() => again.close());
    await online(again);
    const ended = await seen(alice, call.callId, (c) => c.state === 'ended', 'the call ends for alice');
    expect(ended).toMatchObject({ endReason: 'completed' });
    expect(ended.participants.find((p) => p.userId === 'bob')).toMatchObject({ state: 'left' });
    // The restarted core announced the end too, and remembers nothing more.
    expect(await seen(again, call.callId, (c) => c.state === 'ended', 'bob-again sees the end')).toMatchObject({ here: false });
    expect((await again.call('calls:active', {})).calls).toEqual([]);
    expect(again.core.calls.state()).toEqual({ active: false, joinedHere: false });
    const later = await again.restart();
    cleanups.push(() => later.close());
    await online(later);
    await later.call('calls:active', {});
    expect(later.eventsOf('calls:changed')).toEqual([]);
  });

  it('signing out mid-call hangs up first: the other side sees the call end at once', async () => {
    const at = await server({ calls: { reconnectGraceSeconds: 120 } });
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { call } = await alice.call('calls:start', { target: { userId: 'bob' }, media: 'video' });
    await ringing(bob);
    await bob.call('calls:accept', { callId: call.callId });
    await seen(alice, call.callId, (c) => c.state === 'active', 'active at alice');
    expect(bob.core.calls.state().joinedHere).toBe(true);
    await bob.call('session:signOut', {});
    expect(bob.core.calls.state()).toEqual({ active: false, joinedHere: false });
    const ended = await seen(alice, call.callId, (c) => c.state === 'ended', 'the call ends for alice');
    expect(ended.participants.find((p) => p.userId === 'bob')).toMatchObject({ state: 'left' });
  });

  it('C4 a renderer reloaded mid-ring finds the ringing call; every call request answers offline without the connection', async () => {
    const at = await server();
    const alice = await person(at, 'alice');
    const bob = await person(at, 'bob');
    const { call } = await alice.call('calls:start', { target: { userId: 'bob' }, media: 'audio' });
    await ringing(bob);
    // A reloaded renderer asks for what is going on (and a restarted core announces it after connecting).
    expect((await bob.call('calls:active', {})).calls).toMatchObject([{ callId: call.callId, state: 'ringing', myState: 'invited', here: false }]);
    const again = await bob.restart();
    cleanups.push(() => again.close());
    await online(again);
    expect(await ringing(again)).toMatchObject({ callId: call.callId });

    await at.stop();
    await again.waitFor(() => again.eventsOf('connection:changed').at(-1)?.status !== 'online', 15_000, 'offline');
    const byCall = { callId: call.callId };
    for (const attempt of [
      again.call('calls:config', {}),
      again.call('calls:start', { target: { userId: 'alice' }, media: 'audio' }),
      again.call('calls:accept', byCall),
      again.call('calls:decline', byCall),
      again.call('calls:hangup', byCall),
      again.call('calls:join', byCall),
      again.call('calls:signal', { ...byCall, toUserId: 'alice', toDeviceId: 'x', signal: { type: 'offer', sdp: 'v=0' } }),
      again.call('calls:setMedia', { ...byCall, audio: false, video: false }),
      again.call('calls:active', {}),
      again.call('calls:history', {}),
    ]) {
      await expect(attempt).rejects.toMatchObject({ code: 'offline' });
    }
  });
});
