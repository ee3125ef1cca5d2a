import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useChatStore, type CallNotice } from '../../state';
import { usePersonNamer } from '../chat/usePersonNames';
import { CloseIcon } from '../../components/icons';

/** The last word on a call: "Bob declined", "No answer", "Answered on another device", a refusal by code. */
export function CallNotices() {
  const notices = useChatStore((s) => s.callNotices);
  const dismissed = useChatStore((s) => s.callNoticeDismissed);
  const { t } = useTranslation('calls');
  if (notices.length === 0) return null;
  return (
    <div className="call-notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`call-notice call-notice--${notice.kind}`}>
          <NoticeText notice={notice} />
          <button type="button" className="icon-button call-notice__close" aria-label={t('notice.dismiss')} onClick={() => dismissed(notice.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}

function NoticeText({ notice }: { notice: CallNotice }) {
  const { t } = useTranslation('calls');
  const { t: tMain } = useTranslation();
  const namer = usePersonNamer();
  const name = notice.peer ? namer(null, notice.peer) : '';
  switch (notice.kind) {
    case 'declined':
      return <span>{t('notice.declined', { name })}</span>;
    case 'busy':
      return <span>{t('notice.busy', { name })}</span>;
    case 'missed':
      return <span>{t('notice.missed')}</span>;
    case 'cancelled':
      return <span>{t('notice.cancelled')}</span>;
    case 'ended':
      return <span>{t('notice.ended')}</span>;
    case 'elsewhere':
      return <span>{t('notice.elsewhere')}</span>;
    default:
      return <span>{t('notice.error', { reason: callErrorText(notice, t, tMain) })}</span>;
  }
}

type T = ReturnType<typeof useTranslation<'calls'>>['t'];
type TMain = Parameters<typeof errorText>[0];

function callErrorText(notice: CallNotice, t: T, tMain: TMain): string {
  const code = notice.error?.code;
  if (code === 'call_full') return t('errors.full');
  if (code === 'call_in_another') return t('errors.inAnother');
  if (code === 'blocked_by_peer' || code === 'peer_blocked_by_me') return t('errors.blocked');
  if (code === 'not_friends_both' || code === 'not_friend_of_peer' || code === 'not_friends') return t('errors.friendsOnly');
  return notice.error ? errorText(tMain, notice.error) : '';
}
