import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { useCallActions } from './CallContext';
import { useCallGroupName, useCallNames } from './callNames';
import { HangUpIcon, PhoneIcon, VideoIcon } from './icons';

/** C1: someone is calling me — caller, kind of call, Accept (or as audio) and Decline. */
export function IncomingCall({ call }: { call: CallView }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const nameOf = useCallNames(call);
  const groupName = useCallGroupName(call);
  const titleId = useId();
  const acceptRef = useRef<HTMLButtonElement>(null);
  const name = nameOf(call.caller);
  const video = call.media === 'video';
  const what = call.kind === 'group' ? t(video ? 'incoming.groupVideo' : 'incoming.groupVoice', { group: groupName ?? '' }) : t(video ? 'incoming.videoFrom' : 'incoming.voiceFrom');

  useEffect(() => acceptRef.current?.focus(), []);

  return (
    <div className="incoming-call" role="alertdialog" aria-labelledby={titleId} aria-describedby={`${titleId}-what`}>
      <div className="incoming-call__pulse" aria-hidden="true">
        <Avatar id={call.caller} name={name} size="xlarge" />
      </div>
      <div className="incoming-call__text">
        <p className="incoming-call__eyebrow">{t('incoming.label')}</p>
        <h2 id={titleId} className="incoming-call__name">
          {name}
        </h2>
        <p id={`${titleId}-what`} className="incoming-call__what">
          {video ? <VideoIcon size={16} /> : <PhoneIcon size={16} />}
          {what}
        </p>
      </div>
      <div className="incoming-call__actions">
        <div className="call-action">
          <button type="button" className="call-round call-round--danger" aria-label={t('incoming.decline')} onClick={() => void actions?.decline(call.callId)}>
            <HangUpIcon size={26} />
          </button>
          <span aria-hidden="true">{t('incoming.decline')}</span>
        </div>
        {video && (
          <div className="call-action">
            <button type="button" className="call-round call-round--neutral" aria-label={t('incoming.acceptAudio')} onClick={() => void actions?.accept(call.callId, true)}>
              <PhoneIcon size={24} />
            </button>
            <span aria-hidden="true">{t('incoming.acceptAudio')}</span>
          </div>
        )}
        <div className="call-action">
          <button ref={acceptRef} type="button" className="call-round call-round--accept" aria-label={t('incoming.accept')} onClick={() => void actions?.accept(call.callId)}>
            {video ? <VideoIcon size={26} /> : <PhoneIcon size={26} />}
          </button>
          <span aria-hidden="true">{t('incoming.accept')}</span>
        </div>
      </div>
    </div>
  );
}
