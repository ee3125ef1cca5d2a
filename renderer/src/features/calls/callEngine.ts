import type { CallId, CallMedia, CallSignal, IceServer, UserId } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import { activeSpeakerOf, qualityOf, worstQuality, type CallQuality } from './quality';

/**
 * The media side of a call (C1/C2), a plain class so it can be tested without a browser: the local
 * microphone/camera, one RTCPeerConnection per remote device (full mesh), and everything switched without
 * renegotiation — mute and camera off swap a sender's track for none (no bytes leave), switching video to audio
 * stops the camera for good, device pickers replace tracks in place.
 *
 * Mesh rule (no glare): whoever joins offers to every device already joined; the others answer.
 */

export interface MediaEnv {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
  onDeviceChange?(listener: () => void): () => void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface EngineTransport {
  signal(callId: CallId, toUserId: UserId, toDeviceId: string, signal: CallSignal): void;
  announce(callId: CallId, audio: boolean, video: boolean): void;
}

export interface RemotePeer {
  key: string;
  userId: UserId;
  deviceId: string;
  stream: MediaStream;
  connection: RTCPeerConnectionState;
}

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

export interface EngineSnapshot {
  callId: CallId | null;
  local: MediaStream | null;
  /** The microphone is on (not muted). */
  audio: boolean;
  /** The camera is on. */
  video: boolean;
  /** The call carries my video at all (false after "Switch to audio", and in audio calls). */
  videoCall: boolean;
  remotes: RemotePeer[];
  devices: Record<DeviceKind, { deviceId: string; label: string }[]>;
  selected: Partial<Record<DeviceKind, string>>;
  quality: CallQuality;
  /** A remote peer's key, 'me', or null in silence. */
  activeSpeaker: string | null;
  /** getUserMedia was refused or no device exists: the call goes on receive-only. */
  mediaError: boolean;
}

interface Peer extends RemotePeer {
  pc: RTCPeerConnection;
  pendingIce: RTCIceCandidateInit[];
  lastLost: number;
  lastReceived: number;
}

const EMPTY: EngineSnapshot = {
  callId: null,
  local: null,
  audio: true,
  video: false,
  videoCall: false,
  remotes: [],
  devices: { audioinput: [], videoinput: [], audiooutput: [] },
  selected: {},
  quality: 'unknown',
  activeSpeaker: null,
  mediaError: false,
};

export const peerKey = (userId: string, deviceId: string) => `${userId}/${deviceId}`;

export class CallEngine {
  private snapshot: EngineSnapshot = EMPTY;
  private listeners = new Set<() => void>();
  private peers = new Map<string, Peer>();
  private callId: CallId | null = null;
  private media: CallMedia = 'audio';
  private iceServers: IceServer[] = [];
  private statsTimer: unknown = null;
  private detachDevices: (() => void) | null = null;
  private acquiring: Promise<void> | null = null;
  private videoSize: MediaTrackConstraints = {};
  /** ICE from a device whose offer has not arrived yet. */
  private earlyIce = new Map<string, RTCIceCandidateInit[]>();
  /** While my accept/join is on its way: whether the server let me in. My signals wait for it. */
  private admission: Promise<boolean> | null = null;

  private me: { userId: UserId; deviceId: string } = { userId: '', deviceId: '' };

  constructor(
    private readonly env: MediaEnv,
    private readonly transport: EngineTransport,
  ) {}

  /** Who I am in calls: my UserID and this device's ID (calls:config). */
  identify(userId: UserId, deviceId: string): void {
    this.me = { userId, deviceId };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): EngineSnapshot => this.snapshot;

  get activeCallId(): CallId | null {
    return this.callId;
  }

  private update(patch: Partial<EngineSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((l) => l());
  }

  private publishPeers(): void {
    this.update({ remotes: [...this.peers.values()].map(({ key, userId, deviceId, stream, connection }) => ({ key, userId, deviceId, stream, connection })) });
  }

