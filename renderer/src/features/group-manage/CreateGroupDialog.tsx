import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_LIMITS, customGroupIdProblem, utf8Length, type CustomGroupIdProblem, type GroupType } from '../../../../shared/domain';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { FriendPicker } from './FriendPicker';
import { GroupTypeChooser } from './GroupTypeChooser';

const ID_PROBLEM_KEYS: Record<CustomGroupIdProblem, 'createGroup.idNotPrintable' | 'createGroup.idTooLong' | 'createGroup.idReserved' | 'createGroup.idCommunityPrefix'> = {
  not_printable: 'createGroup.idNotPrintable',
  too_long: 'createGroup.idTooLong',
  reserved_prefix: 'createGroup.idReserved',
  community_prefix: 'createGroup.idCommunityPrefix',
};

/** G2: type (explained), name, initial members from my friends (not for AVChatRoom), optional custom ID. */
export function CreateGroupDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('createGroup.title')} closeLabel={t('app.close')} onClose={onClose}>
      {open && <CreateGroupForm onDone={onClose} />}
    </Dialog>
  );
}

function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const groupCreateRequested = useChatStore((s) => s.groupCreateRequested);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const [type, setType] = useState<GroupType>('Work');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [customId, setCustomId] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const trimmed = name.trim();
  const nameError = utf8Length(trimmed) > GROUP_LIMITS.nameBytes ? t('createGroup.nameTooLong') : touched && !trimmed ? t('createGroup.nameMissing') : null;
  const idProblem = useMemo(() => (customId ? customGroupIdProblem(customId, type) : null), [customId, type]);
  const takesMembers = type !== 'AVChatRoom';
  const tooMany = takesMembers && picked.length > GROUP_LIMITS.maxInitialMembers;
  const invalid = !trimmed || Boolean(nameError) || idProblem !== null || tooMany;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (invalid) return;
    setBusy(true);
    setError(null);
    const outcome = await groupCreateRequested({
      type,
      name: trimmed,
      ...(customId ? { groupId: customId } : {}),
      ...(takesMembers && picked.length ? { members: picked } : {}),
    });
    setBusy(false);
    if (!outcome.ok) return setError(errorText(t, outcome.error));
    contactsPaneChosen({ kind: 'group', groupId: outcome.groupId });
    onDone();
  };

  return (
    <form className="dialog-form create-group" onSubmit={(event) => void submit(event)} noValidate>
      <GroupTypeChooser value={type} onChange={setType} />
      <TextField label={t('createGroup.name')} value={name} error={nameError} onChange={(e) => setName(e.target.value)} onBlur={() => setTouched(true)} autoComplete="off" />
      {takesMembers ? (
        <FriendPicker label={t('createGroup.members')} hint={t('createGroup.membersHint')} picked={picked} onChange={setPicked} exclude={[]} />
      ) : (
        <p className="dialog-form__muted">{t('createGroup.noMembersHere')}</p>
      )}
      {tooMany && (
        <p className="field__error" role="alert">
          {t('createGroup.tooMany', { count: GROUP_LIMITS.maxInitialMembers })}
        </p>
      )}
      <details className="advanced">
        <summary>{t('createGroup.advanced')}</summary>
        <TextField
          label={t('createGroup.customId')}
          hint={type === 'Community' ? t('createGroup.customIdCommunityHint') : t('createGroup.customIdHint')}
          value={customId}
          error={idProblem ? t(ID_PROBLEM_KEYS[idProblem]) : null}
          onChange={(e) => setCustomId(e.target.value)}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
        />
      </details>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('createGroup.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy || (touched && invalid)} aria-busy={busy}>
          {busy && <Spinner />}
          {busy ? t('createGroup.creating') : t('createGroup.create')}
        </button>
      </div>
    </form>
  );
}
