import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplyJoinOption, GROUP_LIMITS, utf8Length, type GroupInfo, type UserId } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { FriendPicker } from './FriendPicker';
import { HAS_JOIN_OPTION, type Abilities } from './groupAbilities';
import { usePersonName } from './groupNames';

/** G3: basic info (name, introduction, announcement) and other info (who can join), each shown only if my role may change it. */
export function EditGroupDialog({ open, group, can, onClose }: { open: boolean; group: GroupInfo; can: Abilities; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('editGroup.title')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <EditGroupForm group={group} can={can} onDone={onClose} />}
    </Dialog>
  );
}

function EditGroupForm({ group, can, onDone }: { group: GroupInfo; can: Abilities; onDone: () => void }) {
  const { t } = useTranslation();
  const groupUpdateRequested = useChatStore((s) => s.groupUpdateRequested);
  const [name, setName] = useState(group.name);
  const [introduction, setIntroduction] = useState(group.introduction);
  const [notification, setNotification] = useState(group.notification);
  const [joinOption, setJoinOption] = useState<ApplyJoinOption>(group.applyJoinOption);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const basic = can.can('modifyBasicInfo');
  const other = can.can('modifyOtherInfo') && HAS_JOIN_OPTION.has(group.type);
  const over = (value: string, bytes: number) => (utf8Length(value) > bytes ? t('editGroup.tooLong', { bytes }) : null);
  const nameError = !name.trim() ? t('createGroup.nameMissing') : over(name.trim(), GROUP_LIMITS.nameBytes);
  const introError = over(introduction, GROUP_LIMITS.introductionBytes);
  const noteError = over(notification, GROUP_LIMITS.notificationBytes);
  const invalid = basic && Boolean(nameError || introError || noteError);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    const patch = {
      ...(basic && name.trim() !== group.name ? { name: name.trim() } : {}),
      ...(basic && introduction !== group.introduction ? { introduction } : {}),
      ...(basic && notification !== group.notification ? { notification } : {}),
      ...(other && joinOption !== group.applyJoinOption ? { applyJoinOption: joinOption } : {}),
    };
    if (Object.keys(patch).length === 0) return onDone();
    setBusy(true);
    const outcome = await groupUpdateRequested({ groupId: group.groupId, ...patch });
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(errorText(t, outcome.error));
  };

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      {basic && (
        <>
          <TextField label={t('editGroup.name')} value={name} error={nameError} onChange={(e) => setName(e.target.value)} />
          <TextArea id="edit-group-intro" label={t('editGroup.introduction')} value={introduction} error={introError} onChange={setIntroduction} />
          <TextArea id="edit-group-note" label={t('editGroup.announcement')} value={notification} error={noteError} onChange={setNotification} />
        </>
      )}
      {other && (
        <fieldset className="choice-list">
          <legend className="field__label">{t('editGroup.joinOption')}</legend>
          {ApplyJoinOption.options.map((option) => (
            <label key={option} className={`choice choice--compact ${joinOption === option ? 'choice--on' : ''}`}>
              <input type="radio" name="join-option" value={option} checked={joinOption === option} onChange={() => setJoinOption(option)} />
              <span className="choice__title">{t(`joinOptions.${option}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('editGroup.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || invalid} aria-busy={busy}>
          {busy && <Spinner />}
          {t('editGroup.save')}
        </button>
      </div>
    </form>
  );
}

export function TextArea({ id, label, value, error, onChange }: { id: string; label: string; value: string; error: string | null; onChange: (value: string) => void }) {
  return (
    <div className={`field ${error ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="field__input field__textarea" rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A name card: mine (userId null) or, when my role allows, another member's. */
export function NameCardDialog({ open, group, userId, current, onClose }: { open: boolean; group: GroupInfo; userId: UserId | null; current: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('nameCard.title', { group: group.name })} description={t('nameCard.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <NameCardForm group={group} userId={userId} current={current} onDone={onClose} />}
    </Dialog>
  );
}

function NameCardForm({ group, userId, current, onDone }: { group: GroupInfo; userId: UserId | null; current: string; onDone: () => void }) {
  const { t } = useTranslation();
  const session = useChatStore((s) => s.session);
  const memberNameCardRequested = useChatStore((s) => s.memberNameCardRequested);
  const [value, setValue] = useState(current);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = utf8Length(value.trim()) > GROUP_LIMITS.nameCardBytes;
  const target = userId ?? (session?.state === 'signedIn' ? session.userId : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (tooLong || !target) return;
    setBusy(true);
    const outcome = await memberNameCardRequested(group.groupId, target, value.trim());
    setBusy(false);
    if (outcome.ok) onDone();
    else setError(errorText(t, outcome.error));
  };

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField label={t('nameCard.label')} value={value} error={tooLong ? t('nameCard.tooLong') : error} onChange={(e) => setValue(e.target.value)} autoFocus />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('nameCard.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || tooLong} aria-busy={busy}>
          {t('nameCard.save')}
        </button>
      </div>
    </form>
  );
}

/** G4: invite friends (Work and Community members; the server answers per person). */
export function InviteDialog({ open, group, members, onClose }: { open: boolean; group: GroupInfo; members: readonly UserId[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('invite.title', { group: group.name })} description={t('invite.description')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <InviteForm group={group} members={members} onDone={onClose} />}
    </Dialog>
  );
}

function InviteForm({ group, members, onDone }: { group: GroupInfo; members: readonly UserId[]; onDone: () => void }) {
  const { t } = useTranslation();
  const groupInviteRequested = useChatStore((s) => s.groupInviteRequested);
  const nameOf = usePersonName();
  const [picked, setPicked] = useState<UserId[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<string[] | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (picked.length === 0) return;
    setBusy(true);
    const outcome = await groupInviteRequested(group.groupId, picked);
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    const names = (result: string) => outcome.results.filter((r) => r.result === result).map((r) => nameOf(r.userId)).join(', ');
    const failed = outcome.results.find((r) => r.result === 'failed');
    const lines = [
      names('added') && t('invite.added', { names: names('added') }),
      names('alreadyMember') && t('invite.alreadyMember', { names: names('alreadyMember') }),
      failed && t('invite.failed', { names: names('failed'), reason: failed.error ? errorText(t, failed.error) : t('errors.internal') }),
    ].filter((line): line is string => Boolean(line));
    setReport(lines);
  };

  if (report) {
    return (
      <div className="dialog-form">
        {report.map((line) => (
          <p key={line} className="alert alert--info" role="status">
            {line}
          </p>
        ))}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onDone} autoFocus>
            {t('invite.done')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
      <FriendPicker label={t('invite.friends')} picked={picked} onChange={setPicked} exclude={members} emptyText={t('invite.noFriends')} />
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('invite.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || picked.length === 0} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('invite.sending') : t('invite.send')}
        </button>
      </div>
    </form>
  );
}
