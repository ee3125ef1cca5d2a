import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';

const NOTICE_MS = 3000;

/**
 * Short confirmations ("Forwarded.") and refusals of actions — at once, or later when the
 * server refuses a queued change ("Couldn’t recall the message: …") — announced and dismissable.
 */
export function ActionToasts() {
  const { t } = useTranslation();
  const notice = useChatStore((s) => s.actionNotice);
  const error = useChatStore((s) => s.actionError ?? s.conversationError);
  const failure = useChatStore((s) => s.operationFailure);
  const actionErrorDismissed = useChatStore((s) => s.actionErrorDismissed);
  const conversationErrorDismissed = useChatStore((s) => s.conversationErrorDismissed);
  const actionNoticeDismissed = useChatStore((s) => s.actionNoticeDismissed);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(actionNoticeDismissed, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, actionNoticeDismissed]);

  const errorLine = error ? errorText(t, error) : failure ? t(`actions.failed.${failure.op}`, { reason: errorText(t, failure.error) }) : null;

  return (
    <>
      <div role="status" aria-live="polite">
        {notice && errorLine === null && <div className="action-toast">{t(`actions.${notice.kind}`)}</div>}
      </div>
      {errorLine !== null && (
        <div className="action-toast action-toast--error" role="alert" key={failure && !error ? failure.nonce : 'error'}>
          <span>{errorLine}</span>
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
