import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ChatIllustration } from '../../components/icons';
import { displayName } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';

/** No chat open: a first-run welcome (with the UserID to share) or a pointer to the list. */
export function NoChatSelected({ onNewChat }: { onNewChat: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const firstRun = useChatStore((s) => s.conversationsStatus === 'ready' && s.conversations.length === 0);
  return (
    <div className="chat-pane__empty">
      <EmptyState
        illustration={<ChatIllustration />}
        title={firstRun && me ? t('chat.welcomeTitle', { name: displayName(me) }) : t('chat.pickTitle')}
        body={firstRun && me ? t('chat.welcomeBody', { userId: me.userId }) : t('chat.pickBody')}
        action={
          <button type="button" className="button button--primary" onClick={onNewChat}>
            {t('chat.pickAction')}
          </button>
        }
      />
    </div>
  );
}
