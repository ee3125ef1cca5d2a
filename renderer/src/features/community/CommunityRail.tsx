import { useTranslation } from 'react-i18next';
import type { JoinedGroup } from '../../../../shared/ipc';
import { Avatar } from '../../components/Avatar';
import { useChatStore } from '../../state';
import { communityBadge, joinedCommunities } from '../../state/community';
import { useAvatarSrc } from '../contacts/people';
import './community.css';

/**
 * The rail's communities (ADR 0004 §7), under Chats and Contacts: one icon each, with its topics' unread summed
 * and "@" when one of them mentions me. Nothing at all (not even the separator) when I am in none.
 */
export function CommunityRail() {
  const { t } = useTranslation('community');
  const groups = useChatStore((s) => s.groups);
  const communities = joinedCommunities(groups);
  if (communities.length === 0) return null;
  return (
    <>
      <hr className="rail__separator" aria-hidden="true" />
      <ul className="rail__communities" aria-label={t('railLabel')}>
        {communities.map((entry) => (
          <li key={entry.group.groupId}>
            <CommunityIcon entry={entry} />
          </li>
        ))}
      </ul>
    </>
  );
}

function CommunityIcon({ entry }: { entry: JoinedGroup }) {
  const { t } = useTranslation('community');
  const { groupId, name, faceUrl } = entry.group;
  // Narrow selectors: the badge's two values, not the conversation list, so other conversations don't re-render it.
  const unread = useChatStore((s) => communityBadge(s.conversations, groupId).unread);
  const mention = useChatStore((s) => communityBadge(s.conversations, groupId).mention);
  const on = useChatStore((s) => s.section === 'community' && s.activeCommunityId === groupId);
  const communityOpened = useChatStore((s) => s.communityOpened);
  const src = useAvatarSrc(faceUrl || undefined);
  const label = [name, unread > 0 ? t('railUnread', { count: unread }) : null, mention ? t('railMention') : null].filter(Boolean).join(', ');
  return (
    <button
      type="button"
      className={`rail__community ${on ? 'rail__community--on' : ''} ${unread > 0 || mention ? 'rail__community--unread' : ''}`}
      aria-label={label}
      aria-current={on ? 'page' : undefined}
      title={name}
      onClick={() => void communityOpened(groupId)}
    >
      <span className="rail__pill" aria-hidden="true" />
      <Avatar id={groupId} name={name} size="medium" src={src} />
      {unread > 0 && (
        <span className="rail__badge rail__badge--community" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
      {mention && (
        <span className="rail__mention" aria-hidden="true">
          @
        </span>
      )}
    </button>
  );
}
