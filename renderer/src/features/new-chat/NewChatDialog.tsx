import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UserId } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import './new-chat.css';

interface NewChatDialogProps {
  open: boolean;
  onClose: () => void;
}

/** Start a one-to-one chat by typing someone's UserID; an unknown one is said plainly. */
export function NewChatDialog({ open, onClose }: NewChatDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('newChat.title')} description={t('newChat.description')} closeLabel={t('app.close')} onClose={onClose}>
      {/* Mounted only while open, so every opening starts with an empty form. */}
      {open && <NewChatForm onDone={onClose} />}
    </Dialog>
  );
}

function NewChatForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const chatStartRequested = useChatStore((s) => s.chatStartRequested);
  const [userId, setUserId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = userId.trim();
    if (!UserId.safeParse(wanted).success) return setError(t('validation.userId'));
    if (wanted === me?.userId) return setError(t('newChat.yourself'));
    setBusy(true);
    const outcome = await chatStartRequested(wanted);
    setBusy(false);
    if (outcome.ok) return onDone();
    setError(outcome.error.code === 'user_not_found' || outcome.error.code === 'account_not_found' ? t('newChat.notFound', { userId: wanted }) : errorText(t, outcome.error));
  };

  return (
    <form className="new-chat" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('newChat.userId')}
        placeholder={t('newChat.placeholder')}
        value={userId}
        error={error}
        onChange={(event) => {
          setUserId(event.target.value);
          setError(null);
        }}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('newChat.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || userId.trim() === ''} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('newChat.searching') : t('newChat.submit')}
        </button>
      </div>
    </form>
  );
}
