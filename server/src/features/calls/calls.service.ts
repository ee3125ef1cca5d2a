import { randomBytes } from 'node:crypto';
import { CALL_LIMITS, type CallInfo, type CallMedia, type CallParticipant, type CallSignal, type IceServer } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type RequestInput } from '../../../../shared/protocol';
import { type Clock } from '../../clock';
import { type Delivery } from '../../gateway/delivery';
import { type Logger } from '../../logger';
import { type CallsRepository } from '../../store/callTypes';
import { type Store } from '../../store/types';
import { type SendPermission } from '../friends/sendPermission';
import { endCall, joinedCount, makeRoom, participantOf, shouldEnd } from './callRules';

export interface CallSettings {
  /** Seconds an invitation rings before the invitee counts as missed. */
  ringSeconds: number;
  /** Seconds a joined device may be without a socket before it has left. */
  reconnectGraceSeconds: number;
  iceServers: readonly IceServer[];
}

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  ringSeconds: CALL_LIMITS.ringSeconds,
  reconnectGraceSeconds: CALL_LIMITS.reconnectGraceSeconds,
  iceServers: [],
};

/** How the service reaches one device of a user (socket.io lives in the gateway). */
export interface CallSockets {
  /** Emits `call:signal` to one connected socket of the device; false when it has none now. */
  signalDevice(userId: string, deviceId: string, payload: { callId: string; fromUserId: string; fromDeviceId: string; signal: CallSignal }): boolean;
  deviceConnected(userId: string, deviceId: string): boolean;
}

/** Who acts, from which device (the handshake instanceId, else the socket id, as DeviceInfo names devices). */
export interface CallActor {
  userId: string;
  deviceId: string;
}

type Target = RequestInput<'call:invite'>['target'];

function timerKey(callId: string, userId: string): string {
  return `${callId}\n${userId}`;
}

function newCallId(): string {
  return `call_${randomBytes(16).toString('base64url')}`;
}

/**
 * Issue 6 (C1–C5): calls kept on the server. Live calls are held in memory and written through to the store on
 * every change; a restart ends the calls the store still holds (see {@link recover}). Every change runs in one
 * serial queue, so two devices answering at once, or two calls inviting the same person, are decided in order.
 */
