import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ChatMessage, UserId } from '../../../../shared/domain';
import { displayName, formatClock, toMillis } from '../../i18n';
import { selectRecallWindowMs, selectSignedInUser, useChatStore, type ChatState } from '../../state';
import { usePersonNamer } from '../chat/usePersonNames';
import { CopyIcon, EditIcon, FlagIcon, ForwardIcon, MoreIcon, MoveIcon, RecallIcon, ReplyIcon, SelectIcon, SmileIcon, TrashIcon } from './actionIcons';
import { useMayMoveMessages } from '../community/useMayMoveMessages';
import { EmojiPicker } from './EmojiPicker';
import { abilitiesOf, copyableText } from './messageAbilities';
import { PopupMenu, type MenuAnchor, type MenuItem } from './PopupMenu';
import { ReactionsRow } from './ReactionsRow';
import { ReplyQuote } from './ReplyQuote';
import './message-actions.css';

interface MessageFrameProps {
  message: ChatMessage;
  selecting: boolean;
  selected: boolean;
  highlighted: boolean;
  /** The bubble itself (content rendering is the chat feature's). */
  children: ReactNode;
}

/** How people are named next to a message: "You", the peer's display name; in a group as its members are named. */
export function useNameOf(conversationId: ChatMessage['conversationId']): (userId: UserId) => string {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const namer = usePersonNamer();
  const peer = useChatStore((s) => {
    const conversation = s.conversations.find((c) => c.id === conversationId);
    return conversation?.kind === 'c2c' ? conversation.peer : undefined;
  });
  const groupId = useChatStore((s) => {
    const conversation = s.conversations.find((c) => c.id === conversationId);
    return conversation?.kind === 'group' ? conversation.groupId : null;
  });
  return useCallback(
    (userId: UserId) => {
      if (userId === me?.userId) return t('actions.you');
      if (peer && peer.userId === userId) return displayName(peer);
      // Groups: name card, remark or nickname as the group's screens name them (quotes, select labels).
      return groupId !== null ? namer(groupId, userId) : userId;
    },
    [me?.userId, peer, groupId, namer, t],
  );
}

/**
 * Everything around a message bubble: the hover / focus toolbar, the context
 * menu (right click, Shift+F10 or the menu key), the quoted message above,
 * reactions below, and the checkbox in select mode.
 */
