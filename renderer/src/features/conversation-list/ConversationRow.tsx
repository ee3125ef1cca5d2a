import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { MessageStatusIcon } from '../../components/MessageStatusIcon';
import { UnreadBadge } from '../../components/UnreadBadge';
import { displayName, formatListTime, messageText, toMillis } from '../../i18n';
import { deliveryOf } from '../chat/delivery';

interface ConversationRowProps {
  conversation: Conversation;
  active: boolean;
  typingName: string | null;
  now: number;
  onSelect: (id: Conversation['id']) => void;
}

export const ConversationRow = memo(function ConversationRow({ conversation, active, typingName, now, onSelect }: ConversationRowProps) {
  const { t, i18n } = useTranslation();
  const name = displayName(conversation.peer);
  const last = conversation.lastMessage;
  const preview = last ? messageText(last.body, t) : t('conversation.noMessages');
  const delivery = last?.isOwn ? deliveryOf(last) : null;
  const unread = conversation.unreadCount;

  // The list item around it is the list's (ConversationList): only rows on screen are rendered.
  return (
    <button
      type="button"
      className={`conversation-row ${active ? 'conversation-row--active' : ''} ${unread > 0 ? 'conversation-row--unread' : ''}`}
      aria-current={active ? 'true' : undefined}
      onClick={() => onSelect(conversation.id)}
    >
      <Avatar
        id={conversation.peer.userId}
        name={name}
        presence={conversation.presence}
        presenceLabel={conversation.presence ? t(`conversation.${conversation.presence}`) : undefined}
      />
      <span className="conversation-row__body">
        <span className="conversation-row__line">
          <span className="conversation-row__name">{name}</span>
          <span className="conversation-row__time">
            {delivery && <MessageStatusIcon state={delivery} label={t(`message.${delivery}`)} />}
            {last && <time dateTime={new Date(toMillis(last.time)).toISOString()}>{formatListTime(toMillis(last.time), now, i18n.language, t)}</time>}
          </span>
        </span>
        <span className="conversation-row__line">
          {typingName ? (
            <span className="conversation-row__preview conversation-row__preview--typing">{t('chat.typing', { name: typingName })}</span>
          ) : (
            <span className="conversation-row__preview">{last?.isOwn ? t('conversation.youPrefix', { text: preview }) : preview}</span>
          )}
          <UnreadBadge count={unread} label={t('conversation.unread', { count: unread })} />
        </span>
      </span>
    </button>
  );
});