  /** Opens the microphone (and camera for video) before starting or answering; never before. */
  prepare(callId: CallId, media: CallMedia, iceServers: IceServer[], options: { sendVideo?: boolean; group?: boolean } = {}): Promise<void> {
    if (this.callId === callId && this.acquiring) return this.acquiring;
    if (this.callId && this.callId !== callId) this.stop();
    const sendVideo = media === 'video' && options.sendVideo !== false;
    this.callId = callId;
    this.media = media;
    this.iceServers = iceServers;
    this.admission = null;
    // A mesh sends my video once per peer: in a group, a smaller picture keeps uplink and CPU in check.
    this.videoSize = options.group ? { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 24 } } : { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
    this.update({ ...EMPTY, callId, videoCall: sendVideo, video: sendVideo });
    this.acquiring = this.acquire(sendVideo ? 'video' : 'audio');
    this.startStats();
    this.detachDevices = this.env.onDeviceChange?.(() => void this.refreshDevices()) ?? null;
    return this.acquiring;
  }

  private async acquire(media: CallMedia): Promise<void> {
    let stream: MediaStream | null = null;
    try {
      stream = await this.env.getUserMedia({ audio: true, video: media === 'video' ? this.videoSize : false });
    } catch {
      if (media === 'video') {
        try {
          stream = await this.env.getUserMedia({ audio: true, video: false });
        } catch {
          stream = null;
        }
      }
    }
    if (this.callId === null) {
      stream?.getTracks().forEach((t) => t.stop());
      return;
    }
    const hasVideo = !!stream && stream.getVideoTracks().length > 0;
    this.update({ local: stream, mediaError: !stream, video: hasVideo, videoCall: media === 'video' && hasVideo });
    await this.refreshDevices();
  }

  private async refreshDevices(): Promise<void> {
    try {
      const all = await this.env.enumerateDevices();
      const devices: EngineSnapshot['devices'] = { audioinput: [], videoinput: [], audiooutput: [] };
      for (const d of all) if (d.kind in devices) devices[d.kind].push({ deviceId: d.deviceId, label: d.label });
      const selected = { ...this.snapshot.selected };
      const local = this.snapshot.local;
      const audioId = local?.getAudioTracks()[0]?.getSettings().deviceId;
      const videoId = local?.getVideoTracks()[0]?.getSettings().deviceId;
      if (audioId && !selected.audioinput) selected.audioinput = audioId;
      if (videoId && !selected.videoinput) selected.videoinput = videoId;
      this.update({ devices, selected });
    } catch {
      // No device list: the pickers stay empty.
    }
  }

  private localTrack(kind: 'audio' | 'video'): MediaStreamTrack | null {
    const local = this.snapshot.local;
    if (!local) return null;
    return (kind === 'audio' ? local.getAudioTracks() : local.getVideoTracks())[0] ?? null;
  }

  /** What a sender of this kind should carry now: nothing while muted / camera off. */
  private outgoing(kind: 'audio' | 'video'): MediaStreamTrack | null {
    if (kind === 'audio') return this.snapshot.audio ? this.localTrack('audio') : null;
    return this.snapshot.video && this.snapshot.videoCall ? this.localTrack('video') : null;
  }

  private kinds(): ('audio' | 'video')[] {
    return this.media === 'video' ? ['audio', 'video'] : ['audio'];
  }

  private createPeer(userId: UserId, deviceId: string): Peer {
    const key = peerKey(userId, deviceId);
    const existing = this.peers.get(key);
    if (existing) return existing;
    const pc = this.env.createPeerConnection({ iceServers: this.iceServers as RTCIceServer[] });
    const peer: Peer = { key, userId, deviceId, pc, stream: new MediaStream(), connection: 'new', pendingIce: [], lastLost: 0, lastReceived: 0 };
    const callId = this.callId;
    pc.onicecandidate = (event) => {
      if (!event.candidate || !callId || !event.candidate.candidate) return;
      const { candidate, sdpMid, sdpMLineIndex } = event.candidate;
      this.send(callId, userId, deviceId, { type: 'ice', candidate: { candidate, sdpMid: sdpMid ?? null, sdpMLineIndex: sdpMLineIndex ?? null } });
    };
    pc.ontrack = (event) => {
      if (!peer.stream.getTracks().includes(event.track)) peer.stream.addTrack(event.track);
      this.publishPeers();
    };
    pc.onconnectionstatechange = () => {
      peer.connection = pc.connectionState;
      this.publishPeers();
    };
    this.peers.set(key, peer);
    this.publishPeers();
    return peer;
  }

