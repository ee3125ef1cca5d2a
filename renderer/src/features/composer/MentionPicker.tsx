import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserId } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { useAvatarSrc } from '../contacts/people';
import { useChatStore } from '../../state';
import './mention-picker.css';

/** One row of the picker: a member, or "@All" (`userId` null). */
export interface MentionOption {
  userId: UserId | null;
  /** What "@" inserts and the row shows. */
  name: string;
}

interface MentionPickerProps {
  /** The listbox's DOM id (from useId), named by the composer's aria-controls. */
  id: string;
  options: readonly MentionOption[];
  activeIndex: number;
  loading: boolean;
  /** DOM id of option `index`, for the composer's aria-activedescendant. */
  optionId: (index: number) => string;
  onChoose: (index: number) => void;
  onHover: (index: number) => void;
}

/**
 * M8: the members "@" can mention, above the composer. Focus never leaves the text box (the
 * listbox is driven through aria-activedescendant), so typing keeps narrowing the list.
 */
export function MentionPicker({ id, options, activeIndex, loading, optionId, onChoose, onHover }: MentionPickerProps) {
  const { t } = useTranslation('groupChat');
  const list = useRef<HTMLUListElement>(null);

  // Keep the keyboard's choice in view as the arrows move it.
  useEffect(() => {
    const active = list.current?.children[activeIndex];
    if (active instanceof HTMLElement) active.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <div className="mention-picker">
      <ul ref={list} id={id} role="listbox" aria-label={t('composer.pickerLabel')} className="mention-picker__list">
        {options.map((option, index) => (
          <li
            key={option.userId ?? '@all'}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className={`mention-picker__option${index === activeIndex ? ' mention-picker__option--active' : ''}`}
            // mousedown would move focus out of the text box and close the picker before the click.
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => onHover(index)}
            onClick={() => onChoose(index)}
          >
            {option.userId === null ? <AllRow name={option.name} /> : <MemberRow userId={option.userId} name={option.name} />}
          </li>
        ))}
      </ul>
      {loading && (
        <p className="mention-picker__status" role="status">
          {t('composer.loadingMembers')}
        </p>
      )}
    </div>
  );
}

function AllRow({ name }: { name: string }) {
  const { t } = useTranslation('groupChat');
  return (
    <>
      <span className="mention-picker__all" aria-hidden="true">
        @
      </span>
      <span className="mention-picker__text">
        <span className="mention-picker__name">@{name}</span>
        <span className="mention-picker__meta">{t('composer.atAllHint')}</span>
      </span>
    </>
  );
}

function MemberRow({ userId, name }: { userId: UserId; name: string }) {
  const photo = useAvatarSrc(useChatStore((s) => s.contacts.find((c) => c.userId === userId)?.profile.image));
  return (
    <>
      <Avatar id={userId} name={name} size="small" src={photo} />
      <span className="mention-picker__text">
        <span className="mention-picker__name">{name}</span>
        <span className="mention-picker__meta">@{userId}</span>
      </span>
    </>
  );
}
