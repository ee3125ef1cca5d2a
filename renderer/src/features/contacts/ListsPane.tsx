import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RELATION_LIMITS, utf8Length, type FriendList } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { CloseIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { errorText } from '../../i18n';
import { useChatStore, type Outcome } from '../../state';
import { ConfirmDialog } from '../message-actions/ConfirmDialog';
import { contactName } from './people';

function nameError(name: string, lists: readonly FriendList[], t: TFunction, except?: string): string | null {
  if (utf8Length(name) > RELATION_LIMITS.friendListNameBytes) return t('lists.tooLong');
  if (name !== except && lists.some((l) => l.name === name)) return t('lists.exists');
  return null;
}

/** R4: friend lists — create, rename, delete, add and remove members (a friend may be in several). */
export function ListsPane() {
  const { t } = useTranslation();
  const lists = useChatStore((s) => s.friendLists);
  const friendListCreated = useChatStore((s) => s.friendListCreated);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const invalid = nameError(trimmed, lists, t);
    if (invalid) return setError(invalid);
    setBusy(true);
    const outcome = await friendListCreated(trimmed);
    setBusy(false);
    if (outcome.ok) setName('');
    else setError(errorText(t, outcome.error));
  };

  return (
    <section className="pane" aria-labelledby="lists-title">
      <header className="pane__header">
        <h2 id="lists-title" className="pane__title">
          {t('lists.title')}
        </h2>
        <p className="pane__description">{t('lists.description')}</p>
      </header>
      <div className="pane__body">
        <form className="inline-add" onSubmit={(event) => void create(event)} noValidate>
          <TextField
            label={t('lists.create')}
            placeholder={t('lists.name')}
            value={name}
            error={error}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
            }}
          />
          <button type="submit" className="button button--primary" disabled={busy || !name.trim()}>
            {busy && <Spinner />}
            {t('lists.createConfirm')}
          </button>
        </form>
        {lists.length === 0 ? (
          <p className="pane__muted">{t('lists.empty')}</p>
        ) : (
          <ul className="list-cards">
            {lists.map((list) => (
              <ListCard key={list.name} list={list} lists={lists} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ListCard({ list, lists }: { list: FriendList; lists: readonly FriendList[] }) {
  const { t } = useTranslation();
  const contacts = useChatStore((s) => s.contacts);
  const friendListRenamed = useChatStore((s) => s.friendListRenamed);
  const friendListDeleted = useChatStore((s) => s.friendListDeleted);
  const friendListMembersAdded = useChatStore((s) => s.friendListMembersAdded);
  const friendListMembersRemoved = useChatStore((s) => s.friendListMembersRemoved);
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(list.name);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const members = list.members.flatMap((id) => contacts.filter((c) => c.userId === id));
  const candidates = contacts.filter((c) => !list.members.includes(c.userId));

  const run = async (action: () => Promise<Outcome>) => {
    setError(null);
    const outcome = await action();
    if (!outcome.ok) setError(errorText(t, outcome.error));
    return outcome.ok;
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = newName.trim();
    if (!trimmed || trimmed === list.name) return setRenaming(false);
    const invalid = nameError(trimmed, lists, t, list.name);
    if (invalid) return setError(invalid);
    if (await run(() => friendListRenamed(list.name, trimmed))) setRenaming(false);
  };

  return (
    <li className="list-card" aria-label={list.name}>
      <header className="list-card__head">
        {renaming ? (
          <form className="list-card__rename" onSubmit={(event) => void rename(event)} noValidate>
            <TextField label={t('lists.renameLabel', { name: list.name })} value={newName} onChange={(e) => setNewName(e.target.value)} autoFocus />
            <button type="submit" className="button button--primary">
              {t('lists.renameConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRenaming(false)}>
              {t('lists.cancel')}
            </button>
          </form>
        ) : (
          <>
            <h3 className="list-card__name">
              {list.name} <span className="list-card__count">{t('lists.members', { count: members.length })}</span>
            </h3>
            <div className="list-card__tools">
              <button type="button" className="button button--ghost" aria-label={t('lists.renameLabel', { name: list.name })} onClick={() => setRenaming(true)}>
                {t('lists.rename')}
              </button>
              <button type="button" className="button button--ghost list-card__delete" aria-label={t('lists.deleteLabel', { name: list.name })} onClick={() => setDeleting(true)}>
                {t('lists.delete')}
              </button>
            </div>
          </>
        )}
      </header>
      {members.length === 0 ? (
        <p className="pane__muted">{t('lists.emptyList')}</p>
      ) : (
        <ul className="member-chips">
          {members.map((member) => {
            const memberName = contactName(member);
            return (
              <li key={member.userId} className="member-chip">
                <Avatar id={member.userId} name={memberName} size="small" />
                <span>{memberName}</span>
                <button
                  type="button"
                  className="icon-button member-chip__remove"
                  aria-label={t('lists.removeLabel', { member: memberName, name: list.name })}
                  onClick={() => void run(() => friendListMembersRemoved(list.name, [member.userId]))}
                >
                  <CloseIcon />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {candidates.length > 0 && (
        <form
          className="list-card__add"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) void run(() => friendListMembersAdded(list.name, [adding])).then((ok) => ok && setAdding(''));
          }}
        >
          <label className="visually-hidden" htmlFor={`add-to-${list.name}`}>
            {t('lists.addMember', { name: list.name })}
          </label>
          <select id={`add-to-${list.name}`} className="settings__select" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('lists.addMemberPick')}</option>
            {candidates.map((c) => (
              <option key={c.userId} value={c.userId}>
                {contactName(c)} (@{c.userId})
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary" disabled={!adding}>
            {t('lists.addMemberConfirm')}
          </button>
        </form>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={deleting}
        title={t('lists.deleteTitle', { name: list.name })}
        description={t('lists.deleteBody')}
        confirmLabel={t('lists.deleteConfirm')}
        cancelLabel={t('lists.cancel')}
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          setDeleting(false);
          await run(() => friendListDeleted(list.name));
        }}
      />
    </li>
  );
}