  private closePeer(key: string): void {
    const peer = this.peers.get(key);
    if (!peer) return;
    this.peers.delete(key);
    peer.pc.onicecandidate = null;
    peer.pc.ontrack = null;
    peer.pc.onconnectionstatechange = null;
    peer.pc.close();
    this.publishPeers();
  }

  private isMe(userId: string, deviceId: string | null): boolean {
    return userId === this.me.userId && deviceId === this.me.deviceId;
  }

  /**
   * I joined (answered or joined late): offer to every device already in the call. With `admitted` — my accept or
   * join still on its way — the offers are made now, overlapping that round trip, and leave only once the server
   * has let me in (never if it refused).
   */
  async joined(call: CallView, admitted?: Promise<boolean>): Promise<void> {
    if (call.callId !== this.callId) return;
    if (admitted) this.admission = admitted;
    await this.acquiring;
    for (const p of call.participants) {
      if (p.state !== 'joined' || !p.deviceId || p.userId === this.me.userId) continue;
      if (this.peers.has(peerKey(p.userId, p.deviceId))) continue;
      await this.offerTo(p.userId, p.deviceId);
    }
  }

  private async offerTo(userId: UserId, deviceId: string): Promise<void> {
    const callId = this.callId;
    if (!callId) return;
    const peer = this.createPeer(userId, deviceId);
    const local = this.snapshot.local;
    for (const kind of this.kinds()) {
      const track = this.outgoing(kind);
      if (track && local) peer.pc.addTransceiver(track, { direction: 'sendrecv', streams: [local] });
      else peer.pc.addTransceiver(kind, { direction: 'sendrecv' });
    }
    const offer = await peer.pc.createOffer();
    await peer.pc.setLocalDescription(offer);
    this.send(callId, userId, deviceId, { type: 'offer', sdp: peer.pc.localDescription?.sdp ?? offer.sdp ?? '' });
  }

  /** Signals keep their order: once a gate is set, every later one passes through it too. */
  private send(callId: CallId, userId: UserId, deviceId: string, signal: CallSignal): void {
    const gate = this.admission;
    if (!gate) {
      this.transport.signal(callId, userId, deviceId, signal);
      return;
    }
    void gate.then((ok) => {
      if (ok && this.callId === callId) this.transport.signal(callId, userId, deviceId, signal);
    });
  }

  /** SDP or ICE from a device in my call. */
  async signal(push: { callId: CallId; fromUserId: UserId; fromDeviceId: string; signal: CallSignal }): Promise<void> {
    if (push.callId !== this.callId || this.isMe(push.fromUserId, push.fromDeviceId)) return;
    const key = peerKey(push.fromUserId, push.fromDeviceId);
    const { signal } = push;
    try {
      if (signal.type === 'offer') {
        await this.acquiring;
        // A device that offers again (it re-joined) starts afresh; candidates that came before its offer are kept.
        if (this.peers.has(key)) this.closePeer(key);
        const peer = this.createPeer(push.fromUserId, push.fromDeviceId);
        peer.pendingIce = this.earlyIce.get(key) ?? [];
        this.earlyIce.delete(key);
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        const local = this.snapshot.local;
        for (const transceiver of peer.pc.getTransceivers()) {
          const kind = transceiver.receiver.track.kind as 'audio' | 'video';
          transceiver.direction = 'sendrecv';
          const track = this.outgoing(kind);
          if (track) {
            await transceiver.sender.replaceTrack(track);
            if (local) transceiver.sender.setStreams?.(local);
          }
        }
        const answer = await peer.pc.createAnswer();
        await peer.pc.setLocalDescription(answer);
        await this.flushIce(peer);
        this.send(push.callId, push.fromUserId, push.fromDeviceId, { type: 'answer', sdp: peer.pc.localDescription?.sdp ?? answer.sdp ?? '' });
      } else if (signal.type === 'answer') {
        const peer = this.peers.get(key);
        if (!peer || peer.pc.signalingState !== 'have-local-offer') return;
        await peer.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await this.flushIce(peer);
      } else {
        const peer = this.peers.get(key);
        if (!peer) this.earlyIce.set(key, [...(this.earlyIce.get(key) ?? []), signal.candidate].slice(-100));
        else if (!peer.pc.remoteDescription) peer.pendingIce.push(signal.candidate);
        else await peer.pc.addIceCandidate(signal.candidate);
      }
    } catch {
      // A broken exchange shows as that peer never connecting; the call goes on with the others.
    }
  }

