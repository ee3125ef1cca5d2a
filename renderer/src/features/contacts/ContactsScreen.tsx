import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { useChatStore, type ContactsPane } from '../../state';
import { AddFriendDialog } from './AddFriendDialog';
import { BlockedPane } from './BlockedPane';
import { AddPersonIcon, BlockIcon, ChevronIcon, InboxIcon, ListsIcon } from './contactIcons';
import { ContactList, type Grouping } from './ContactList';
import { ListsPane } from './ListsPane';
import { PersonProfile } from './PersonProfile';
import { RequestsPane } from './RequestsPane';
import { GroupProfile } from '../group-manage/GroupProfile';
import { GroupRequestsPane } from '../group-manage/GroupRequestsPane';
import { GroupsPane } from '../group-manage/GroupsPane';
import { GroupRequestsIcon, GroupsIcon } from '../group-manage/groupIcons';
import './contacts.css';

/** Contacts: the people (search, A–Z or by list), the inbox, lists and blocklist on the left; what is chosen on the right. */
export function ContactsScreen() {
  const { t } = useTranslation();
  const pane = useChatStore((s) => s.contactsPane);
  const [adding, setAdding] = useState(false);
  return (
    <div className="contacts-screen">
      <ContactsNav onAdd={() => setAdding(true)} />
      <main className="contacts-main" aria-label={paneLabel(pane, t)}>
        <PaneContent pane={pane} onAdd={() => setAdding(true)} />
      </main>
      <AddFriendDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

function paneLabel(pane: ContactsPane, t: TFunction): string {
  switch (pane?.kind) {
    case 'requests':
      return t('requests.title');
    case 'blocked':
      return t('blocklist.title');
    case 'lists':
      return t('lists.title');
    case 'person':
      return t('profile.title');
    case 'groups':
      return t('groupsPane.title');
    case 'group':
      return t('groupProfile.label');
    case 'groupRequests':
      return t('groupRequests.title');
    default:
      return t('contacts.pickTitle');
  }
}

function PaneContent({ pane, onAdd }: { pane: ContactsPane; onAdd: () => void }) {
  const { t } = useTranslation();
  switch (pane?.kind) {
    case 'requests':
      return <RequestsPane />;
    case 'blocked':
      return <BlockedPane />;
    case 'lists':
      return <ListsPane />;
    case 'person':
      return <PersonProfile key={pane.userId} userId={pane.userId} />;
    case 'groups':
      return <GroupsPane />;
    case 'group':
      return <GroupProfile key={pane.groupId} groupId={pane.groupId} />;
    case 'groupRequests':
      return <GroupRequestsPane />;
    default:
      return (
        <div className="contacts-main__empty">
          <EmptyState
            title={t('contacts.pickTitle')}
            body={t('contacts.pickBody')}
            action={
              <button type="button" className="button button--secondary" onClick={onAdd}>
                <AddPersonIcon />
                {t('contacts.addFriend')}
              </button>
            }
          />
        </div>
      );
  }
}

function ContactsNav({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation();
  const contacts = useChatStore((s) => s.contacts);
  const status = useChatStore((s) => s.contactsStatus);
  const pane = useChatStore((s) => s.contactsPane);
  const unread = useChatStore((s) => s.friendRequestsUnread);
  const pendingIncoming = useChatStore((s) => s.friendRequests.filter((r) => r.direction === 'incoming').length);
  const blockedCount = useChatStore((s) => s.blocklist.length);
  const listCount = useChatStore((s) => s.friendLists.length);
  const contactsPaneChosen = useChatStore((s) => s.contactsPaneChosen);
  const contactsRequested = useChatStore((s) => s.contactsRequested);
  const [query, setQuery] = useState('');
  const [grouping, setGrouping] = useState<Grouping>('name');
  const groupCount = useChatStore((s) => s.groups.length);
  const groupRequests = useChatStore((s) => s.groupApplications.length);

  // A group's profile is reached through Groups: the entry stays lit.
  const active = (kind: string) => pane?.kind === kind || (kind === 'groups' && pane?.kind === 'group');
  const entry = (kind: 'requests' | 'lists' | 'blocked' | 'groups' | 'groupRequests', icon: React.ReactNode, label: string, count: number, badge = 0, badgeLabel = t('rail.requests', { count: badge })) => (
    <li>
      <button
        type="button"
        className={`contacts-entry ${active(kind) ? 'contacts-entry--active' : ''}`}
        aria-current={active(kind) ? 'true' : undefined}
        onClick={() => contactsPaneChosen({ kind })}
      >
        <span className={`contacts-entry__icon contacts-entry__icon--${kind}`}>{icon}</span>
        <span className="contacts-entry__label">{label}</span>
        {badge > 0 ? (
          <span className="unread-badge">
            <span aria-hidden="true">{badge > 99 ? '99+' : badge}</span>
            <span className="visually-hidden">{badgeLabel}</span>
          </span>
        ) : (
          count > 0 && <span className="contacts-entry__count">{count}</span>
        )}
        <ChevronIcon />
      </button>
    </li>
  );

  return (
    <nav className="contacts-nav" aria-label={t('contacts.label')}>
      <header className="contacts-nav__header">
        <h1 className="sidebar__title">{t('contacts.title')}</h1>
        <button type="button" className="icon-button" aria-label={t('contacts.addFriend')} title={t('contacts.addFriend')} onClick={onAdd}>
          <AddPersonIcon />
        </button>
      </header>
      <div className="contacts-nav__search">
        <input
          type="search"
          className="contacts-nav__query"
          aria-label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <ul className="contacts-nav__entries">
        {entry('requests', <InboxIcon />, t('contacts.newFriends'), pendingIncoming, unread)}
        {entry('groups', <GroupsIcon />, t('groupsNav.groups'), groupCount)}
        {(groupRequests > 0 || pane?.kind === 'groupRequests') &&
          entry('groupRequests', <GroupRequestsIcon />, t('groupsNav.requests'), 0, groupRequests, t('groupsNav.requestsBadge', { count: groupRequests }))}
        {entry('lists', <ListsIcon />, t('contacts.lists'), listCount)}
        {entry('blocked', <BlockIcon />, t('contacts.blocked'), blockedCount)}
      </ul>
      <div className="contacts-nav__bar">
        <span className="contacts-nav__count">{t('contacts.friends', { count: contacts.length })}</span>
        <div className="segmented segmented--small" role="radiogroup" aria-label={t('contacts.grouping')}>
          {(['name', 'list'] as const).map((option) => (
            <label key={option} className={`segmented__option ${grouping === option ? 'segmented__option--on' : ''}`}>
              <input type="radio" name="contacts-grouping" value={option} checked={grouping === option} onChange={() => setGrouping(option)} />
              {option === 'name' ? t('contacts.byName') : t('contacts.byList')}
            </label>
          ))}
        </div>
      </div>
      {status === 'loading' && contacts.length === 0 && (
        <div className="sidebar__status">
          <Spinner label={t('contacts.loading')} />
        </div>
      )}
      {status === 'error' && contacts.length === 0 && (
        <div className="sidebar__status">
          <p role="alert">{t('contacts.loadFailed')}</p>
          <button type="button" className="button button--secondary" onClick={() => void contactsRequested()}>
            {t('contacts.retry')}
          </button>
        </div>
      )}
      {status === 'ready' && contacts.length === 0 && (
        <EmptyState
          headingLevel={2}
          title={t('contacts.emptyTitle')}
          body={t('contacts.emptyBody')}
          action={
            <button type="button" className="button button--secondary" onClick={onAdd}>
              {t('contacts.addFriend')}
            </button>
          }
        />
      )}
      {contacts.length > 0 && <ContactList contacts={contacts} grouping={grouping} query={query} />}
    </nav>
  );
}
