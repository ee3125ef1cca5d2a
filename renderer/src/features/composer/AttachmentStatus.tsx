import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../../shared/domain';
import { CloseIcon } from '../../components/icons';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';

/** Above the composer: a file being handed to the core, a refused attachment, or a recording problem. */
export function AttachmentStatus({ conversationId, notice, onDismissNotice }: { conversationId: ConversationId; notice: string | null; onDismissNotice: () => void }) {
  const { t } = useTranslation();
  const staging = useChatStore((s) => s.staging[conversationId]);
  const error = useChatStore((s) => s.attachmentErrors[conversationId]);
  const attachmentErrorDismissed = useChatStore((s) => s.attachmentErrorDismissed);
  const text = error ? errorText(t, error) : notice;
  return (
    <>
      {staging && (
        <p className="composer__staging" role="status">
          {t('attach.preparing', { name: staging.name, percent: staging.total > 0 ? Math.floor((staging.sent / staging.total) * 100) : 0 })}
        </p>
      )}
      {text && (
        <p className="composer__error composer__error--dismissable" role="alert">
          <span>{text}</span>
          <button
            type="button"
            className="composer__dismiss"
            aria-label={t('app.close')}
            onClick={() => (error ? attachmentErrorDismissed(conversationId) : onDismissNotice())}
          >
            <CloseIcon />
          </button>
        </p>
      )}
    </>
  );
}