  private async flushIce(peer: Peer): Promise<void> {
    const queued = peer.pendingIce;
    peer.pendingIce = [];
    for (const candidate of queued) await peer.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  /** The call changed: drop devices that left; stop everything when I am out or it ended. */
  callChanged(call: CallView): void {
    if (call.callId !== this.callId) return;
    if (call.state === 'ended' || (call.myState !== 'joined' && call.myState !== 'invited') || (call.myState === 'joined' && !call.here)) {
      this.stop();
      return;
    }
    const inCall = new Set(call.participants.filter((p) => p.state === 'joined' && p.deviceId).map((p) => peerKey(p.userId, p.deviceId ?? '')));
    for (const key of [...this.peers.keys()]) if (!inCall.has(key)) this.closePeer(key);
  }

  private senders(kind: 'audio' | 'video'): RTCRtpSender[] {
    const senders: RTCRtpSender[] = [];
    for (const peer of this.peers.values()) {
      for (const t of peer.pc.getTransceivers()) if (t.receiver.track.kind === kind && t.currentDirection !== 'stopped') senders.push(t.sender);
    }
    return senders;
  }

  private async resend(kind: 'audio' | 'video'): Promise<void> {
    const track = this.outgoing(kind);
    await Promise.all(this.senders(kind).map((s) => s.replaceTrack(track).catch(() => undefined)));
  }

  /** Says my media state to the others now (after answering a video call as audio). */
  announceNow(): void {
    this.announce();
  }

  private announce(): void {
    if (this.callId) this.transport.announce(this.callId, this.snapshot.audio && !!this.localTrack('audio'), this.snapshot.video && this.snapshot.videoCall);
  }

  /** Mute / unmute: the track is disabled and taken off every sender, so no audio leaves at all. */
  async setAudio(on: boolean): Promise<void> {
    const track = this.localTrack('audio');
    if (track) track.enabled = on;
    this.update({ audio: on });
    await this.resend('audio');
    this.announce();
  }

  /** Camera off stops the camera (its light goes out); on opens it again into the same senders. */
  async setCamera(on: boolean): Promise<void> {
    if (!this.snapshot.videoCall) return;
    const local = this.snapshot.local;
    if (!on) {
      const track = this.localTrack('video');
      if (track) {
        track.stop();
        local?.removeTrack(track);
      }
      this.update({ video: false, local: local ? new MediaStream(local.getTracks()) : null });
    } else {
      try {
        const id = this.snapshot.selected.videoinput;
        const stream = await this.env.getUserMedia({ video: id ? { ...this.videoSize, deviceId: { exact: id } } : this.videoSize });
        const track = stream.getVideoTracks()[0];
        if (track) {
          const next = new MediaStream([...(local?.getAudioTracks() ?? []), track]);
          this.update({ video: true, local: next });
        }
      } catch {
        return;
      }
    }
    await this.resend('video');
    this.announce();
  }

  /** Video → audio for the rest of the call: the camera stops and no video leaves (no renegotiation). */
  async switchToAudio(): Promise<void> {
    if (!this.snapshot.videoCall) return;
    const local = this.snapshot.local;
    local?.getVideoTracks().forEach((t) => {
      t.stop();
      local.removeTrack(t);
    });
    this.update({ videoCall: false, video: false, local: local ? new MediaStream(local.getTracks()) : null });
    await this.resend('video');
    this.announce();
  }

  /** Picks a microphone, camera or speaker. Speakers apply to media elements (see `selected.audiooutput`). */
  async selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') {
      this.update({ selected: { ...this.snapshot.selected, audiooutput: deviceId } });
      return;
    }
    const mediaKind = kind === 'audioinput' ? 'audio' : 'video';
    if (mediaKind === 'video' && (!this.snapshot.videoCall || !this.snapshot.video)) {
      this.update({ selected: { ...this.snapshot.selected, videoinput: deviceId } });
      return;
    }
    try {
      const stream = await this.env.getUserMedia(mediaKind === 'audio' ? { audio: { deviceId: { exact: deviceId } } } : { video: { ...this.videoSize, deviceId: { exact: deviceId } } });
      const track = (mediaKind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0];
      if (!track) return;
      const old = this.localTrack(mediaKind);
      old?.stop();
      if (mediaKind === 'audio') track.enabled = this.snapshot.audio;
      const others = this.snapshot.local?.getTracks().filter((t) => t !== old) ?? [];
      this.update({ local: new MediaStream([...others, track]), selected: { ...this.snapshot.selected, [kind]: deviceId } });
      await this.resend(mediaKind);
    } catch {
      // The device went away: keep the current one.
    }
  }