export function MessageFrame({ message, selecting, selected, highlighted, children }: MessageFrameProps) {
  const { t, i18n } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState<{ anchor: MenuAnchor; openedAt: number } | null>(null);
  const [picker, setPicker] = useState<MenuAnchor | null>(null);
  // Where the toolbar goes: just beside the bubble, on its open side (measured when the pointer or focus arrives).
  const [toolbarInset, setToolbarInset] = useState<number | null>(null);
  const bubbleBox = useRef<HTMLDivElement>(null);
  const placeToolbar = () => {
    const box = bubbleBox.current;
    const bubble = box?.querySelector('.bubble');
    if (!box || !bubble) return;
    const outer = box.getBoundingClientRect();
    const inner = bubble.getBoundingClientRect();
    setToolbarInset(Math.round(message.isOwn ? outer.right - inner.left + 6 : inner.right - outer.left + 6));
  };
  const recallWindowMs = useChatStore(selectRecallWindowMs);
  const { t: tc } = useTranslation('community');
  const mayMove = useMayMoveMessages(message.conversationId);
  const nameOf = useNameOf(message.conversationId);
  const actions = useChatStore(useShallow(pickActions));
  const closeMenu = useCallback(() => setMenu(null), []);
  const closePicker = useCallback(() => setPicker(null), []);
  const clock = formatClock(toMillis(message.time), i18n.language);

  const openMenu = (anchor: MenuAnchor) => {
    setPicker(null);
    setMenu({ anchor, openedAt: Date.now() });
  };

  // An open menu offering Recall loses it when the window closes: it is re-evaluated at that moment.
  const recallDeadline = toMillis(message.time) + recallWindowMs;
  const menuOpenedAt = menu?.openedAt ?? null;
  useEffect(() => {
    if (menuOpenedAt === null || !message.isOwn || message.recalled || menuOpenedAt >= recallDeadline) return;
    const timer = setTimeout(() => setMenu((open) => open && { ...open, openedAt: Math.max(Date.now(), recallDeadline) }), recallDeadline - Date.now());
    return () => clearTimeout(timer);
  }, [menuOpenedAt, recallDeadline, message.isOwn, message.recalled]);

  // The menu lists what is allowed at the moment it opens (the recall window closes while the message sits there).
  const items = useMemo((): MenuItem[] => {
    if (!menu) return [];
    const can = abilitiesOf(message, menu.openedAt, recallWindowMs);
    const text = copyableText(message);
    const list: (MenuItem | false)[] = [
      can.react && { key: 'react', label: t('actions.react'), icon: <SmileIcon />, onSelect: () => setPicker(menu.anchor) },
      can.reply && { key: 'reply', label: t('actions.reply'), icon: <ReplyIcon />, onSelect: () => actions.replyStarted(message) },
      can.edit && { key: 'edit', label: t('actions.edit'), icon: <EditIcon />, onSelect: () => actions.editStarted(message) },
      can.recall && { key: 'recall', label: t('actions.recall'), icon: <RecallIcon />, onSelect: () => void actions.recallRequested(message) },
      can.copy &&
        text !== null && {
          key: 'copy',
          label: t('actions.copy'),
          icon: <CopyIcon />,
          onSelect: () => void navigator.clipboard?.writeText(text).then(actions.textCopied, () => undefined),
        },
      can.forward && { key: 'forward', label: t('actions.forward'), icon: <ForwardIcon />, onSelect: () => actions.forwardRequested(message.conversationId, [message.id]) },
      can.select && { key: 'select', label: t('actions.select'), icon: <SelectIcon />, onSelect: () => actions.selectionStarted(message) },
      can.deleteForMe && {
        key: 'delete',
        label: t('actions.deleteForMe'),
        icon: <TrashIcon />,
        danger: true,
        onSelect: () => actions.deleteRequested(message.conversationId, [message.id]),
      },
      can.select && mayMove && { key: 'move', label: tc('moveAction'), icon: <MoveIcon />, onSelect: () => actions.moveRequested(message) },
      can.report && { key: 'report', label: t('actions.report'), icon: <FlagIcon />, danger: true, onSelect: () => actions.reportRequested(message) },
    ];
    return list.filter((item): item is MenuItem => item !== false);
  }, [menu, message, recallWindowMs, t, tc, actions, mayMove]);

  const canAct = message.seq !== null && !message.recalled;
  const quickAbilities = abilitiesOf(message, 0, 0);

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    if (selecting || !canAct) return;
    event.preventDefault();
    openMenu({ x: event.clientX, y: event.clientY });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== frame.current) return;
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      // Up / Down walk the messages (the list renders a margin beyond the screen, so the neighbour exists).
      const frames = [...(frame.current.closest('[role="log"]')?.querySelectorAll<HTMLElement>('.message-frame') ?? [])];
      const next = frames[frames.indexOf(frame.current) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next) {
        event.preventDefault();
        next.focus();
        next.scrollIntoView({ block: 'nearest' });
      }
    } else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (!canAct || selecting) return;
      event.preventDefault();
      openMenu({ element: more.current ?? frame.current });
    } else if (selecting && (event.key === ' ' || event.key === 'Enter') && quickAbilities.select) {
      event.preventDefault();
      actions.selectionToggled(message.id);
    }
  };

  const classes = [
    'message-frame',
    message.isOwn ? 'message-frame--own' : 'message-frame--other',
    selecting ? 'message-frame--selecting' : '',
    selected ? 'message-frame--selected' : '',
    highlighted ? 'message-frame--highlight' : '',
    menu || picker ? 'message-frame--active' : '',
  ];

  return (
    <div
      ref={frame}
      className={classes.join(' ')}
      // Focusable so the keyboard can reach a message and open its menu (Shift+F10 / the menu key).
      tabIndex={0}
      aria-keyshortcuts={canAct && !selecting ? 'Shift+F10' : undefined}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
      onMouseEnter={placeToolbar}
      onFocus={placeToolbar}
      onClick={selecting && quickAbilities.select ? () => actions.selectionToggled(message.id) : undefined}
    >
      {selecting && (
        <input
          type="checkbox"
          className="message-frame__check"
          checked={selected}
          disabled={!quickAbilities.select}
          aria-label={t('actions.selectMessage', { name: nameOf(message.from), time: clock })}
          onClick={(event) => event.stopPropagation()}
          onChange={() => actions.selectionToggled(message.id)}
        />
      )}
      <div className="message-frame__column">
        {message.replyTo && <ReplyQuote conversationId={message.conversationId} replyTo={message.replyTo} name={nameOf(message.replyTo.from)} />}
        <div className="message-frame__bubble" ref={bubbleBox}>
          {children}
          {!selecting && canAct && (
            <div
              className="message-toolbar"
              role="toolbar"
              aria-label={t('actions.toolbar')}
              style={toolbarInset === null ? undefined : message.isOwn ? { right: toolbarInset, left: 'auto' } : { left: toolbarInset, right: 'auto' }}
            >
              {quickAbilities.react && (
                <button
                  type="button"
                  className="message-toolbar__button"
                  aria-label={t('actions.react')}
                  title={t('actions.react')}
                  onClick={(event) => setPicker({ element: event.currentTarget })}
                >
                  <SmileIcon />
                </button>
              )}
              {quickAbilities.reply && (
                <button type="button" className="message-toolbar__button" aria-label={t('actions.reply')} title={t('actions.reply')} onClick={() => actions.replyStarted(message)}>
                  <ReplyIcon />
                </button>
              )}
              <button
                ref={more}
                type="button"
                className="message-toolbar__button"
                aria-label={t('actions.more')}
                title={t('actions.more')}
                aria-haspopup="menu"
                aria-expanded={menu !== null}
                onClick={(event) => openMenu({ element: event.currentTarget })}
              >
                <MoreIcon />
              </button>
            </div>
          )}
        </div>
        {message.reactions.length > 0 && <ReactionsRow message={message} nameOf={nameOf} onToggle={(emoji) => void actions.reactionToggled(message, emoji)} onAdd={(anchor) => setPicker(anchor)} />}
      </div>
      {menu && <PopupMenu label={t('actions.menu')} items={items} anchor={menu.anchor} onClose={closeMenu} />}
      {picker && <EmojiPicker anchor={picker} onClose={closePicker} onPick={(emoji) => void actions.reactionToggled(message, emoji)} />}
    </div>
  );
}

/** The frame's actions: store functions, stable, compared shallowly. */
function pickActions(s: ChatState) {
  return {
    replyStarted: s.replyStarted,
    editStarted: s.editStarted,
    recallRequested: s.recallRequested,
    reactionToggled: s.reactionToggled,
    textCopied: s.textCopied,
    forwardRequested: s.forwardRequested,
    selectionStarted: s.selectionStarted,
    selectionToggled: s.selectionToggled,
    deleteRequested: s.deleteRequested,
    reportRequested: s.reportRequested,
    moveRequested: s.moveRequested,
  };
}
