import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSignal } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import { CallEngine, type MediaEnv } from './callEngine';

/** Just enough of WebRTC and media capture to drive the engine in Node. */
class FakeTrack {
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.readyState = 'ended';
  }
  getSettings() {
    return { deviceId: `${this.kind}-1` };
  }
}

class FakeStream {
  private tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return [...this.tracks];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

class FakeTransceiver {
  direction = 'sendrecv';
  currentDirection = 'sendrecv';
  receiver: { track: FakeTrack };
  sender: { track: FakeTrack | null; replaceTrack(t: FakeTrack | null): Promise<void>; setStreams(): void };
  constructor(kind: 'audio' | 'video', track: FakeTrack | null) {
    this.receiver = { track: new FakeTrack(kind) };
    this.sender = {
      track,
      async replaceTrack(t) {
        this.track = t;
      },
      setStreams() {},
    };
  }
}

class FakePc {
  static all: FakePc[] = [];
  transceivers: FakeTransceiver[] = [];
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  signalingState = 'stable';
  connectionState = 'new';
  closed = false;
  candidates: unknown[] = [];
  onicecandidate: unknown = null;
  ontrack: unknown = null;
  onconnectionstatechange: unknown = null;
  constructor() {
    FakePc.all.push(this);
  }
  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video') {
    const t = typeof trackOrKind === 'string' ? new FakeTransceiver(trackOrKind, null) : new FakeTransceiver(trackOrKind.kind, trackOrKind);
    this.transceivers.push(t);
    return t;
  }
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    return { type: 'offer', sdp: `offer(${this.transceivers.map((t) => t.receiver.track.kind).join(',')})` };
  }
  async createAnswer() {
    return { type: 'answer', sdp: 'answer' };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remoteDescription = d;
    if (d.type === 'offer' && this.transceivers.length === 0) this.transceivers = [new FakeTransceiver('audio', null), new FakeTransceiver('video', null)];
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  async getStats() {
    return new Map();
  }
  close() {
    this.closed = true;
  }
}

const realMediaStream = (globalThis as { MediaStream?: unknown }).MediaStream;
beforeAll(() => {
  (globalThis as { MediaStream?: unknown }).MediaStream = FakeStream;
});
afterAll(() => {
  (globalThis as { MediaStream?: unknown }).MediaStream = realMediaStream;
});

function setup() {
  FakePc.all = [];
  const sent: { to: string; signal: CallSignal }[] = [];
  const announced: [boolean, boolean][] = [];
  const captured: FakeStream[] = [];
  const env: MediaEnv = {
    async getUserMedia(constraints) {
      const tracks = [constraints.audio ? new FakeTrack('audio') : null, constraints.video ? new FakeTrack('video') : null].filter((t): t is FakeTrack => t !== null);
      const stream = new FakeStream(tracks);
      captured.push(stream);
      return stream as unknown as MediaStream;
    },
    enumerateDevices: async () => [{ kind: 'audioinput', deviceId: 'audio-1', label: 'Mic' } as MediaDeviceInfo],
    createPeerConnection: () => new FakePc() as unknown as RTCPeerConnection,
    setInterval: () => 1,
    clearInterval: () => {},
  };
  const engine = new CallEngine(env, {
    signal: (_callId, toUserId, toDeviceId, signal) => sent.push({ to: `${toUserId}/${toDeviceId}`, signal }),
    announce: (_callId, audio, video) => announced.push([audio, video]),
  });
  engine.identify('carol', 'dev-c');
  return { engine, sent, announced, captured };
}

const groupCall: CallView = {
  callId: 'call_abcdefgh',
  kind: 'group',
  conversationId: 'group_g1',
  groupId: 'g1',
  media: 'video',
  caller: 'alice',
  state: 'active',
  endReason: null,
  createdAt: 1,
  connectedAt: 2,
  endedAt: null,
  participants: [
    { userId: 'alice', state: 'joined', deviceId: 'dev-a', audio: true, video: true, joinedAt: 1 },
    { userId: 'bob', state: 'joined', deviceId: 'dev-b', audio: true, video: true, joinedAt: 2 },
    { userId: 'carol', state: 'joined', deviceId: 'dev-c', audio: true, video: true, joinedAt: 3 },
    { userId: 'dave', state: 'invited', deviceId: null, audio: true, video: true, joinedAt: null },
  ],
  myState: 'joined',
  here: true,
};

