import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupConversation } from '../../../../shared/domain';
import { GroupAvatar } from '../group-manage/GroupAvatar';
import { SearchIcon } from '../message-actions/actionIcons';
import { useChatStore } from '../../state';
import { GroupInfoPanel } from './GroupInfoPanel';
import { CallStartButtons } from '../calls/CallStartButtons';
import { GroupCallBar } from '../calls/GroupCallBar';
import { TopicResolveButton } from '../community/TopicResolveButton';
import { isResolved } from '../../state/community';

/** "i" in a circle: the group info panel. Decorative; the button carries the name. */
const InfoIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5M12 8h.01" />
  </svg>
);

/**
 * The chat header of a group or topic conversation: avatar, name, member count and type, search in the
 * conversation, and the button opening the group info panel.
 */
export function GroupHeader({ conversation }: { conversation: GroupConversation }) {
  const { t } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const [infoOpen, setInfoOpen] = useState(false);
  const searchOpened = useChatStore((s) => s.searchOpened);
  // The cache knows the current name and face first (a change arrives with groups:changed).
  const cached = useChatStore((s) => s.groups.find((g) => g.group.groupId === conversation.groupId)?.group);
  const group = {
    groupId: conversation.groupId,
    type: conversation.groupType,
    name: cached?.name ?? conversation.group.name,
    faceUrl: (conversation.topic?.faceUrl || cached?.faceUrl) ?? conversation.group.faceUrl,
  };
  const memberNum = cached?.memberNum ?? conversation.group.memberNum;
  const title = conversation.topic ? conversation.topic.name : group.name;
  const resolved = useChatStore((s) => {
    const topic = s.groupTopics[conversation.groupId]?.find((entry) => entry.topicId === conversation.topicId);
    return topic !== undefined && isResolved(topic);
  });

  // Calls (C2) belong to plain groups: not audio-video rooms, not a community's topics.
  const callable = group.type !== 'AVChatRoom' && !conversation.topic;

  return (
    <>
    <header className="chat-header chat-header--group">
      <GroupAvatar group={{ ...group, name: title }} size="medium" />
      <div className="chat-header__text">
        <h2 className="chat-header__name">{title}</h2>
        <p className="chat-header__status">
          {conversation.topic ? (
            <>
              <span>{tg('header.topicIn', { community: group.name })}</span>
              {resolved && <span className="chat-header__resolved"> · {tg('header.resolved')}</span>}
            </>
          ) : (
            <>
              <span className={`type-chip group-type--${group.type} chat-header__type`}>{t(`groupTypes.${group.type}`)}</span>
              {group.type !== 'AVChatRoom' && <span> · {tg('header.members', { count: memberNum })}</span>}
            </>
          )}
        </p>
      </div>
      <div className="chat-header__actions">
        {callable && <CallStartButtons target={{ groupId: conversation.groupId }} />}
        {conversation.topic && <TopicResolveButton conversation={conversation} />}
        <button type="button" className="icon-button" aria-label={t('conversationMenu.searchHere')} title={t('conversationMenu.searchHere')} onClick={() => searchOpened(conversation.id)}>
          <SearchIcon />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={tg('header.info')}
          title={tg('header.info')}
          aria-haspopup="dialog"
          aria-expanded={infoOpen}
          onClick={() => setInfoOpen(true)}
        >
          <InfoIcon />
        </button>
      </div>
      <GroupInfoPanel conversation={conversation} open={infoOpen} onClose={() => setInfoOpen(false)} />
    </header>
    {callable && <GroupCallBar groupId={conversation.groupId} />}
    </>
  );
}
