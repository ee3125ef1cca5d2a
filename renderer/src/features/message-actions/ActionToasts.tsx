import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';

const NOTICE_MS = 3000;

/** Short confirmations ("Forwarded.") and refusals of actions, announced and dismissable. */
export function ActionToasts() {
  const { t } = useTranslation();
  const notice = useChatStore((s) => s.actionNotice);
  const error = useChatStore((s) => s.actionError ?? s.conversationError);
  const actionErrorDismissed = useChatStore((s) => s.actionErrorDismissed);
  const conversationErrorDismissed = useChatStore((s) => s.conversationErrorDismissed);
  const actionNoticeDismissed = useChatStore((s) => s.actionNoticeDismissed);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(actionNoticeDismissed, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, actionNoticeDismissed]);

  return (
    <>
      <div role="status" aria-live="polite">
        {notice && !error && <div className="action-toast">{t(`actions.${notice.kind}`)}</div>}
      </div>
      {error && (
        <div className="action-toast action-toast--error" role="alert">
          <span>{errorText(t, error)}</span>
          <button
            type="button"
            onClick={() => {
              actionErrorDismissed();
              conversationErrorDismissed();
            }}
          >
            {t('actions.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
