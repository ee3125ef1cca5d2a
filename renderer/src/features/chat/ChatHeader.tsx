import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { displayName } from '../../i18n';
import { selectTypingUser, useChatStore } from '../../state';

export function ChatHeader({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const typingUser = useChatStore(selectTypingUser(conversation.id));
  const name = displayName(conversation.peer);
  const presence = conversation.presence;

  return (
    <header className="chat-header">
      <Avatar
        id={conversation.peer.userId}
        name={name}
        presence={presence}
        presenceLabel={presence ? t(`conversation.${presence}`) : undefined}
      />
      <div className="chat-header__text">
        <h2 className="chat-header__name">{name}</h2>
        {/* Announced politely, so a screen reader hears "is typing…" without losing its place. */}
        <p className="chat-header__status" aria-live="polite">
          {typingUser ? (
            <span className="chat-header__typing">
              <span className="typing-dots" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
              {t('chat.typing', { name })}
            </span>
          ) : presence ? (
            <span className={presence === 'online' ? 'chat-header__online' : undefined}>{t(`conversation.${presence}`)}</span>
          ) : (
            <span>@{conversation.peer.userId}</span>
          )}
        </p>
      </div>
    </header>
  );
}
