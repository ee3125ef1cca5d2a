import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RELATION_LIMITS, utf8Length } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';

/** Shared by the small forms below: busy flag, error text, and close when it worked. */
function useSubmit(onDone: () => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(errorText(t, outcome.error));
  };
  return { busy, error, setError, submit };
}

function Actions({ busy, cancel, confirm, onCancel, danger = false, disabled = false }: { busy: boolean; cancel: string; confirm: string; onCancel: () => void; danger?: boolean; disabled?: boolean }) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {cancel}
      </button>
      <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy || disabled} aria-busy={busy}>
        {busy && <Spinner />}
        {confirm}
      </button>
    </div>
  );
}

/** R4: my remark for a friend (≤ 96 bytes); empty clears it. */
export function RemarkDialog({ open, userId, name, remark, onClose }: { open: boolean; userId: string; name: string; remark: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('remark.title', { name })} description={t('remark.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <RemarkForm userId={userId} remark={remark} onDone={onClose} />}
    </Dialog>
  );
}

function RemarkForm({ userId, remark, onDone }: { userId: string; remark: string; onDone: () => void }) {
  const { t } = useTranslation();
  const friendUpdateRequested = useChatStore((s) => s.friendUpdateRequested);
  const [value, setValue] = useState(remark);
  const { busy, error, submit } = useSubmit(onDone);
  const tooLong = utf8Length(value.trim()) > RELATION_LIMITS.remarkBytes;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!tooLong) void submit(() => friendUpdateRequested(userId, { remark: value.trim() }));
  };
  return (
    <form className="dialog-form" onSubmit={onSubmit} noValidate>
      <TextField label={t('remark.label')} value={value} onChange={(e) => setValue(e.target.value)} error={tooLong ? t('remark.tooLong') : error} autoFocus />
      <Actions busy={busy} cancel={t('remark.cancel')} confirm={t('remark.save')} onCancel={onDone} disabled={tooLong} />
    </form>
  );
}

