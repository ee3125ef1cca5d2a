import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ComposeIcon, SettingsIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { selectChatsConversations, selectSignedInUser, useChatStore } from '../../state';
import { SearchIcon } from '../message-actions/actionIcons';
import { QuickSwitcher } from '../quick-switcher/QuickSwitcher';
import { SearchPanel } from '../search/SearchPanel';
import { ConversationList } from './ConversationList';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import './conversation-list.css';

interface SidebarProps {
  onNewChat: () => void;
  onOpenSettings: () => void;
}

/** The left column: who I am, the actions, and every conversation by latest activity. */
export function Sidebar({ onNewChat, onOpenSettings }: SidebarProps) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  // Chats lists every conversation but community topics (those are in their community's view).
  const conversations = useChatStore(selectChatsConversations);
  const status = useChatStore((s) => s.conversationsStatus);
  const conversationsRequested = useChatStore((s) => s.conversationsRequested);
  const searchPanel = useChatStore((s) => s.searchPanel);
  const searchOpened = useChatStore((s) => s.searchOpened);
  const searchClosed = useChatStore((s) => s.searchClosed);
  const [switcherOpen, setSwitcherOpen] = useState(false);
  const openSwitcher = useCallback(() => setSwitcherOpen(true), []);
  const openSearch = useCallback(() => searchOpened(), [searchOpened]);
  useGlobalShortcuts({ openSwitcher, openSearch });

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      <header className="sidebar__header">
        {/* Who I am is on the rail (my profile), so the header only names the section. */}
        {me && (
          <div className="sidebar__me">
            <h1 className="sidebar__title">{t('sidebar.title')}</h1>
          </div>
        )}
        <div className="sidebar__actions">
          <button type="button" className="icon-button" aria-label={t('search.open')} title={`${t('search.open')} (Ctrl+F)`} onClick={openSearch}>
            <SearchIcon />
          </button>
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
      <QuickSwitcher open={switcherOpen} onClose={() => setSwitcherOpen(false)} />
      <SearchPanel open={searchPanel !== null} initialConversationId={searchPanel?.conversationId ?? undefined} onClose={searchClosed} />
    </nav>
  );
}
