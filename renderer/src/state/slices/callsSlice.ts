import type { CallId, CallMedia, CallSignal, ConversationId, GroupId, IceServer, UserId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { CallView, EventPayload } from '../../../../shared/ipc';
import type { Slice } from '../types';
import type { Outcome } from './contactsSlice';

/**
 * Issue 6 (C1–C4): the calls this device knows about, as the core reports them (`calls:changed`), and the
 * little UI state around them. Media (getUserMedia, RTCPeerConnection) lives in features/calls/callEngine.ts,
 * which registers itself here for signals (`callSignalListenerSet`) and sends through `callSignalSent` /
 * `callMediaAnnounced`.
 */

export interface CallConfig {
  iceServers: IceServer[];
  ringSeconds: number;
  maxParticipants: number;
  deviceId: string;
}

/** A line said once a call ends or is refused ("Bob declined", "No answer", "Answered on another device"). */
export interface CallNotice {
  id: number;
  callId: CallId | null;
  kind: 'declined' | 'busy' | 'missed' | 'cancelled' | 'ended' | 'elsewhere' | 'error';
  /** The other person (one-to-one) for "Bob declined". */
  peer: UserId | null;
  error: ErrorShape | null;
}

export type CallSignalPush = EventPayload<'calls:signal'>;

export interface CallsSlice {
  calls: Partial<Record<CallId, CallView>>;
  callConfig: CallConfig | null;
  /** The call screen is shrunk to the floating tile (C3). */
  callMinimised: boolean;
  callNotices: CallNotice[];

  callsRequested(): Promise<void>;
  callsChanged(change: EventPayload<'calls:changed'>): void;
  callSignalReceived(push: CallSignalPush): void;
  /** The media engine listens for signals (one listener; null detaches). */
  callSignalListenerSet(listener: ((push: CallSignalPush) => void) | null): void;
  callConfigRequested(): Promise<CallConfig | null>;

  callStartRequested(target: { userId: UserId } | { groupId: GroupId; userIds: UserId[] }, media: CallMedia): Promise<Outcome<{ call: CallView }>>;
  callAcceptRequested(callId: CallId): Promise<Outcome<{ call: CallView }>>;
  callDeclineRequested(callId: CallId): Promise<Outcome>;
  callHangupRequested(callId: CallId): Promise<Outcome>;
  callJoinRequested(callId: CallId): Promise<Outcome<{ call: CallView }>>;
  callInviteRequested(callId: CallId, userIds: UserId[]): Promise<Outcome>;
  callSignalSent(callId: CallId, toUserId: UserId, toDeviceId: string, signal: CallSignal): Promise<void>;
  callMediaAnnounced(callId: CallId, audio: boolean, video: boolean): Promise<void>;

  callMinimisedChanged(minimised: boolean): void;
  callNoticeShown(notice: Omit<CallNotice, 'id'>): void;
  callNoticeDismissed(id: number): void;
}

const STATE_RANK = { ringing: 0, active: 1, ended: 2 } as const;

/** A snapshot that lands after a newer event must not take the call back (ended stays ended; active stays active). */
export function isNewerCall(current: CallView | undefined, next: CallView): boolean {
  if (!current) return true;
  return STATE_RANK[next.state] >= STATE_RANK[current.state];
}

/** The call this device is in (joined here), if any. */
export function myCallHere(calls: CallsSlice['calls']): CallView | null {
  for (const call of Object.values(calls)) if (call && call.state !== 'ended' && call.here && call.myState === 'joined') return call;
  return null;
}

/** Calls ringing for me on this device, oldest first. */
export function ringingForMe(calls: CallsSlice['calls']): CallView[] {
  return Object.values(calls)
    .filter((c): c is CallView => !!c && c.state !== 'ended' && c.myState === 'invited')
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** A call in progress in this group that I may join (C2): not mine, active, not ended. */
export function joinableGroupCall(calls: CallsSlice['calls'], groupId: GroupId): CallView | null {
  for (const call of Object.values(calls)) {
    if (!call || call.groupId !== groupId || call.state !== 'active') continue;
    if (call.myState === null || call.myState === 'left' || call.myState === 'declined' || call.myState === 'missed' || call.myState === 'busy') return call;
  }
  return null;
}

export function conversationOfCall(call: CallView): ConversationId {
  return call.conversationId;
}

export const createCallsSlice: Slice<CallsSlice> = ({ api, setTimer }) => (set, get) => {
  let signalListener: ((push: CallSignalPush) => void) | null = null;
  // Signals that arrive before the engine attached (an offer racing the accept reply).
  let pending: CallSignalPush[] = [];
  let noticeId = 0;

  function me(): UserId | null {
    const session = get().session;
    return session?.state === 'signedIn' ? session.userId : null;
  }

  /** What to say when a call I saw changes like this (null: nothing). */
  function noticeFor(before: CallView | undefined, call: CallView): Omit<CallNotice, 'id'> | null {
    const myId = me();
    // C4: it rang here, and I answered on another device.
    if (before?.myState === 'invited' && call.myState === 'joined' && !call.here) return { callId: call.callId, kind: 'elsewhere', peer: null, error: null };
    if (call.state !== 'ended' || before?.state === 'ended') return null;
    const wasHere = before ? before.here || before.myState === 'invited' : call.here || call.caller === myId;
    if (!wasHere) return null;
    const peer = call.kind === 'c2c' ? (call.participants.find((p) => p.userId !== myId)?.userId ?? null) : null;
    const iCalled = call.caller === myId;
    switch (call.endReason) {
      case 'declined':
        return iCalled ? { callId: call.callId, kind: 'declined', peer, error: null } : null;
      case 'busy':
        return iCalled ? { callId: call.callId, kind: 'busy', peer, error: null } : null;
      // The callee's card just goes away: the chat's record says "Missed call".
      case 'missed':
        return iCalled ? { callId: call.callId, kind: 'missed', peer, error: null } : null;
      case 'cancelled':
        return iCalled ? { callId: call.callId, kind: 'cancelled', peer, error: null } : null;
      default:
        return before?.here ? { callId: call.callId, kind: 'ended', peer, error: null } : null;
    }
  }

  function put(call: CallView): void {
    const current = get().calls[call.callId];
    if (!isNewerCall(current, call)) return;
    const notice = noticeFor(current, call);
    if (notice) get().callNoticeShown(notice);
    const calls = { ...get().calls, [call.callId]: call };
    // Ended calls are forgotten a little later (the screens have said their last word by then); the call
    // history's first page is brought again (the Calls section and its missed-call badge).
    if (call.state === 'ended') {
      if (current?.state !== 'ended') void get().callHistoryRequested();
      setTimer(() => {
        const now = get().calls[call.callId];
        if (now?.state !== 'ended') return;
        const rest = { ...get().calls };
        delete rest[call.callId];
        set({ calls: rest });
      }, 5_000);
    }
    const patch: Partial<CallsSlice> = { calls };
    if (!myCallHere(calls)) patch.callMinimised = false;
    set(patch);
  }

  async function one(result: Promise<{ ok: true; value: { call: CallView } } | { ok: false; error: ErrorShape }>): Promise<Outcome<{ call: CallView }>> {
    const reply = await result;
    if (!reply.ok) return { ok: false, error: reply.error };
    put(reply.value.call);
    return { ok: true, call: get().calls[reply.value.call.callId] ?? reply.value.call };
  }

  return {
    calls: {},
    callConfig: null,
    callMinimised: false,
    callNotices: [],

    async callsRequested() {
      const reply = await api.invoke('calls:active', {});
      if (!reply.ok) return;
      for (const call of reply.value.calls) put(call);
    },
    callsChanged({ call }) {
      put(call);
    },
    callSignalReceived(push) {
      if (signalListener) signalListener(push);
      else pending = [...pending.slice(-200), push];
    },
    callSignalListenerSet(listener) {
      signalListener = listener;
      if (listener) {
        const queued = pending;
        pending = [];
        queued.forEach(listener);
      }
    },
    async callConfigRequested() {
      const known = get().callConfig;
      if (known) return known;
      const reply = await api.invoke('calls:config', {});
      if (!reply.ok) return null;
      set({ callConfig: reply.value });
      return reply.value;
    },

    callStartRequested(target, media) {
      return one(api.invoke('calls:start', { target, media }));
    },
    callAcceptRequested(callId) {
      return one(api.invoke('calls:accept', { callId }));
    },
    async callDeclineRequested(callId) {
      return one(api.invoke('calls:decline', { callId }));
    },
    async callHangupRequested(callId) {
      return one(api.invoke('calls:hangup', { callId }));
    },
    callJoinRequested(callId) {
      return one(api.invoke('calls:join', { callId }));
    },
    async callInviteRequested(callId, userIds) {
      return one(api.invoke('calls:invite', { callId, userIds }));
    },
    async callSignalSent(callId, toUserId, toDeviceId, signal) {
      await api.invoke('calls:signal', { callId, toUserId, toDeviceId, signal });
    },
    async callMediaAnnounced(callId, audio, video) {
      const reply = await api.invoke('calls:setMedia', { callId, audio, video });
      if (reply.ok) put(reply.value.call);
    },

    callMinimisedChanged(minimised) {
      set({ callMinimised: minimised });
    },
    callNoticeShown(notice) {
      noticeId += 1;
      const id = noticeId;
      set({ callNotices: [...get().callNotices.filter((n) => n.callId === null || n.callId !== notice.callId), { ...notice, id }] });
      setTimer(() => get().callNoticeDismissed(id), notice.kind === 'elsewhere' ? 4_000 : 6_000);
    },
    callNoticeDismissed(id) {
      set({ callNotices: get().callNotices.filter((n) => n.id !== id) });
    },
  };
};
