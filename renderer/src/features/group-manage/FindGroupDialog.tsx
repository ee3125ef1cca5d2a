import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_LIMITS, utf8Length, type GroupInfo } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { displayName, errorText } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import { joinAdvice } from './groupAbilities';
import { GroupAvatar } from './GroupAvatar';

/** G8 + G1: find a group by exact ID or by name, then join it, ask to join with a message, or learn why not. */
export function FindGroupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('findGroup.title')} description={t('findGroup.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <FindFlow onDone={onClose} />}
    </Dialog>
  );
}

type Step = { kind: 'find' } | { kind: 'apply'; group: GroupInfo } | { kind: 'done'; group: GroupInfo; outcome: 'joined' | 'pending' };

function FindFlow({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const groupsSearched = useChatStore((s) => s.groupsSearched);
  const groupApplyRequested = useChatStore((s) => s.groupApplyRequested);
  const [step, setStep] = useState<Step>({ kind: 'find' });
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<GroupInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const keyword = query.trim();
    if (!keyword) return;
    setBusy(true);
    const outcome = await groupsSearched(keyword);
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    setError(outcome.groups.length ? null : t('findGroup.noneFound', { query: keyword }));
    setResults(outcome.groups);
  };

  const join = async (group: GroupInfo) => {
    setError(null);
    const outcome = await groupApplyRequested(group.groupId, '');
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    setStep({ kind: 'done', group, outcome: outcome.outcome });
  };

  if (step.kind === 'apply') {
    return <ApplyForm group={step.group} onBack={() => setStep({ kind: 'find' })} onSent={(outcome) => setStep({ kind: 'done', group: step.group, outcome })} />;
  }
  if (step.kind === 'done') return <Done group={step.group} outcome={step.outcome} onDone={onDone} />;

  return (
    <div className="dialog-form">
      <form className="inline-add" onSubmit={(event) => void search(event)} noValidate>
        <TextField
          label={t('findGroup.query')}
          placeholder={t('findGroup.placeholder')}
          value={query}
          error={results === null ? error : null}
          onChange={(e) => setQuery(e.target.value)}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
        <button type="submit" className="button button--primary" disabled={busy || !query.trim()} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('findGroup.searching') : t('findGroup.search')}
        </button>
      </form>
      {results !== null && error && (
        <p className="alert alert--info" role="status">
          {error}
        </p>
      )}
      {results !== null && results.length > 0 && (
        <ul className="group-results" aria-label={t('findGroup.results')}>
          {results.map((group) => (
            <ResultRow key={group.groupId} group={group} onJoin={() => void join(group)} onApply={() => setStep({ kind: 'apply', group })} onOpened={onDone} />
          ))}
        </ul>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('findGroup.cancel')}
        </button>
      </div>
    </div>
  );
}

function ResultRow({ group, onJoin, onApply, onOpened }: { group: GroupInfo; onJoin: () => void; onApply: () => void; onOpened: () => void }) {
  const { t } = useTranslation();
  const isMember = useChatStore((s) => s.groups.some((g) => g.group.groupId === group.groupId));
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const advice = joinAdvice(group, isMember);
  const [busy, setBusy] = useState(false);
  return (
    <li className="group-result" aria-label={group.name}>
      <GroupAvatar group={group} size="medium" />
      <span className="group-result__text">
        <strong>{group.name}</strong>
        <span className="group-result__id">{group.groupId}</span>
        <span className="group-result__meta">
          {t(`groupTypes.${group.type}`)} · {t('groupsPane.members', { count: group.memberNum })}
        </span>
      </span>
      <span className="group-result__action">
        {advice.kind === 'member' && (
          <button type="button" className="button button--secondary" aria-label={t('findGroup.openLabel', { name: group.name })} onClick={() => {
            contactsPaneChosen({ kind: 'group', groupId: group.groupId });
            onOpened();
          }}>
            {t('findGroup.open')}
          </button>
        )}
        {advice.kind === 'join' && (
          <button type="button" className="button button--primary" disabled={busy} aria-label={t('findGroup.joinLabel', { name: group.name })} onClick={() => {
            setBusy(true);
            onJoin();
          }}>
            {t('findGroup.join')}
          </button>
        )}
        {advice.kind === 'apply' && (
          <button type="button" className="button button--primary" aria-label={t('findGroup.applyLabel', { name: group.name })} onClick={onApply}>
            {t('findGroup.apply')}
          </button>
        )}
        {advice.kind === 'impossible' && <span className="group-result__reason">{t(`findGroup.${advice.reason}`)}</span>}
      </span>
    </li>
  );
}

function ApplyForm({ group, onBack, onSent }: { group: GroupInfo; onBack: () => void; onSent: (outcome: 'joined' | 'pending') => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const groupApplyRequested = useChatStore((s) => s.groupApplyRequested);
  const [wording, setWording] = useState(t('findGroup.wordingDefault', { name: me ? displayName(me) : '' }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = utf8Length(wording.trim()) > GROUP_LIMITS.applicationWordingBytes;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (tooLong) return;
    setBusy(true);
    const outcome = await groupApplyRequested(group.groupId, wording);
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    onSent(outcome.outcome);
  };

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="person-chip">
        <GroupAvatar group={group} size="medium" />
        <div className="person-chip__text">
          <strong>{group.name}</strong>
          <span>
            {t(`groupTypes.${group.type}`)} · {t('groupsPane.members', { count: group.memberNum })}
          </span>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="group-apply-wording">
          {t('findGroup.wording')}
        </label>
        <textarea id="group-apply-wording" className="field__input field__textarea" rows={3} value={wording} onChange={(e) => setWording(e.target.value)} aria-invalid={tooLong || undefined} autoFocus />
        {tooLong && (
          <p className="field__error" role="alert">
            {t('findGroup.wordingTooLong')}
          </p>
        )}
      </div>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('findGroup.back')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || tooLong} aria-busy={busy}>
          {busy && <Spinner />}
          {t('findGroup.send')}
        </button>
      </div>
    </form>
  );
}

function Done({ group, outcome, onDone }: { group: GroupInfo; outcome: 'joined' | 'pending'; onDone: () => void }) {
  const { t } = useTranslation();
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  return (
    <div className="dialog-form">
      <p className="alert alert--success" role="status">
        {outcome === 'joined' ? t('findGroup.joined', { name: group.name }) : t('findGroup.pending', { name: group.name })}
      </p>
      <div className="dialog__actions">
        {outcome === 'joined' && (
          <button type="button" className="button button--secondary" onClick={() => {
            contactsPaneChosen({ kind: 'group', groupId: group.groupId });
            onDone();
          }}>
            {t('findGroup.open')}
          </button>
        )}
        <button type="button" className="button button--primary" onClick={onDone} autoFocus>
          {t('findGroup.done')}
        </button>
      </div>
    </div>
  );
}
