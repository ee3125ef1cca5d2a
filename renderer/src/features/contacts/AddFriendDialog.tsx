import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATION_LIMITS, utf8Length } from '../../../../shared/domain';
import type { ProfileCard } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { displayName, errorText } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import { ListField } from './FriendDialogs';
import { cardName, useAvatarSrc } from './people';

interface AddFriendDialogProps {
  open: boolean;
  onClose: () => void;
  /** From a profile card: skip the lookup. */
  presetUserId?: string;
}

/** R1/R2: find someone by exact UserID or nickname prefix, see their card, then ask (wording, remark, list). */
export function AddFriendDialog({ open, onClose, presetUserId }: AddFriendDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('addFriend.title')} description={presetUserId ? undefined : t('addFriend.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <AddFriendFlow presetUserId={presetUserId} onDone={onClose} />}
    </Dialog>
  );
}

type Step =
  | { kind: 'find' }
  | { kind: 'results'; query: string; results: ProfileCard[] }
  | { kind: 'compose'; card: ProfileCard; back: Step }
  | { kind: 'done'; name: string; outcome: 'added' | 'requested'; userId: string };

function AddFriendFlow({ presetUserId, onDone }: { presetUserId?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const cardRequested = useChatStore((s) => s.cardRequested);
  const usersSearched = useChatStore((s) => s.usersSearched);
  const [step, setStep] = useState<Step>({ kind: 'find' });
  const [query, setQuery] = useState(presetUserId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** From a profile card: that one person, by UserID. */
  const open = async (wanted: string) => {
    const state = await cardRequested(wanted);
    if (!state.card) {
      return setError(state.error?.code === 'user_not_found' || state.error?.code === 'account_not_found' || !state.error ? t('addFriend.notFound', { userId: wanted }) : errorText(t, state.error));
    }
    setStep({ kind: 'compose', card: state.card, back: { kind: 'find' } });
  };

  /** R1: the exact UserID, and people who allow it whose nickname starts with what was typed. */
  const find = async (wanted: string) => {
    if (wanted === me?.userId) return setError(t('addFriend.yourself'));
    setBusy(true);
    const outcome = await usersSearched(wanted);
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    const { results } = outcome;
    if (results.length === 0) return setError(t('addFriend.noneFound', { query: wanted }));
    setError(null);
    const only = results.length === 1 ? results[0] : undefined;
    // Exactly the UserID typed: straight to the request, as before nickname search existed.
    if (only && only.profile.userId === wanted) return setStep({ kind: 'compose', card: only, back: { kind: 'find' } });
    setStep({ kind: 'results', query: wanted, results });
  };

  useEffect(() => {
    if (presetUserId) void Promise.resolve().then(() => open(presetUserId));
    // Only on opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (step.kind === 'compose') {
    return (
      <ComposeRequest
        card={step.card}
        myName={me ? displayName(me) : ''}
        onBack={presetUserId ? onDone : () => setStep(step.back)}
        onSent={(outcome) => setStep({ kind: 'done', name: cardName(step.card), outcome, userId: step.card.profile.userId })}
      />
    );
  }
  if (step.kind === 'done') return <Done step={step} onDone={onDone} />;
  if (step.kind === 'results') {
    return <Results step={step} onChoose={(card) => setStep({ kind: 'compose', card, back: step })} onBack={() => setStep({ kind: 'find' })} />;
  }

  if (presetUserId && !error) {
    return (
      <div className="dialog-form dialog-form--center">
        <Spinner label={t('addFriend.finding')} />
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void find(query.trim());
  };
  return (
    <form className="dialog-form" onSubmit={submit} noValidate>
      <TextField
        label={t('addFriend.userId')}
        placeholder={t('addFriend.placeholder')}
        value={query}
        error={error}
        maxLength={64}
        onChange={(event) => {
          setQuery(event.target.value);
          setError(null);
        }}
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('addFriend.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || query.trim() === ''} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('addFriend.finding') : t('addFriend.find')}
        </button>
      </div>
    </form>
  );
}

/** Several people matched: each is a button that opens the request for them. */
function Results({ step, onChoose, onBack }: { step: { query: string; results: ProfileCard[] }; onChoose: (card: ProfileCard) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <div className="dialog-form">
      <p id={headingId} className="field__label">
        {t('addFriend.results')} · <span className="add-friend-results__hint">{t('addFriend.resultsHint')}</span>
      </p>
      <ul className="add-friend-results" aria-labelledby={headingId}>
        {step.results.map((card) => (
          <li key={card.profile.userId}>
            <ResultButton card={card} onChoose={onChoose} autoFocus={card === step.results[0]} />
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('addFriend.back')}
        </button>
      </div>
    </div>
  );
}

function ResultButton({ card, onChoose, autoFocus }: { card: ProfileCard; onChoose: (card: ProfileCard) => void; autoFocus: boolean }) {
  const { t } = useTranslation();
  const name = cardName(card);
  const photo = useAvatarSrc(card.profile.image);
  return (
    <button type="button" className="person-chip person-chip--button" onClick={() => onChoose(card)} autoFocus={autoFocus}>
      <Avatar id={card.profile.userId} name={name} size="medium" src={photo} />
      <span className="person-chip__text">
        <strong>{name}</strong>
        <span>@{card.profile.userId}</span>
        {card.profile.selfSignature && <span className="person-chip__signature">{card.profile.selfSignature}</span>}
      </span>
      {card.friend && <span className="person-chip__tag">{t('addFriend.friendTag')}</span>}
    </button>
  );
}

function ComposeRequest({ card, myName, onBack, onSent }: { card: ProfileCard; myName: string; onBack: () => void; onSent: (outcome: 'added' | 'requested') => void }) {
  const { t } = useTranslation();
  const friendAddRequested = useChatStore((s) => s.friendAddRequested);
  const name = cardName(card);
  const photo = useAvatarSrc(card.profile.image);
  const [wording, setWording] = useState(t('addFriend.wordingDefault', { name: myName }));
  const [remark, setRemark] = useState('');
  const [list, setList] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const allow = card.profile.allowType;
  const already = card.friend !== null;
  const denied = allow === 'AllowType_Type_DenyAny';
  const wordingTooLong = utf8Length(wording) > RELATION_LIMITS.addWordingBytes;
  const remarkTooLong = utf8Length(remark.trim()) > RELATION_LIMITS.remarkBytes;
  const listTooLong = utf8Length(list.trim()) > RELATION_LIMITS.friendListNameBytes;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (wordingTooLong || remarkTooLong || listTooLong) return;
    setBusy(true);
    setError(null);
    const outcome = await friendAddRequested({ userId: card.profile.userId, wording: wording.trim(), remark: remark.trim(), list: list.trim() });
    setBusy(false);
    if (outcome.ok) return onSent(outcome.outcome);
    setError(outcome.error.code === 'friend_add_denied' ? t('addFriend.deniesAll', { name }) : errorText(t, outcome.error));
  };

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="person-chip">
        <Avatar id={card.profile.userId} name={name} size="medium" src={photo} />
        <div className="person-chip__text">
          <strong>{name}</strong>
          <span>@{card.profile.userId}</span>
          {card.profile.selfSignature && <span className="person-chip__signature">{card.profile.selfSignature}</span>}
        </div>
      </div>
      {already ? (
        <p className="alert alert--info" role="status">
          {t('addFriend.alreadyFriend', { name })}
        </p>
      ) : denied ? (
        <p className="alert alert--error" role="alert">
          {t('addFriend.deniesAll', { name })}
        </p>
      ) : (
        <>
          {allow === 'AllowType_Type_NeedConfirm' && (
            <div className="field">
              <label className="field__label" htmlFor="add-friend-wording">
                {t('addFriend.wording', { name })}
              </label>
              <textarea id="add-friend-wording" className="field__input field__textarea" rows={2} value={wording} onChange={(e) => setWording(e.target.value)} aria-invalid={wordingTooLong || undefined} />
              {wordingTooLong && (
                <p className="field__error" role="alert">
                  {t('addFriend.tooLong', { bytes: RELATION_LIMITS.addWordingBytes })}
                </p>
              )}
            </div>
          )}
          <TextField label={t('addFriend.remark')} value={remark} onChange={(e) => setRemark(e.target.value)} error={remarkTooLong ? t('remark.tooLong') : null} />
          <ListField value={list} onChange={setList} error={listTooLong ? t('lists.tooLong') : null} />
        </>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('addFriend.back')}
        </button>
        {!already && !denied && (
          <button type="submit" className="button button--primary" disabled={busy || wordingTooLong || remarkTooLong || listTooLong} aria-busy={busy}>
            {busy && <Spinner />}
            {allow === 'AllowType_Type_AllowAny' ? t('addFriend.add') : t('addFriend.sendRequest')}
          </button>
        )}
      </div>
    </form>
  );
}

function Done({ step, onDone }: { step: { name: string; outcome: 'added' | 'requested'; userId: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const chatStartRequested = useChatStore((s) => s.chatStartRequested);
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  return (
    <div className="dialog-form">
      <p className="alert alert--success" role="status">
        {step.outcome === 'added' ? t('addFriend.added', { name: step.name }) : t('addFriend.requested', { name: step.name })}
      </p>
      <div className="dialog__actions">
        {step.outcome === 'added' && (
          <button
            type="button"
            className="button button--secondary"
            onClick={async () => {
              const opened = await chatStartRequested(step.userId);
              if (opened.ok) sectionChosen('chats');
              onDone();
            }}
          >
            {t('profile.message')}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={onDone} autoFocus>
          {t('addFriend.done')}
        </button>
      </div>
    </div>
  );
}
