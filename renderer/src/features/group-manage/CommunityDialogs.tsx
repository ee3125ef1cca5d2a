import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_LIMITS, GROUP_PERMISSION, TOPIC_PERMISSION, hasBit, utf8Length, type PermissionGroup, type UserId } from '../../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../../shared/ipc';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';
import { GROUP_BIT_NAMES, TOPIC_BIT_NAMES } from './groupAbilities';
import { memberName } from './groupNames';

function useRun() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<Outcome>, then: () => void) => {
    setBusy(true);
    setError(null);
    const outcome = await action();
    setBusy(false);
    if (outcome.ok) then();
    else setError(errorText(t, outcome.error));
  };
  return { busy, error, run };
}

function Actions({ busy, onCancel, saveLabel, cancelLabel }: { busy: boolean; onCancel: () => void; saveLabel: string; cancelLabel: string }) {
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>
        {busy && <Spinner />}
        {saveLabel}
      </button>
    </div>
  );
}

/** G7: create or edit a topic (name, category beyond the seed: Discord's channel categories). */
export function TopicDialog({ groupId, topic, count, onClose }: { groupId: string; topic: TopicEntry | null; count: number; onClose: () => void }) {
  const { t } = useTranslation();
  const topicCreateRequested = useChatStore((s) => s.topicCreateRequested);
  const topicUpdateRequested = useChatStore((s) => s.topicUpdateRequested);
  const [name, setName] = useState(topic?.name ?? '');
  const [category, setCategory] = useState(topic?.category ?? '');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useRun();
  const nameError = utf8Length(name.trim()) > GROUP_LIMITS.topicNameBytes ? t('topics.nameTooLong') : touched && !name.trim() ? t('topics.nameMissing') : null;
  const categoryError = utf8Length(category.trim()) > GROUP_LIMITS.topicNameBytes ? t('topics.nameTooLong') : null;
  const full = !topic && count >= GROUP_LIMITS.maxTopics;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || nameError || categoryError || full) return;
    void run(
      () =>
        topic
          ? topicUpdateRequested({ topicId: topic.topicId, name: name.trim(), category: category.trim() })
          : topicCreateRequested({ groupId, name: name.trim(), ...(category.trim() ? { category: category.trim() } : {}) }),
      onClose,
    );
  };

  return (
    <Dialog open title={topic ? t('topics.editTitle') : t('topics.createTitle')} closeLabel={t('app.close')} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        {full && (
          <p className="alert alert--error" role="alert">
            {t('topics.limit', { count: GROUP_LIMITS.maxTopics })}
          </p>
        )}
        <TextField label={t('topics.name')} value={name} error={nameError} onChange={(e) => setName(e.target.value)} autoFocus />
        <TextField label={t('topics.category')} hint={t('topics.categoryHint')} value={category} error={categoryError} onChange={(e) => setCategory(e.target.value)} />
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <Actions busy={busy} onCancel={onClose} saveLabel={t('topics.save')} cancelLabel={t('topics.cancel')} />
      </form>
    </Dialog>
  );
}