describe('call engine', () => {
  it('C2 the joiner opens media, then offers audio and video to every device already joined (not itself, not the ringing)', async () => {
    const { engine, sent } = setup();
    await engine.prepare(groupCall.callId, 'video', [], { group: true });
    await engine.joined(groupCall);
    expect(sent.map((s) => [s.to, s.signal.type])).toEqual([
      ['alice/dev-a', 'offer'],
      ['bob/dev-b', 'offer'],
    ]);
    expect(FakePc.all[0]?.transceivers.map((t) => [t.receiver.track.kind, t.sender.track?.kind ?? null])).toEqual([
      ['audio', 'audio'],
      ['video', 'video'],
    ]);
    expect(engine.getSnapshot().remotes.map((r) => r.key)).toEqual(['alice/dev-a', 'bob/dev-b']);
  });

  it('C1 offers made while my accept travels leave only once it is taken, in order; none if it is refused', async () => {
    const admit = () => {
      let settle: (ok: boolean) => void = () => {};
      return { promise: new Promise<boolean>((r) => (settle = r)), settle: (ok: boolean) => settle(ok) };
    };
    const taken = setup();
    const gate = admit();
    await taken.engine.prepare(groupCall.callId, 'video', [], { group: true });
    await taken.engine.joined(groupCall, gate.promise);
    const pc = FakePc.all[0] as unknown as { onicecandidate: (e: { candidate: RTCIceCandidateInit }) => void };
    pc.onicecandidate({ candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(FakePc.all).toHaveLength(2);
    expect(taken.sent).toEqual([]);
    gate.settle(true);
    await gate.promise;
    await Promise.resolve();
    expect(taken.sent.map((s) => [s.to, s.signal.type])).toEqual([
      ['alice/dev-a', 'offer'],
      ['bob/dev-b', 'offer'],
      ['alice/dev-a', 'ice'],
    ]);

    const refused = setup();
    const no = admit();
    await refused.engine.prepare(groupCall.callId, 'video', [], { group: true });
    await refused.engine.joined(groupCall, no.promise);
    no.settle(false);
    await no.promise;
    await Promise.resolve();
    expect(refused.sent).toEqual([]);
  });

  it('C1 answers an offer with its own tracks; ICE that comes early waits for the remote description', async () => {
    const { engine, sent } = setup();
    await engine.prepare(groupCall.callId, 'video', []);
    const from = { callId: groupCall.callId, fromUserId: 'dave', fromDeviceId: 'dev-d' };
    await engine.signal({ ...from, signal: { type: 'ice', candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } } });
    await engine.signal({ ...from, signal: { type: 'offer', sdp: 'v=0' } });
    const pc = FakePc.all.at(-1)!;
    expect(pc.candidates).toHaveLength(1);
    expect(pc.transceivers.map((t) => t.sender.track?.kind)).toEqual(['audio', 'video']);
    expect(sent.at(-1)).toEqual({ to: 'dave/dev-d', signal: { type: 'answer', sdp: 'answer' } });
    // Signals of another call, or my own device's, are ignored.
    await engine.signal({ ...from, callId: 'call_otherotherx', signal: { type: 'offer', sdp: 'v=0' } });
    expect(FakePc.all).toHaveLength(1);
  });

  it('C1 mute takes the microphone off every sender; video→audio stops the camera; each is announced', async () => {
    const { engine, announced, captured } = setup();
    await engine.prepare(groupCall.callId, 'video', []);
    await engine.joined(groupCall);
    await engine.setAudio(false);
    const senders = (kind: string) => FakePc.all.flatMap((pc) => pc.transceivers.filter((t) => t.receiver.track.kind === kind).map((t) => t.sender.track));
    expect(senders('audio')).toEqual([null, null]);
    expect(captured[0]?.getAudioTracks()[0]?.enabled).toBe(false);
    expect(announced.at(-1)).toEqual([false, true]);
    await engine.setAudio(true);
    expect(senders('audio').every((t) => t?.kind === 'audio')).toBe(true);

    const camera = captured[0]?.getVideoTracks()[0];
    await engine.switchToAudio();
    expect(camera?.readyState).toBe('ended');
    expect(senders('video')).toEqual([null, null]);
    expect(engine.getSnapshot().videoCall).toBe(false);
    expect(announced.at(-1)).toEqual([true, false]);
  });

  it('C1 a device that left is dropped; the end of the call closes everything and stops every track', async () => {
    const { engine, captured } = setup();
    await engine.prepare(groupCall.callId, 'video', []);
    await engine.joined(groupCall);
    engine.callChanged({ ...groupCall, participants: groupCall.participants.map((p) => (p.userId === 'bob' ? { ...p, state: 'left' as const } : p)) });
    expect(engine.getSnapshot().remotes.map((r) => r.key)).toEqual(['alice/dev-a']);
    expect(FakePc.all[1]?.closed).toBe(true);
    engine.callChanged({ ...groupCall, state: 'ended', endReason: 'completed' });
    expect(FakePc.all.every((pc) => pc.closed)).toBe(true);
    expect(captured[0]?.getTracks().every((t) => t.readyState === 'ended')).toBe(true);
    expect(engine.getSnapshot().callId).toBeNull();
  });
});
