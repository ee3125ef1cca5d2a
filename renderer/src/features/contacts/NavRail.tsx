import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { displayName } from '../../i18n';
import { selectSignedInUser, selectTotalUnread, useChatStore, type AppSection } from '../../state';
import { PhoneIcon } from '../../components/callIcons';
import { missedCallsAfter } from '../call-history/callRows';
import { CommunityRail } from '../community/CommunityRail';
import { ChatsIcon, ContactsIcon } from './contactIcons';
import { useAvatarSrc } from './people';
import './contacts.css';

/** The far-left rail: me (my profile), Chats and Contacts with their badges, Calls (C5), then my communities. */
export function NavRail({ onOpenMyProfile }: { onOpenMyProfile: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const myProfile = useChatStore((s) => s.myProfile);
  const section = useChatStore((s) => s.section);
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  const unread = useChatStore(selectTotalUnread);
  const requests = useChatStore((s) => s.friendRequestsUnread);
  // Seen while the Calls section is on screen; counted again from when it was last left.
  const missedCalls = useChatStore((s) => (s.section === 'calls' || !me ? 0 : missedCallsAfter(s.callHistory, me.userId, s.callsSeenAt)));
  const photo = useAvatarSrc(myProfile?.image);
  const myName = myProfile?.nick || (me ? displayName(me) : '');

  const tab = (id: Exclude<AppSection, 'community'>, label: string, icon: React.ReactNode, badge: number, badgeLabel: string) => (
    <button
      type="button"
      className={`rail__tab ${section === id ? 'rail__tab--on' : ''}`}
      aria-current={section === id ? 'page' : undefined}
      onClick={() => sectionChosen(id)}
      title={label}
    >
      <span className="rail__icon">
        {icon}
        {badge > 0 && (
          <span className="rail__badge" aria-hidden="true">
            {badge > 99 ? '99+' : badge}
          </span>
        )}
      </span>
      <span className="rail__label">{label}</span>
      {badge > 0 && <span className="visually-hidden">{badgeLabel}</span>}
    </button>
  );

  return (
    <nav className="rail" aria-label={t('rail.label')}>
      {me && (
        <button type="button" className="rail__me" aria-label={t('rail.me')} title={t('rail.me')} onClick={onOpenMyProfile}>
          <Avatar id={me.userId} name={myName} size="small" src={photo} />
        </button>
      )}
      {tab('chats', t('rail.chats'), <ChatsIcon />, unread, t('rail.unread', { count: unread }))}
      {tab('contacts', t('rail.contacts'), <ContactsIcon />, requests, t('rail.requests', { count: requests }))}
      {tab('calls', t('rail', { ns: 'callHistory' }), <PhoneIcon size={22} />, missedCalls, t('railMissed', { ns: 'callHistory', count: missedCalls }))}
      <CommunityRail />
    </nav>
  );
}
