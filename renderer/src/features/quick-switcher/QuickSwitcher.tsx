import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UnreadBadge } from '../../components/UnreadBadge';
import { selectChatsConversations, useChatStore } from '../../state';
import { ConversationAvatar } from '../chat/ConversationAvatar';
import { conversationTitle } from '../chat/conversationTitle';
import { matchesConversation } from './matchConversation';
import './quick-switcher.css';

/** M12: Ctrl/⌘+K — type to filter the conversations, ↑/↓ to choose, Enter to open (a combobox over a listbox). */
export function QuickSwitcher({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const { t } = useTranslation();
  return (
    <dialog
      ref={ref}
      className="quick-switcher"
      aria-label={t('switcher.title')}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose();
      }}
    >
      {open && <SwitcherBody onClose={onClose} />}
    </dialog>
  );
}

function SwitcherBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const conversations = useChatStore(selectChatsConversations);
  const conversationSelected = useChatStore((s) => s.conversationSelected);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const listId = useId();
  const hintId = useId();
  const matches = useMemo(() => conversations.filter((c) => matchesConversation(c, query)), [conversations, query]);
  const current = Math.min(cursor, Math.max(0, matches.length - 1));

  const choose = (index: number) => {
    const target = matches[index];
    if (!target) return;
    conversationSelected(target.id);
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setCursor((current + step + matches.length) % Math.max(1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    }
  };

  return (
    <div className="quick-switcher__panel">
      <input
        className="quick-switcher__input"
        role="combobox"
        aria-label={t('switcher.input')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches[current] ? `${listId}-${current}` : undefined}
        aria-describedby={hintId}
        placeholder={t('switcher.placeholder')}
        value={query}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          setCursor(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('switcher.results')} className="quick-switcher__list">
        {matches.map((c, index) => (
          <li
            key={c.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === current}
            className={`quick-switcher__option ${index === current ? 'quick-switcher__option--current' : ''}`}
            onMouseMove={() => setCursor(index)}
            onClick={() => choose(index)}
          >
            <ConversationAvatar conversation={c} size="small" showPresence={false} />
            <span className="quick-switcher__name">{conversationTitle(c, t)}</span>
            <span className="quick-switcher__id">{c.kind === 'c2c' ? `@${c.peer.userId}` : c.groupId}</span>
            <UnreadBadge count={c.unreadCount} label={t('conversation.unread', { count: c.unreadCount })} />
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className="quick-switcher__none">{t('switcher.none')}</p>}
      <p id={hintId} className="quick-switcher__hint">
        {t('switcher.hint')}
      </p>
    </div>
  );
}
