import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserId } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { useChatStore } from '../../state';
import { matchesQuery } from '../contacts/ContactList';
import { avatarSrc, contactName } from '../contacts/people';

interface FriendPickerProps {
  label: string;
  hint?: string;
  picked: readonly UserId[];
  onChange: (picked: UserId[]) => void;
  /** Friends not offered (already members). */
  exclude: readonly UserId[];
  /** Said when no friend is left to offer. */
  emptyText?: string;
}

/** A filterable checklist of my friends (for initial members and invitations). */
export function FriendPicker({ label, hint, picked, onChange, exclude, emptyText }: FriendPickerProps) {
  const { t } = useTranslation();
  const contacts = useChatStore((s) => s.contacts);
  const mediaBaseUrl = useChatStore((s) => s.appInfo?.mediaBaseUrl ?? null);
  const [query, setQuery] = useState('');
  const hintId = useId();
  const offered = useMemo(() => {
    const skip = new Set(exclude);
    return contacts.filter((c) => !skip.has(c.userId)).sort((a, b) => contactName(a).localeCompare(contactName(b), 'zh-CN'));
  }, [contacts, exclude]);
  const shown = offered.filter((c) => matchesQuery(c, query));
  const chosen = new Set(picked);
  const toggle = (userId: UserId) => onChange(chosen.has(userId) ? picked.filter((id) => id !== userId) : [...picked, userId]);

  return (
    <fieldset className="friend-picker" aria-describedby={hint ? hintId : undefined}>
      <legend className="field__label">
        {label}
        {picked.length > 0 && <span className="friend-picker__count"> · {t('createGroup.chosen', { count: picked.length })}</span>}
      </legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {offered.length === 0 ? (
        <p className="dialog-form__muted">{emptyText ?? t('createGroup.noFriends')}</p>
      ) : (
        <>
          {offered.length > 6 && (
            <input
              type="search"
              className="field__input friend-picker__filter"
              aria-label={t('createGroup.membersFilter')}
              placeholder={t('createGroup.membersFilter')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
          <ul className="friend-picker__list">
            {shown.map((contact) => {
              const name = contactName(contact);
              return (
                <li key={contact.userId}>
                  <label className="check-list__item friend-picker__item">
                    <input type="checkbox" checked={chosen.has(contact.userId)} onChange={() => toggle(contact.userId)} />
                    <Avatar id={contact.userId} name={name} size="small" src={avatarSrc(mediaBaseUrl, contact.profile.image)} />
                    <span className="friend-picker__name">{name}</span>
                    <span className="friend-picker__id">@{contact.userId}</span>
                  </label>
                </li>
              );
            })}
            {shown.length === 0 && <li className="dialog-form__muted">{t('createGroup.noMatches')}</li>}
          </ul>
        </>
      )}
    </fieldset>
  );
}
