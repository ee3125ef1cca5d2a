import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ChatIllustration } from '../../components/icons';

export function NoChatSelected({ onNewChat }: { onNewChat: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="chat-pane__empty">
      <EmptyState
        illustration={<ChatIllustration />}
        title={t('chat.pickTitle')}
        body={t('chat.pickBody')}
        action={
          <button type="button" className="button button--primary" onClick={onNewChat}>
            {t('chat.pickAction')}
          </button>
        }
      />
    </div>
  );
}