  private startStats(): void {
    if (this.statsTimer !== null) return;
    this.statsTimer = this.env.setInterval(() => void this.sampleStats(), 1000);
  }

  private async sampleStats(): Promise<void> {
    const qualities: CallQuality[] = [];
    const levels = new Map<string, number>();
    for (const peer of [...this.peers.values()]) {
      try {
        const report = await peer.pc.getStats();
        let rtt: number | null = null;
        let lost = 0;
        let received = 0;
        report.forEach((s: Record<string, unknown>) => {
          if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime;
          if (s.type === 'inbound-rtp') {
            lost += Number(s.packetsLost ?? 0);
            received += Number(s.packetsReceived ?? 0);
            if (s.kind === 'audio' && typeof s.audioLevel === 'number') levels.set(peer.key, s.audioLevel);
          }
          if (s.type === 'media-source' && s.kind === 'audio' && typeof s.audioLevel === 'number' && this.snapshot.audio) {
            levels.set('me', Math.max(levels.get('me') ?? 0, s.audioLevel));
          }
        });
        qualities.push(qualityOf({ rtt, lost: Math.max(0, lost - peer.lastLost), received: Math.max(0, received - peer.lastReceived) }));
        peer.lastLost = lost;
        peer.lastReceived = received;
      } catch {
        // A closed connection has no stats.
      }
    }
    if (!this.callId) return;
    const quality = worstQuality(qualities);
    const activeSpeaker = activeSpeakerOf(levels);
    if (quality !== this.snapshot.quality || activeSpeaker !== this.snapshot.activeSpeaker) this.update({ quality, activeSpeaker });
  }

  /** Per-peer byte counters (the debug accessor for end-to-end tests; see callDebug.ts). */
  async stats(): Promise<Record<string, { inboundAudioBytes: number; inboundVideoBytes: number; outboundAudioBytes: number; outboundVideoBytes: number; framesDecoded: number; audioLevel: number; connection: string }>> {
    const out: Awaited<ReturnType<CallEngine['stats']>> = {};
    for (const peer of this.peers.values()) {
      const row = { inboundAudioBytes: 0, inboundVideoBytes: 0, outboundAudioBytes: 0, outboundVideoBytes: 0, framesDecoded: 0, audioLevel: 0, connection: peer.pc.connectionState as string };
      const report = await peer.pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          row.inboundAudioBytes += Number(s.bytesReceived ?? 0);
          row.audioLevel = Number(s.audioLevel ?? 0);
        }
        if (s.type === 'inbound-rtp' && s.kind === 'video') {
          row.inboundVideoBytes += Number(s.bytesReceived ?? 0);
          row.framesDecoded += Number(s.framesDecoded ?? 0);
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') row.outboundAudioBytes += Number(s.bytesSent ?? 0);
        if (s.type === 'outbound-rtp' && s.kind === 'video') row.outboundVideoBytes += Number(s.bytesSent ?? 0);
      });
      out[peer.key] = row;
    }
    return out;
  }

  /** The call is over for this device: every connection closed, every track stopped (camera light off). */
  stop(): void {
    for (const key of [...this.peers.keys()]) this.closePeer(key);
    this.snapshot.local?.getTracks().forEach((t) => t.stop());
    if (this.statsTimer !== null) this.env.clearInterval(this.statsTimer);
    this.statsTimer = null;
    this.detachDevices?.();
    this.detachDevices = null;
    this.callId = null;
    this.acquiring = null;
    this.admission = null;
    this.earlyIce.clear();
    this.update({ ...EMPTY });
  }
}