/** A checkbox per seed bit, translated; bits I do not hold cannot be granted (the server refuses them too). */
function BitBoxes<N extends string>({ legend, names, bits, table, value, grantable, label, onChange }: {
  legend: string;
  names: readonly N[];
  bits: Record<N, number>;
  table: 'groupBits' | 'topicBits';
  value: number;
  grantable: number;
  label?: (name: string) => string;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="bit-boxes">
      <legend className="field__label">{legend}</legend>
      {names.map((name) => {
        const bit = bits[name];
        const text = t(`${table}.${name}` as 'groupBits.ManageGroupInfo');
        return (
          <label key={name} className="check-list__item bit-boxes__item">
            <input
              type="checkbox"
              aria-label={label ? label(text) : undefined}
              checked={hasBit(value, bit)}
              disabled={!hasBit(grantable, bit) && !hasBit(value, bit)}
              onChange={(e) => onChange(e.target.checked ? value | bit : value & ~bit)}
            />
            <span>{text}</span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** G7: a permission group's name and community bits. */
export function PermissionGroupDialog({ groupId, myBits, pg, count, onClose }: { groupId: string; myBits: number; pg: PermissionGroup | null; count: number; onClose: () => void }) {
  const { t } = useTranslation();
  const permissionGroupCreateRequested = useChatStore((s) => s.permissionGroupCreateRequested);
  const permissionGroupUpdateRequested = useChatStore((s) => s.permissionGroupUpdateRequested);
  const [name, setName] = useState(pg?.name ?? '');
  const [bits, setBits] = useState(pg?.permissions ?? 0);
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useRun();
  const nameError = utf8Length(name.trim()) > GROUP_LIMITS.permissionGroupNameBytes ? t('permissionGroups.nameTooLong') : touched && !name.trim() ? t('permissionGroups.nameMissing') : null;
  const full = !pg && count >= GROUP_LIMITS.maxPermissionGroups;
  const lacking = GROUP_BIT_NAMES.some((bit) => !hasBit(myBits, GROUP_PERMISSION[bit]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!name.trim() || nameError || full) return;
    void run(
      () =>
        pg
          ? permissionGroupUpdateRequested({ groupId, permissionGroupId: pg.permissionGroupId, name: name.trim(), permissions: bits })
          : permissionGroupCreateRequested({ groupId, name: name.trim(), permissions: bits }),
      onClose,
    );
  };

  return (
    <Dialog open title={pg ? t('permissionGroups.editTitle', { name: pg.name }) : t('permissionGroups.createTitle')} closeLabel={t('app.close')} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        {full && (
          <p className="alert alert--error" role="alert">
            {t('permissionGroups.limit', { count: GROUP_LIMITS.maxPermissionGroups })}
          </p>
        )}
        <TextField label={t('permissionGroups.name')} value={name} error={nameError} onChange={(e) => setName(e.target.value)} autoFocus />
        <BitBoxes legend={t('permissionGroups.rights')} names={GROUP_BIT_NAMES} bits={GROUP_PERMISSION} table="groupBits" value={bits} grantable={myBits} onChange={setBits} />
        {lacking && <p className="field__hint">{t('permissionGroups.cantGrant')}</p>}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <Actions busy={busy} onCancel={onClose} saveLabel={t('permissionGroups.save')} cancelLabel={t('permissionGroups.cancel')} />
      </form>
    </Dialog>
  );
}

/** G7: per-topic overrides: for each permission group, its own topic bits here (or none). */
export function TopicPermissionsDialog({ groupId, topic, onClose }: { groupId: string; topic: TopicEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const stored = useChatStore((s) => s.permissionGroups[groupId]);
  const groups = useMemo(() => stored ?? [], [stored]);
  const topicPermissionsRequested = useChatStore((s) => s.topicPermissionsRequested);
  const initial = useMemo(() => Object.fromEntries(groups.map((pg) => [pg.permissionGroupId, pg.topicOverrides?.[topic.topicId] ?? null])), [groups, topic.topicId]);
  const [values, setValues] = useState<Record<string, number | null>>(initial);
  const { busy, error, run } = useRun();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const changed = groups.filter((pg) => (values[pg.permissionGroupId] ?? null) !== (initial[pg.permissionGroupId] ?? null));
    void run(async () => {
      for (const pg of changed) {
        const outcome = await topicPermissionsRequested(topic.topicId, pg.permissionGroupId, values[pg.permissionGroupId] ?? null);
        if (!outcome.ok) return outcome;
      }
      return { ok: true };
    }, onClose);
  };

  return (
    <Dialog open title={t('topicPermissions.title', { topic: topic.name })} description={t('topicPermissions.description')} closeLabel={t('app.close')} onClose={onClose}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        {groups.length === 0 && <p className="pane__muted">{t('topicPermissions.none')}</p>}
        {groups.map((pg) => {
          const value = values[pg.permissionGroupId] ?? null;
          return (
            <div key={pg.permissionGroupId} className="override">
              <label className="switch-row">
                <input
                  type="checkbox"
                  role="switch"
                  aria-label={`${pg.name}: ${t('topicPermissions.override')}`}
                  checked={value !== null}
                  onChange={(e) => setValues({ ...values, [pg.permissionGroupId]: e.target.checked ? 0 : null })}
                />
                <span className="switch-row__text">
                  <strong>{pg.name}</strong>
                  <span className="pane__muted">{t('topicPermissions.override')}</span>
                </span>
              </label>
              {value !== null && (
                <BitBoxes
                  legend={pg.name}
                  names={TOPIC_BIT_NAMES}
                  bits={TOPIC_PERMISSION}
                  table="topicBits"
                  value={value}
                  grantable={~0}
                  label={(text) => `${pg.name}: ${text}`}
                  onChange={(bits) => setValues({ ...values, [pg.permissionGroupId]: bits })}
                />
              )}
            </div>
          );
        })}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <Actions busy={busy} onCancel={onClose} saveLabel={t('topicPermissions.save')} cancelLabel={t('topicPermissions.cancel')} />
      </form>
    </Dialog>
  );
}

/** G7: who is in a permission group; add community members (those loaded in the member list) or remove them. */
export function PermissionGroupMembersDialog({ entry, pg, onClose }: { entry: JoinedGroup; pg: PermissionGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const { groupId } = entry.group;
  const permissionGroupMembersRequested = useChatStore((s) => s.permissionGroupMembersRequested);
  const permissionGroupMembersChangeRequested = useChatStore((s) => s.permissionGroupMembersChangeRequested);
  const members = useChatStore((s) => s.groupMembers[groupId]?.members) ?? [];
  const contacts = useChatStore((s) => s.contacts);
  const nicks = useChatStore((s) => s.memberNicks);
  const friends = useMemo(() => new Map(contacts.map((c) => [c.userId, c])), [contacts]);
  const [inGroup, setInGroup] = useState<UserId[] | null>(null);
  const [adding, setAdding] = useState('');
  const { busy, error, run } = useRun();
  const nameOf = (userId: UserId) => memberName(members.find((m) => m.userId === userId) ?? { userId, nameCard: '' }, friends, nicks);

  useEffect(() => {
    void permissionGroupMembersRequested(groupId, pg.permissionGroupId).then((outcome) => setInGroup(outcome.ok ? outcome.userIds : []));
  }, [groupId, pg.permissionGroupId, permissionGroupMembersRequested]);

  const change = (userId: UserId, add: boolean) =>
    void run(
      () => permissionGroupMembersChangeRequested(groupId, pg.permissionGroupId, [userId], add),
      () => {
        setInGroup((list) => (add ? [...(list ?? []), userId] : (list ?? []).filter((id) => id !== userId)));
        setAdding('');
      },
    );
  const candidates = members.filter((m) => !inGroup?.includes(m.userId));

  return (
    <Dialog open title={t('permissionGroups.membersTitle', { name: pg.name })} closeLabel={t('app.close')} onClose={onClose}>
      <div className="dialog-form">
        {inGroup === null ? (
          <Spinner />
        ) : inGroup.length === 0 ? (
          <p className="pane__muted">{t('permissionGroups.noMembers')}</p>
        ) : (
          <ul className="member-chips" aria-label={t('permissionGroups.membersTitle', { name: pg.name })}>
            {inGroup.map((userId) => (
              <li key={userId} className="member-chip">
                <span>{nameOf(userId)}</span>
                <button type="button" className="link-button" disabled={busy} aria-label={t('permissionGroups.removeLabel', { name: nameOf(userId), group: pg.name })} onClick={() => change(userId, false)}>
                  {t('permissionGroups.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {candidates.length > 0 && (
          <div className="inline-add">
            <div className="field">
              <label className="field__label" htmlFor="pg-add-member">
                {t('permissionGroups.addMember')}
              </label>
              <select id="pg-add-member" className="settings__select" value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{t('permissionGroups.pickMember')}</option>
                {candidates.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {nameOf(m.userId)} (@{m.userId})
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button button--secondary" disabled={busy || !adding} onClick={() => change(adding, true)}>
              {t('permissionGroups.add')}
            </button>
          </div>
        )}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            {t('permissionGroups.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