/** R4: the lists a friend is in (several allowed); a new list can be made on the spot. */
export function ListPickerDialog({ open, userId, name, current, onClose }: { open: boolean; userId: string; name: string; current: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('listPicker.title', { name })} description={t('listPicker.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <ListPickerForm userId={userId} current={current} onDone={onClose} />}
    </Dialog>
  );
}

function ListPickerForm({ userId, current, onDone }: { userId: string; current: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const lists = useChatStore((s) => s.friendLists);
  const friendUpdateRequested = useChatStore((s) => s.friendUpdateRequested);
  const [chosen, setChosen] = useState<string[]>(current);
  const [extra, setExtra] = useState<string[]>([]);
  const [newName, setNewName] = useState('');
  const { busy, error, setError, submit } = useSubmit(onDone);
  const names = [...new Set([...lists.map((l) => l.name), ...extra])];
  const toggle = (listName: string) => setChosen((c) => (c.includes(listName) ? c.filter((n) => n !== listName) : [...c, listName]));
  const addNew = () => {
    const trimmed = newName.trim();
    if (!trimmed) return;
    if (utf8Length(trimmed) > RELATION_LIMITS.friendListNameBytes) return setError(t('lists.tooLong'));
    setExtra((e) => (names.includes(trimmed) ? e : [...e, trimmed]));
    setChosen((c) => (c.includes(trimmed) ? c : [...c, trimmed]));
    setNewName('');
    setError(null);
  };
  return (
    <form
      className="dialog-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => friendUpdateRequested(userId, { lists: chosen }));
      }}
      noValidate
    >
      {names.length === 0 ? (
        <p className="dialog-form__muted">{t('listPicker.none')}</p>
      ) : (
        <fieldset className="check-list">
          <legend className="visually-hidden">{t('profile.lists')}</legend>
          {names.map((listName) => (
            <label key={listName} className="check-list__item">
              <input type="checkbox" checked={chosen.includes(listName)} onChange={() => toggle(listName)} />
              <span>{listName}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="inline-add">
        <TextField
          label={t('listPicker.newList')}
          value={newName}
          onChange={(e) => setNewName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addNew();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={addNew} disabled={!newName.trim()}>
          {t('listPicker.create')}
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <Actions busy={busy} cancel={t('listPicker.cancel')} confirm={t('listPicker.save')} onCancel={onDone} />
    </form>
  );
}

/** R3: one-way or two-way deletion, each explained. */
export function DeleteFriendDialog({ open, userId, name, onClose }: { open: boolean; userId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('deleteFriend.title', { name })} description={t('deleteFriend.history')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <DeleteFriendForm userId={userId} name={name} onDone={onClose} />}
    </Dialog>
  );
}

function DeleteFriendForm({ userId, name, onDone }: { userId: string; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const friendDeleteRequested = useChatStore((s) => s.friendDeleteRequested);
  const [mode, setMode] = useState<'single' | 'both'>('both');
  const { busy, error, submit } = useSubmit(onDone);
  return (
    <form
      className="dialog-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => friendDeleteRequested(userId, mode));
      }}
      noValidate
    >
      <fieldset className="choice-list">
        <legend className="visually-hidden">{t('deleteFriend.how')}</legend>
        {(['both', 'single'] as const).map((option) => (
          <label key={option} className={`choice ${mode === option ? 'choice--on' : ''}`}>
            <input type="radio" name="delete-mode" value={option} checked={mode === option} onChange={() => setMode(option)} />
            <span className="choice__text">
              <span className="choice__title">{t(`deleteFriend.${option}`)}</span>
              <span className="choice__body">{t(`deleteFriend.${option}Body`, { name })}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <Actions busy={busy} cancel={t('deleteFriend.cancel')} confirm={t('deleteFriend.confirm')} onCancel={onDone} danger />
    </form>
  );
}

/** R2: accept a request, optionally with a remark and a list (makes a two-way friendship). */
export function AcceptRequestDialog({ open, userId, name, onClose }: { open: boolean; userId: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('requests.acceptTitle', { name })} description={t('requests.acceptDescription')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <AcceptForm userId={userId} onDone={onClose} />}
    </Dialog>
  );
}

function AcceptForm({ userId, onDone }: { userId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const friendRequestAccepted = useChatStore((s) => s.friendRequestAccepted);
  const [remark, setRemark] = useState('');
  const [list, setList] = useState('');
  const { busy, error, submit } = useSubmit(onDone);
  const remarkTooLong = utf8Length(remark.trim()) > RELATION_LIMITS.remarkBytes;
  const listTooLong = utf8Length(list.trim()) > RELATION_LIMITS.friendListNameBytes;
  return (
    <form
      className="dialog-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!remarkTooLong && !listTooLong) void submit(() => friendRequestAccepted(userId, { remark: remark.trim() || undefined, list: list.trim() || undefined }));
      }}
      noValidate
    >
      <TextField label={t('addFriend.remark')} value={remark} onChange={(e) => setRemark(e.target.value)} error={remarkTooLong ? t('remark.tooLong') : null} autoFocus />
      <ListField value={list} onChange={setList} error={listTooLong ? t('lists.tooLong') : null} />
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <Actions busy={busy} cancel={t('addFriend.cancel')} confirm={t('requests.acceptConfirm')} onCancel={onDone} disabled={remarkTooLong || listTooLong} />
    </form>
  );
}

/** A list name: pick one of mine or type a new one (the core creates it). */
export function ListField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error: string | null }) {
  const { t } = useTranslation();
  const lists = useChatStore((s) => s.friendLists);
  return (
    <>
      <TextField label={t('addFriend.list')} value={value} onChange={(e) => onChange(e.target.value)} list="friend-list-names" placeholder={t('addFriend.noList')} error={error} autoComplete="off" />
      <datalist id="friend-list-names">
        {lists.map((l) => (
          <option key={l.name} value={l.name} />
        ))}
      </datalist>
    </>
  );
}
