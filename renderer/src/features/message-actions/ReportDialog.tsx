import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { messageText } from '../../i18n';
import { useChatStore, type ReportReason } from '../../state';

const REASONS: ReportReason[] = ['spam', 'abuse', 'illegal', 'other'];

/** M16: report a message with a reason and an optional note; stored for the server's administrators. */
export function ReportDialog() {
  const { t } = useTranslation();
  const message = useChatStore((s) => s.reporting);
  const reportCancelled = useChatStore((s) => s.reportCancelled);
  const reportSubmitted = useChatStore((s) => s.reportSubmitted);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const noteId = useId();

  const close = () => {
    reportCancelled();
    setNote('');
    setReason('spam');
  };

  return (
    <Dialog open={message !== null} title={t('report.title')} description={t('report.description')} closeLabel={t('app.close')} onClose={close}>
      {message && (
        <form
          className="dialog-form"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            const ok = await reportSubmitted(reason, note);
            setBusy(false);
            if (ok) {
              setNote('');
              setReason('spam');
            }
          }}
        >
          <blockquote className="dialog-quote">{messageText(message.body, t)}</blockquote>
          <fieldset>
            <legend>{t('report.reason')}</legend>
            {REASONS.map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="report-reason" value={value} checked={reason === value} onChange={() => setReason(value)} />
                {t(`report.${value}`)}
              </label>
            ))}
          </fieldset>
          <div className="dialog-field">
            <label htmlFor={noteId}>{t('report.note')}</label>
            <textarea id={noteId} rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button--secondary" onClick={close}>
              {t('report.cancel')}
            </button>
            <button type="submit" className="button button--danger" disabled={busy}>
              {t('report.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
