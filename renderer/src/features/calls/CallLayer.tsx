import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/ipc';
import { myCallHere, ringingForMe, selectSignedInUser, useChatStore, useChatStoreApi } from '../../state';
import { CallEngine, type MediaEnv } from './callEngine';
import { CallContext, type CallActions, type CallContextValue } from './CallContext';
import { notifyIncomingCall } from './callNotification';
import { startRinging } from './ringtone';
import { IncomingCall } from './IncomingCall';
import { CallScreen } from './CallScreen';
import { FloatingCall } from './FloatingCall';
import { CallNotices } from './CallNotices';
import { installCallDebug } from './callDebug';
import './calls.css';

function browserEnv(): MediaEnv {
  return {
    getUserMedia: (constraints) => navigator.mediaDevices.getUserMedia(constraints),
    enumerateDevices: () => navigator.mediaDevices.enumerateDevices(),
    createPeerConnection: (config) => new RTCPeerConnection(config),
    onDeviceChange(listener) {
      navigator.mediaDevices?.addEventListener?.('devicechange', listener);
      return () => navigator.mediaDevices?.removeEventListener?.('devicechange', listener);
    },
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
}

/**
 * Calls (issue 6) for the signed-in screen: owns the media engine, wires it to the store (signals in, SDP/ICE and
 * media state out), rings for incoming calls, and shows the incoming-call card, the call screen or its floating
 * tile, and the last word on a call ("Bob declined"). Children (the chat) get the call actions through context.
 */
export function CallLayer({ children }: { children: ReactNode }) {
  const store = useChatStoreApi();
  const { t } = useTranslation('calls');
  const me = useChatStore(selectSignedInUser);
  const online = useChatStore((s) => s.connection?.status === 'online');
  const calls = useChatStore((s) => s.calls);
  const minimised = useChatStore((s) => s.callMinimised);
  const [engine] = useState(
    () =>
      new CallEngine(browserEnv(), {
        signal: (callId, toUserId, toDeviceId, signal) => void store.getState().callSignalSent(callId, toUserId, toDeviceId, signal),
        announce: (callId, audio, video) => void store.getState().callMediaAnnounced(callId, audio, video),
      }),
  );

  // What the core knows about calls in progress (after a reload or a reconnect), and my device's ID.
  useEffect(() => {
    if (!online || !me) return;
    void store.getState().callsRequested();
    void store
      .getState()
      .callConfigRequested()
      .then((config) => config && engine.identify(me.userId, config.deviceId));
  }, [online, me, store, engine]);

  useEffect(() => {
    store.getState().callSignalListenerSet((push) => void engine.signal(push));
    return () => store.getState().callSignalListenerSet(null);
  }, [store, engine]);

  useEffect(() => installCallDebug(engine), [engine]);

  // The engine follows the call it is in: devices that leave are dropped; the end stops every track.
  useEffect(() => {
    const id = engine.activeCallId;
    if (!id) return;
    const call = calls[id];
    if (!call) engine.stop();
    else engine.callChanged(call);
  }, [calls, engine]);
  useEffect(() => () => engine.stop(), [engine]);

  const mine = myCallHere(calls);
  // A call I started from elsewhere (the call history's call-back) gets its media here too.
  const adopt = mine && mine.caller === me?.userId && mine.state === 'ringing' && engine.activeCallId !== mine.callId ? mine : null;
  useEffect(() => {
    if (!adopt) return;
    void store
      .getState()
      .callConfigRequested()
      .then((config) => {
        if (!config || engine.activeCallId === adopt.callId) return;
        engine.identify(adopt.caller, config.deviceId);
        void engine.prepare(adopt.callId, adopt.media, config.iceServers, { group: adopt.kind === 'group' });
      });
  }, [adopt, store, engine]);
  const ringing = mine ? [] : ringingForMe(calls).filter((c) => c.caller !== me?.userId);
  const incoming = ringing[0] ?? null;

  // Ring while someone calls me; the ring-back tone while I call and it rings for them.
  const ringKind = incoming ? 'incoming' : mine && mine.state === 'ringing' && mine.caller === me?.userId ? 'ringback' : null;
  useEffect(() => {
    if (!ringKind) return;
    const ringer = startRinging(ringKind);
    return () => ringer.stop();
  }, [ringKind]);

  const incomingId = incoming?.callId ?? null;
  const callerName = useCallerName(incoming);
  // In Electron the main process flashes the window and shows its own notification (electron/main/platform/callAlerts).
  const notifies = useChatStore((s) => s.appInfo?.host !== 'electron');
  useEffect(() => {
    if (!incomingId || !incoming || !notifies) return;
    return notifyIncomingCall(incomingId, t('incoming.notificationTitle', { name: callerName }), incoming.media === 'video' ? t('incoming.notificationVideo') : t('incoming.notificationVoice'));
    // The notification is shown once per incoming call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [incomingId]);

  const actions = useMemo<CallActions>(() => {
    const state = () => store.getState();
    const refused = (callId: CallView['callId'] | null, error: { code: string; message: string }) =>
      state().callNoticeShown({ callId, kind: 'error', peer: null, error: error as never });
    const config = async () => {
      const c = await state().callConfigRequested();
      const session = state().session;
      if (c && session?.state === 'signedIn') engine.identify(session.userId, c.deviceId);
      return c;
    };
    const enter = async (call: CallView, media: 'audio' | 'video', join: (id: CallView['callId']) => ReturnType<ReturnType<typeof state>['callAcceptRequested']>) => {
      const c = await config();
      if (!c) return refused(call.callId, { code: 'offline', message: '' });
      // The microphone and camera open, and the offers are made, while the accept travels; they leave once it is taken.
      const joining = join(call.callId);
      const admitted = joining.then(
        (out) => out.ok,
        () => false,
      );
      await engine.prepare(call.callId, call.media, c.iceServers, { sendVideo: media === 'video', group: call.kind === 'group' });
      void engine.joined(call, admitted);
      const out = await joining;
      if (!out.ok) {
        engine.stop();
        return refused(call.callId, out.error);
      }
      state().callMinimisedChanged(false);
      await engine.joined(out.call);
      if (media !== call.media) engine.announceNow();
    };
    return {
      async start(target, media) {
        if (myCallHere(state().calls)) return;
        const c = await config();
        if (!c) return refused(null, { code: 'offline', message: '' });
        const out = await state().callStartRequested(target, media);
        if (!out.ok) return refused(null, out.error);
        state().callMinimisedChanged(false);
        if (out.call.state === 'ended') return;
        await engine.prepare(out.call.callId, media, c.iceServers, { group: out.call.kind === 'group' });
      },
      async accept(callId, asAudio = false) {
        const call = state().calls[callId];
        if (!call) return;
        await enter(call, asAudio ? 'audio' : call.media, (id) => state().callAcceptRequested(id));
      },
      async decline(callId) {
        await state().callDeclineRequested(callId);
      },
      async hangUp(callId) {
        engine.stop();
        await state().callHangupRequested(callId);
      },
      async join(callId) {
        const call = state().calls[callId];
        if (!call || myCallHere(state().calls)) return;
        await enter(call, call.media, (id) => state().callJoinRequested(id));
      },
      async invite(callId, userIds) {
        const out = await state().callInviteRequested(callId, userIds);
        if (!out.ok) refused(callId, out.error);
        return out.ok;
      },
    };
  }, [store, engine]);

  const value = useMemo<CallContextValue>(() => ({ engine, actions }), [engine, actions]);

  return (
    <CallContext.Provider value={value}>
      {children}
      {mine && (minimised ? <FloatingCall call={mine} /> : <CallScreen call={mine} />)}
      {incoming && <IncomingCall key={incoming.callId} call={incoming} />}
      <CallNotices />
    </CallContext.Provider>
  );
}

function useCallerName(call: CallView | null): string {
  return useChatStore((s) => {
    if (!call) return '';
    const friend = s.contacts.find((c) => c.userId === call.caller);
    if (friend) return friend.remark || friend.profile.nick || call.caller;
    return s.memberNicks[call.caller] || call.caller;
  });
}