export class CallsService {
  private readonly live = new Map<string, CallInfo>();
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private tail: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly deps: {
      repository: CallsRepository;
      store: Store;
      permission: SendPermission;
      delivery: Delivery;
      sockets: CallSockets;
      /** Stores the call's record message in its chat (C5); must not throw for a refusal. */
      writeRecord: (call: CallInfo) => Promise<void>;
      settings: CallSettings;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  config(): { iceServers: IceServer[]; ringSeconds: number; maxParticipants: number } {
    return {
      iceServers: [...this.deps.settings.iceServers],
      ringSeconds: Math.max(1, Math.round(this.deps.settings.ringSeconds)),
      maxParticipants: CALL_LIMITS.maxParticipants,
    };
  }

  /** Server start: every call the store still holds as not ended is ended (ringing → missed, in → left) with its record. */
  async recover(): Promise<number> {
    const open = await this.deps.repository.notEnded();
    for (const call of open) {
      endCall(call, this.deps.clock.now());
      await this.deps.repository.save(call);
      await this.record(call);
    }
    if (open.length > 0) this.deps.logger.info({ calls: open.length }, 'ended the calls a previous run left open');
    return open.length;
  }

  /** Clears the timers (server shutdown); the calls stay in the store and the next start ends them. */
  stop(): void {
    this.stopped = true;
    for (const timer of [...this.ringTimers.values(), ...this.graceTimers.values()]) clearTimeout(timer);
    this.ringTimers.clear();
    this.graceTimers.clear();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  // --- requests ---

  invite(actor: CallActor, target: Target, media: CallMedia): Promise<CallInfo> {
    return this.serial(async () => {
      const { userId } = actor;
      if (this.joinedCallOf(userId) !== null) throw new AppError('call_in_another');
      const now = this.deps.clock.now();
      const invitees = 'userId' in target ? [target.userId] : [...new Set(target.userIds)].filter((id) => id !== userId);
      let call: CallInfo;
      if ('userId' in target) {
        if (target.userId === userId) throw new AppError('bad_request', 'You cannot call yourself.');
        if (!(await this.deps.store.accounts.get(target.userId))) throw new AppError('user_not_found');
        await this.deps.permission.assertMaySend(userId, target.userId);
        call = this.newCall(actor, media, now, 'c2c', `c2c_${target.userId}`, null);
      } else {
        await this.assertCallerInGroup(userId, target.groupId);
        if (invitees.length === 0) throw new AppError('bad_request', 'Invite at least one other member.');
        if (invitees.length + 1 > CALL_LIMITS.maxParticipants) throw new AppError('call_full');
        await this.assertMembers(target.groupId, invitees);
        call = this.newCall(actor, media, now, 'group', `group_${target.groupId}`, target.groupId);
      }
      for (const invitee of invitees) call.participants.push(this.invitation(invitee, media));
      this.live.set(call.callId, call);
      await this.commit(call);
      return call;
    });
  }

  accept(actor: CallActor, callId: string): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.liveCallOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (!me) throw new AppError('call_not_found');
      if (me.state === 'joined' && me.deviceId === actor.deviceId) return call;
      if (me.state !== 'invited') throw new AppError('call_state');
      if (this.joinedCallOf(actor.userId) !== null) throw new AppError('call_in_another');
      this.join(me, actor.deviceId, call.media);
      this.clearTimer(this.ringTimers, timerKey(callId, actor.userId));
      await this.commit(call);
      return call;
    });
  }

  decline(actor: CallActor, callId: string): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.callOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (!me) throw new AppError('call_not_found');
      if (me.state === 'declined') return call;
      if (call.state === 'ended' || me.state !== 'invited') throw new AppError('call_state');
      me.state = 'declined';
      this.clearTimer(this.ringTimers, timerKey(callId, actor.userId));
      await this.commit(call);
      return call;
    });
  }

  hangup(actor: CallActor, callId: string): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.callOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (!me) throw new AppError('call_not_found');
      if (call.state === 'ended') return call;
      if (me.state === 'invited') {
        me.state = 'declined';
        this.clearTimer(this.ringTimers, timerKey(callId, actor.userId));
      } else if (me.state === 'joined') {
        this.leave(call, me);
      } else {
        return call;
      }
      await this.commit(call);
      return call;
    });
  }

  joinCall(actor: CallActor, callId: string): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.liveCallOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (me?.state === 'joined') {
        if (me.deviceId === actor.deviceId) return call;
        throw new AppError('call_in_another', 'You are in this call on another device.');
      }
      if (call.kind === 'c2c' && me?.state !== 'invited') throw new AppError('call_state');
      if (this.joinedCallOf(actor.userId) !== null) throw new AppError('call_in_another');
      if (me?.state !== 'invited' && !makeRoom(call, [actor.userId])) throw new AppError('call_full');
      let entry = participantOf(call, actor.userId);
      if (!entry) {
        entry = this.invitation(actor.userId, call.media);
        call.participants.push(entry);
      }
      this.join(entry, actor.deviceId, call.media);
      this.clearTimer(this.ringTimers, timerKey(callId, actor.userId));
      await this.commit(call);
      return call;
    });
  }

  addInvitees(actor: CallActor, callId: string, userIds: readonly string[]): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.liveCallOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (!me) throw new AppError('call_not_found');
      if (me.state !== 'joined' || call.kind !== 'group' || call.groupId === null) throw new AppError('call_state');
      const wanted = [...new Set(userIds)].filter((id) => {
        const state = participantOf(call, id)?.state;
        return state !== 'joined' && state !== 'invited';
      });
      if (wanted.length === 0) return call;
      await this.assertMembers(call.groupId, wanted);
      if (!makeRoom(call, wanted)) throw new AppError('call_full');
      for (const id of wanted) {
        const fresh = this.invitation(id, call.media);
        const existing = participantOf(call, id);
        if (existing) Object.assign(existing, fresh);
        else call.participants.push(fresh);
      }
      await this.commit(call);
      return call;
    });
  }

  setMedia(actor: CallActor, callId: string, audio: boolean, video: boolean): Promise<CallInfo> {
    return this.serial(async () => {
      const call = await this.liveCallOf(actor.userId, callId);
      const me = participantOf(call, actor.userId);
      if (!me) throw new AppError('call_not_found');
      if (me.state !== 'joined' || me.deviceId !== actor.deviceId) throw new AppError('call_state');
      me.audio = audio;
      me.video = video;
      await this.commit(call);
      return call;
    });
  }

  /** Relays SDP/ICE from a joined device to another joined device of the same call, and to nothing else. */
  signal(actor: CallActor, input: RequestInput<'call:signal'>): void {
    const call = this.live.get(input.callId);
    const me = call && participantOf(call, actor.userId);
    if (!call || !me) throw new AppError('call_not_found');
    if (me.state !== 'joined' || me.deviceId !== actor.deviceId) throw new AppError('call_state', 'You are not in this call on this device.');
    const to = participantOf(call, input.toUserId);
    if (!to || to.state !== 'joined' || to.deviceId !== input.toDeviceId || (to.userId === me.userId && to.deviceId === me.deviceId)) {
      throw new AppError('call_state', 'That device is not in this call.');
    }
    this.deps.sockets.signalDevice(to.userId, input.toDeviceId, {
      callId: call.callId,
      fromUserId: actor.userId,
      fromDeviceId: actor.deviceId,
      signal: input.signal,
    });
  }

  /** Calls not ended that the user is invited to or in, and those in progress in the user's groups. */
  async active(userId: string): Promise<CallInfo[]> {
    const found: CallInfo[] = [];
    for (const call of this.live.values()) {
      const me = participantOf(call, userId);
      if (me && (me.state === 'invited' || me.state === 'joined')) found.push(call);
      else if (call.groupId !== null && (await this.deps.store.groups.member(call.groupId, userId))) found.push(call);
    }
    return found;
  }

  /** C5: the user's calls, newest first; the cursor is opaque to clients (a row number in base 36). */
  async history(userId: string, cursor: string | undefined, limit: number | undefined): Promise<{ calls: CallInfo[]; next: string }> {
    let before: number | null = null;
    if (cursor !== undefined && cursor !== '') {
      if (!/^[0-9a-z]{1,11}$/.test(cursor)) throw new AppError('bad_request', 'Unknown cursor.');
      before = parseInt(cursor, 36);
    }
    const page = await this.deps.repository.history(userId, before, limit ?? 20);
    const calls = page.calls.map((call) => this.live.get(call.callId) ?? call);
    return { calls, next: page.next === null ? '' : page.next.toString(36) };
  }

  // --- devices ---

  /** A socket of a device came (back): a joined device within its grace time keeps its place. */
  socketConnected(actor: CallActor): void {
    for (const call of this.live.values()) {
      const me = participantOf(call, actor.userId);
      if (me?.state === 'joined' && me.deviceId === actor.deviceId) this.clearTimer(this.graceTimers, timerKey(call.callId, actor.userId));
    }
  }

  /** A socket left: a joined device with no socket left starts its grace time, after which it has left the call. */
  socketDisconnected(actor: CallActor): void {
    if (this.stopped || this.deps.sockets.deviceConnected(actor.userId, actor.deviceId)) return;
    for (const call of this.live.values()) {
      const me = participantOf(call, actor.userId);
      if (me?.state !== 'joined' || me.deviceId !== actor.deviceId) continue;
      const key = timerKey(call.callId, actor.userId);
      if (this.graceTimers.has(key)) continue;
      const callId = call.callId;
      this.startTimer(this.graceTimers, key, this.deps.settings.reconnectGraceSeconds, () =>
        this.serial(async () => {
          const current = this.live.get(callId);
          const p = current && participantOf(current, actor.userId);
          if (!current || p?.state !== 'joined' || p.deviceId !== actor.deviceId) return;
          if (this.deps.sockets.deviceConnected(actor.userId, actor.deviceId)) return;
          this.leave(current, p);
          await this.commit(current);
        }),
      );
    }
  }

  // --- internals ---

  private newCall(actor: CallActor, media: CallMedia, now: number, kind: CallInfo['kind'], conversationId: string, groupId: string | null): CallInfo {
    const caller: CallParticipant = this.invitation(actor.userId, media);
    this.join(caller, actor.deviceId, media, now);
    return {
      callId: newCallId(),
      kind,
      conversationId,
      groupId,
      media,
      caller: actor.userId,
      state: 'ringing',
      endReason: null,
      createdAt: now,
      connectedAt: null,
      endedAt: null,
      participants: [caller],
    };
  }

  /** An invitation to `userId`: ringing, or busy when they are in another call on any device. */
  private invitation(userId: string, media: CallMedia): CallParticipant {
    const busy = this.joinedCallOf(userId) !== null;
    return { userId, state: busy ? 'busy' : 'invited', deviceId: null, audio: true, video: media === 'video', joinedAt: null };
  }

  private join(p: CallParticipant, deviceId: string, media: CallMedia, now = this.deps.clock.now()): void {
    p.state = 'joined';
    p.deviceId = deviceId;
    p.joinedAt = now;
    p.audio = true;
    p.video = media === 'video';
  }

  /** A joined participant leaves; the caller of a call nobody answered yet cancels it. */
  private leave(call: CallInfo, p: CallParticipant): void {
    this.clearTimer(this.graceTimers, timerKey(call.callId, p.userId));
    if (p.userId === call.caller && call.state === 'ringing') {
      endCall(call, this.deps.clock.now(), 'cancelled');
      return;
    }
    p.state = 'left';
  }

  /** The non-ended call the user is joined in (on any device), or null. */
  private joinedCallOf(userId: string): CallInfo | null {
    for (const call of this.live.values()) {
      if (participantOf(call, userId)?.state === 'joined') return call;
    }
    return null;
  }

  /** A call the user may see: a participant's, or (group calls) a member's; call_not_found otherwise. */
  private async callOf(userId: string, callId: string): Promise<CallInfo> {
    const call = this.live.get(callId) ?? (await this.deps.repository.get(callId));
    if (!call) throw new AppError('call_not_found');
    if (participantOf(call, userId)) return call;
    if (call.groupId !== null && (await this.deps.store.groups.member(call.groupId, userId))) return call;
    throw new AppError('call_not_found');
  }

  private async liveCallOf(userId: string, callId: string): Promise<CallInfo> {
    const call = await this.callOf(userId, callId);
    if (call.state === 'ended') throw new AppError('call_state', 'That call has ended.');
    return call;
  }

  private async assertCallerInGroup(userId: string, groupId: string): Promise<void> {
    const group = await this.deps.store.groups.get(groupId);
    if (!group || (!group.active && group.owner !== userId)) throw new AppError('group_not_found');
    if (group.type === 'AVChatRoom') throw new AppError('group_unsupported', 'Audio-video rooms have no calls.');
    if (!(await this.deps.store.groups.member(groupId, userId))) throw new AppError('group_not_member');
  }

  private async assertMembers(groupId: string, userIds: readonly string[]): Promise<void> {
    const members = await this.deps.store.groups.members(groupId, userIds);
    if (members.length !== new Set(userIds).size) throw new AppError('group_not_member', 'Everyone called must be a member of the group.');
  }

  /**
   * After a change: the call becomes active once two are in, ends when the rules say so, is written, and every
   * device concerned is told. An ended call leaves memory and gets its record.
   */
  private async commit(call: CallInfo): Promise<void> {
    const now = this.deps.clock.now();
    if (call.state === 'ringing' && joinedCount(call) >= 2) {
      call.state = 'active';
      call.connectedAt = now;
    }
    if (shouldEnd(call)) endCall(call, now);
    await this.deps.repository.save(call);
    if (call.state === 'ended') {
      this.live.delete(call.callId);
      for (const p of call.participants) {
        this.clearTimer(this.ringTimers, timerKey(call.callId, p.userId));
        this.clearTimer(this.graceTimers, timerKey(call.callId, p.userId));
      }
    } else {
      for (const p of call.participants) {
        const key = timerKey(call.callId, p.userId);
        if (p.state === 'invited' && !this.ringTimers.has(key)) this.startRing(call.callId, p.userId);
      }
    }
    await this.publish(call);
    if (call.state === 'ended') await this.record(call);
  }

  private startRing(callId: string, userId: string): void {
    this.startTimer(this.ringTimers, timerKey(callId, userId), this.deps.settings.ringSeconds, () =>
      this.serial(async () => {
        const call = this.live.get(callId);
        const p = call && participantOf(call, userId);
        if (!call || p?.state !== 'invited') return;
        p.state = 'missed';
        await this.commit(call);
      }),
    );
  }

  private startTimer(timers: Map<string, NodeJS.Timeout>, key: string, seconds: number, fire: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      timers.delete(key);
      fire().catch((error: unknown) => this.deps.logger.error({ err: error, key }, 'a call timer failed'));
    }, seconds * 1000);
    timer.unref();
    timers.set(key, timer);
  }

  private clearTimer(timers: Map<string, NodeJS.Timeout>, key: string): void {
    const timer = timers.get(key);
    if (timer) clearTimeout(timer);
    timers.delete(key);
  }

  /** `call:updated` to every device of each participant and, for a group call, of every member. */
  private async publish(call: CallInfo): Promise<void> {
    const audience = new Set(call.participants.map((p) => p.userId));
    if (call.groupId !== null) for (const id of await this.deps.store.groups.memberIds(call.groupId)) audience.add(id);
    const payload = { call: structuredClone(call) };
    for (const userId of audience) this.deps.delivery.toUser(userId, 'call:updated', payload);
  }

  private async record(call: CallInfo): Promise<void> {
    try {
      await this.deps.writeRecord(call);
    } catch (error) {
      this.deps.logger.warn({ err: error, callId: call.callId }, 'storing a call record failed');
    }
  }
}
