import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { EmptyState } from '../../components/EmptyState';
import { ComposeIcon, SettingsIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { displayName } from '../../i18n';
import { selectSignedInUser, useChatStore } from '../../state';
import { ConversationList } from './ConversationList';
import './conversation-list.css';

interface SidebarProps {
  onNewChat: () => void;
  onOpenSettings: () => void;
}

/** The left column: who I am, the actions, and every conversation by latest activity. */
export function Sidebar({ onNewChat, onOpenSettings }: SidebarProps) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const conversations = useChatStore((s) => s.conversations);
  const status = useChatStore((s) => s.conversationsStatus);
  const conversationsRequested = useChatStore((s) => s.conversationsRequested);

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <header className="sidebar__header">
        {me && (
          <div className="sidebar__me">
            <Avatar id={me.userId} name={displayName(me)} size="small" />
            <h1 className="sidebar__title">{t('sidebar.title')}</h1>
          </div>
        )}
        <div className="sidebar__actions">
          <button type="button" className="icon-button" aria-label={t('sidebar.newChat')} title={t('sidebar.newChat')} onClick={onNewChat}>
            <ComposeIcon />
          </button>
          <button type="button" className="icon-button" aria-label={t('sidebar.settings')} title={t('sidebar.settings')} onClick={onOpenSettings}>
            <SettingsIcon />
          </button>
        </div>
      </header>

      {status === 'loading' && conversations.length === 0 && (
        <div className="sidebar__status">
          <Spinner label={t('sidebar.loading')} />
        </div>
      )}
      {status === 'error' && conversations.length === 0 && (
        <div className="sidebar__status">
          <p role="alert">{t('sidebar.loadFailed')}</p>
          <button type="button" className="button button--secondary" onClick={() => void conversationsRequested()}>
            {t('sidebar.retry')}
          </button>
        </div>
      )}
      {status === 'ready' && conversations.length === 0 && (
        <EmptyState
          headingLevel={2}
          title={t('sidebar.emptyTitle')}
          body={t('sidebar.emptyBody')}
          action={
            <button type="button" className="button button--secondary" onClick={onNewChat}>
              {t('sidebar.emptyAction')}
            </button>
          }
        />
      )}
      {conversations.length > 0 && <ConversationList conversations={conversations} />}
    </nav>
  );
}
