import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { MessageStatusIcon } from '../../components/MessageStatusIcon';
import { UnreadBadge } from '../../components/UnreadBadge';
import { formatListTime, toMillis } from '../../i18n';
import { isMutedConversation, keepsUnreadCount } from '../../state';
import { ConversationAvatar } from '../chat/ConversationAvatar';
import { conversationTitle } from '../chat/conversationTitle';
import { deliveryOf } from '../chat/delivery';
import type { PersonNamer } from '../chat/usePersonNames';
import { MoreIcon, MuteIcon, PinIcon } from '../message-actions/actionIcons';
import type { MenuAnchor } from '../message-actions/PopupMenu';
import { rowPreview } from './rowPreview';

/** Without the list's namer (tests, previews), people are their UserIDs. */
const byId: PersonNamer = (_groupId, userId) => userId;

interface ConversationRowProps {
  conversation: Conversation;
  active: boolean;
  typingName: string | null;
  now: number;
  onSelect: (id: Conversation['id']) => void;
  /** Opens the row's menu (pin, mute, mark read, clear, delete). */
  onMenu: (conversation: Conversation, anchor: MenuAnchor) => void;
  /** Names people in tips ("Alice joined the group"); the list's, so rows stay props-only. */
  personName?: PersonNamer;
  /** A Meeting group or audio-video room has something new since it was last on screen: a dot, not a number. */
  activity?: boolean;
}

export const ConversationRow = memo(function ConversationRow({ conversation, active, typingName, now, onSelect, onMenu, personName = byId, activity = false }: ConversationRowProps) {
  const { t, i18n } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const name = conversationTitle(conversation, t);
  const last = conversation.lastMessage;
  const delivery = last?.isOwn ? deliveryOf(last) : null;
  const unread = conversation.unreadCount;
  const muted = isMutedConversation(conversation);
  // WeChat: an unsent draft shows in red instead of the last message, except in the chat being written in.
  const draft = !active && conversation.draft ? conversation.draft : null;

  const { mention, text: preview } = rowPreview(conversation, t, tg, (userId) => personName(conversation.kind === 'group' ? conversation.groupId : null, userId));
  // Meeting groups and audio-video rooms keep no unread count (ADR 0004 §6): a dot for new activity instead.
  const counted = keepsUnreadCount(conversation);

  const onContextMenu = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    onMenu(conversation, { x: event.clientX, y: event.clientY });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      event.preventDefault();
      onMenu(conversation, { element: event.currentTarget });
    }
  };

  const classes = [
    'conversation-row',
    active ? 'conversation-row--active' : '',
    // A room's new-activity dot reads like an unread row (bold name, accented time).
    unread > 0 || (activity && !counted) ? 'conversation-row--unread' : '',
    conversation.pinned ? 'conversation-row--pinned' : '',
    muted ? 'conversation-row--muted' : '',
  ];

  // The list item around it is the list's (ConversationList): only rows on screen are rendered.
  return (
    <div className="conversation-row-wrap">
      <button
        type="button"
        className={classes.join(' ')}
        aria-current={active ? 'true' : undefined}
        onClick={() => onSelect(conversation.id)}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
        aria-keyshortcuts="Shift+F10"
      >
        <ConversationAvatar conversation={conversation} />
        <span className="conversation-row__body">
          <span className="conversation-row__line">
            <span className="conversation-row__name">{name}</span>
            {/* The type glyph on the avatar is decorative: a screen reader hears the group's type in words. */}
            {conversation.kind === 'group' && <span className="visually-hidden">{tg(`list.typeLabel_${conversation.groupType}`)}</span>}
            {conversation.kind === 'group' && conversation.left && <span className="conversation-row__left">{tg('list.left')}</span>}
            <span className="conversation-row__time">
              {conversation.pinned && (
                <span className="conversation-row__mark" role="img" aria-label={t('conversationMenu.pinned')} title={t('conversationMenu.pinned')}>
                  <PinIcon size={14} />
                </span>
              )}
              {delivery && <MessageStatusIcon state={delivery} label={t(`message.${delivery}`)} />}
              {last && <time dateTime={new Date(toMillis(last.time)).toISOString()}>{formatListTime(toMillis(last.time), now, i18n.language, t)}</time>}
            </span>
          </span>
          <span className="conversation-row__line">
            {typingName ? (
              <span className="conversation-row__preview conversation-row__preview--typing">{t('chat.typing', { name: typingName })}</span>
            ) : draft ? (
              <span className="conversation-row__preview">
                <span className="conversation-row__draft">{t('conversationMenu.draft')}</span> {draft}
              </span>
            ) : (
              <span className="conversation-row__preview">
                {mention && <span className="conversation-row__mention">{tg(mention === 'me' ? 'list.atMe' : 'list.atAll')}</span>}
                {mention && ' '}
                {preview}
              </span>
            )}
            <span className="conversation-row__badges">
              {muted && (
                <span className="conversation-row__mark" role="img" aria-label={t('conversationMenu.muted')} title={t('conversationMenu.muted')}>
                  <MuteIcon size={14} />
                </span>
              )}
              {counted ? (
                <span className={muted ? 'conversation-row__unread--muted' : undefined}>
                  <UnreadBadge count={unread} label={t('conversation.unread', { count: unread })} />
                </span>
              ) : (
                activity && <span className={`conversation-row__dot ${muted ? 'conversation-row__dot--muted' : ''}`} role="img" aria-label={tg('list.newActivity')} />
              )}
            </span>
          </span>
        </span>
      </button>
      {/* A pointer shortcut to the same menu the row opens with Shift+F10 or the menu key, so it stays out of
          the accessibility tree: the row is one control, as a list of chats is read. */}
      <button
        type="button"
        className="conversation-row__more icon-button"
        title={t('conversationMenu.label', { name })}
        aria-hidden="true"
        tabIndex={-1}
        onClick={(event) => onMenu(conversation, { element: event.currentTarget })}
      >
        <MoreIcon />
      </button>
    </div>
  );
});
