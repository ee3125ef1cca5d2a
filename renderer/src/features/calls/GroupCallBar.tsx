import { useTranslation } from 'react-i18next';
import type { GroupId } from '../../../../shared/domain';
import { joinableGroupCall, myCallHere, useChatStore } from '../../state';
import { useCallActions } from './CallContext';
import { PhoneIcon, VideoIcon } from './icons';

/** C2: "Call in progress · 3 people · Join" above a group's chat while a call I am not in goes on. */
export function GroupCallBar({ groupId }: { groupId: GroupId }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const call = useChatStore((s) => joinableGroupCall(s.calls, groupId));
  const inAnother = useChatStore((s) => myCallHere(s.calls) !== null);
  if (!call || !actions) return null;
  const count = call.participants.filter((p) => p.state === 'joined').length;
  return (
    <div className="group-call-bar" role="region" aria-label={t('join.bar')}>
      <span className="group-call-bar__icon" aria-hidden="true">
        {call.media === 'video' ? <VideoIcon size={18} /> : <PhoneIcon size={18} />}
      </span>
      <span className="group-call-bar__text">
        <strong>{t('join.bar')}</strong> · {t('join.people', { count })}
      </span>
      <button type="button" className="button button--primary group-call-bar__join" aria-label={t('join.joinLabel')} disabled={inAnother} onClick={() => void actions.join(call.callId)}>
        {t('join.join')}
      </button>
    </div>
  );
}
