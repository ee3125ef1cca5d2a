import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useChatStore, type GroupNotice } from '../../state';
import './group-manage.css';

/** "You were removed from X", "X was disbanded", a decided request to join: shown wherever I am, until dismissed. */
export function GroupNotices() {
  const { t } = useTranslation();
  const notices = useChatStore((s) => s.groupNotices);
  const groupNoticeDismissed = useChatStore((s) => s.groupNoticeDismissed);
  if (notices.length === 0) return null;
  return (
    <div className="group-notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`group-notice group-notice--${notice.kind}`} role="alert">
          <span>{noticeText(notice, t)}</span>
          <button type="button" className="button button--secondary group-notice__dismiss" onClick={() => groupNoticeDismissed(notice.id)}>
            {t('groupNotices.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}

function noticeText(notice: GroupNotice, t: TFunction): string {
  const group = notice.name;
  switch (notice.kind) {
    case 'kicked':
      return notice.wording ? t('groupNotices.kickedWithReason', { group, reason: notice.wording }) : t('groupNotices.kicked', { group });
    case 'disbanded':
      return t('groupNotices.disbanded', { group });
    case 'quit':
      return t('groupNotices.quit', { group });
    case 'approved':
      return t('groupNotices.approved', { group });
    case 'rejected':
      return t('groupNotices.rejected', { group });
  }
}
