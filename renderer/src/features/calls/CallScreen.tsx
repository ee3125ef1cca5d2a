import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { selectSignedInUser, useChatStore } from '../../state';
import { useCallActions, useEngineSnapshot } from './CallContext';
import { useCallGroupName, useCallNames } from './callNames';
import { CallControls } from './CallControls';
import { peerKey } from './callEngine';
import { CallDuration, QualityIndicator } from './CallStatus';
import { InviteDialog } from './InviteDialog';
import { VideoTile, type TileModel } from './VideoTile';

/** The participants shown as tiles: everyone joined (me last), then, while it rings, who is being called. */
export function useTiles(call: CallView): { tiles: TileModel[]; me: TileModel | null } {
  const snapshot = useEngineSnapshot();
  const myId = useChatStore(selectSignedInUser)?.userId;
  const nameOf = useCallNames(call);
  const tiles: TileModel[] = [];
  let me: TileModel | null = null;
  for (const p of call.participants) {
    if (p.userId === myId) {
      me = { key: 'me', userId: p.userId, name: nameOf(p.userId), stream: snapshot?.local ?? null, video: !!snapshot?.video && !!snapshot?.videoCall, audio: !!snapshot?.audio, self: true, speaking: snapshot?.activeSpeaker === 'me', waiting: false };
      continue;
    }
    if (p.state !== 'joined' && p.state !== 'invited') continue;
    const key = p.deviceId ? peerKey(p.userId, p.deviceId) : p.userId;
    const remote = snapshot?.remotes.find((r) => r.key === key) ?? null;
    tiles.push({ key, userId: p.userId, name: nameOf(p.userId), stream: p.state === 'joined' ? (remote?.stream ?? null) : null, video: p.state === 'joined' && p.video, audio: p.audio, self: false, speaking: snapshot?.activeSpeaker === key, waiting: p.state === 'invited', connecting: p.state === 'joined' && remote?.connection !== 'connected' });
  }
  return { tiles, me };
}

/** C1/C2: the call, full window: "Calling Bob…" while it rings, then the video tiles and the controls. */
export function CallScreen({ call }: { call: CallView }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const snapshot = useEngineSnapshot();
  const myId = useChatStore(selectSignedInUser)?.userId;
  const nameOf = useCallNames(call);
  const groupName = useCallGroupName(call);
  const [inviting, setInviting] = useState(false);
  const { tiles, me } = useTiles(call);
  const others = call.participants.filter((p) => p.userId !== myId);
  const peerName = call.kind === 'c2c' ? nameOf(others[0]?.userId ?? '') : (groupName ?? t('screen.groupLabel'));
  const label = call.kind === 'c2c' ? t('screen.label', { name: peerName }) : `${t('screen.groupLabel')} · ${peerName}`;
  const outgoing = call.state === 'ringing' && call.caller === myId;
  const joined = call.participants.filter((p) => p.state === 'joined').length;
  const grid = call.kind === 'group' || tiles.length > 1;
  // Focus moves into the call when it opens (or is restored), so keyboard and screen reader users land on it.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [outgoing]);

  if (outgoing && call.kind === 'c2c') {
    const callee = others[0];
    return (
      <section ref={ref} tabIndex={-1} className="call-screen call-screen--outgoing" aria-label={label}>
        {me?.video && me.stream && <VideoTile tile={me} variant="backdrop" />}
        <div className="call-outgoing">
          <div className="call-outgoing__avatar">
            <Avatar id={callee?.userId ?? ''} name={peerName} size="xlarge" />
          </div>
          <h2 className="call-outgoing__title">{t('outgoing.calling', { name: peerName })}</h2>
          <p className="call-outgoing__sub">{t('outgoing.ringing')}</p>
        </div>
        <div className="call-outgoing__actions">
          <div className="call-action">
            <button type="button" className="call-round call-round--danger" aria-label={t('outgoing.cancel')} onClick={() => void actions?.hangUp(call.callId)}>
              <HangUpIcon26 />
            </button>
            <span aria-hidden="true">{t('outgoing.cancel')}</span>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section ref={ref} tabIndex={-1} className="call-screen" aria-label={label}>
      <header className="call-screen__top">
        <div className="call-screen__title">
          <h2>{peerName}</h2>
          <p>
            {call.state === 'ringing' ? (
              outgoing ? t('outgoing.callingGroup', { count: others.length }) : t('screen.connecting')
            ) : (
              <>
                <CallDuration connectedAt={call.connectedAt} />
                {call.kind === 'group' && <span> · {t('screen.people', { count: joined })}</span>}
              </>
            )}
          </p>
        </div>
        <QualityIndicator quality={snapshot?.quality ?? 'unknown'} />
      </header>
      {snapshot?.mediaError && (
        <p className="call-screen__warning" role="alert">
          {t('notice.noMedia')}
        </p>
      )}
      {grid ? (
        <div className={`call-grid call-grid--${Math.min(tiles.length + 1, 6)}`}>
          {tiles.map((tile) => (
            <VideoTile key={tile.key} tile={tile} variant="grid" />
          ))}
          {me && <VideoTile tile={me} variant="grid" />}
        </div>
      ) : (
        <div className="call-stage">
          {tiles[0] ? <VideoTile tile={tiles[0]} variant="stage" /> : <div className="call-stage__empty" />}
          {me && <VideoTile tile={me} variant="pip" />}
        </div>
      )}
      <CallControls call={call} onInvite={call.kind === 'group' ? () => setInviting(true) : undefined} />
      {inviting && <InviteDialog call={call} onClose={() => setInviting(false)} />}
    </section>
  );
}

const HangUpIcon26 = () => (
  <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
    <path d="M3.5 14.5c4.7-4.3 12.3-4.3 17 0l-1.6 2.7-3.6-1.2-.4-2.6a10 10 0 0 0-5.8 0l-.4 2.6-3.6 1.2z" fill="currentColor" />
  </svg>
);
