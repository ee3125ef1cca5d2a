import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../shared/domain';
import { ClockIcon } from '../../components/icons';
import { formatClock, toMillis } from '../../i18n';

/** M14: "edited" next to the time; a clock while an offline edit, recall or reaction waits in the outbox. */
export function EditedMarker({ message }: { message: ChatMessage }) {
  const { t, i18n } = useTranslation();
  if (message.editedAt === null && !message.hasPendingChanges) return null;
  return (
    <>
      {message.editedAt !== null && (
        <span className="edited-marker" title={t('actions.editedAt', { time: formatClock(toMillis(message.editedAt), i18n.language) })}>
          {t('actions.edited')}
        </span>
      )}
      {message.hasPendingChanges && (
        <span className="edited-marker" role="img" aria-label={t('actions.pendingChanges')} title={t('actions.pendingChanges')}>
          <ClockIcon />
        </span>
      )}
    </>
  );
}
