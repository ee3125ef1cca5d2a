import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupConversationId, type GroupId, type TopicId } from '../../../../shared/domain';
import type { JoinedGroup } from '../../../../shared/ipc';
import { errorText } from '../../i18n';
import { useChatStore } from '../../state';
import { isTopicConversationId, topicConversations, topicToOpen } from '../../state/community';
import { ChatPane } from '../chat/ChatPane';
import { TopicDialog } from '../group-manage/CommunityDialogs';
import { abilitiesOf } from '../group-manage/groupAbilities';
import { CommunityHeader } from './CommunityHeader';
import { CommunityEmpty } from './CommunityEmpty';
import { TopicList } from './TopicList';
import { TopicMenu } from './TopicMenu';
import type { MenuAnchor } from '../message-actions/PopupMenu';
import './community.css';

/**
 * One community (ADR 0004 §7): its header and topic list on the left, the open topic's chat on the right — the
 * same ChatPane as Chats, since a topic conversation is an ordinary conversation to the timeline and composer.
 */
export function CommunityScreen({ groupId, onNewChat }: { groupId: GroupId; onNewChat: () => void }) {
  const { t } = useTranslation('community');
  const entry = useChatStore((s) => s.groups.find((g) => g.group.groupId === groupId));
  const sectionChosen = useChatStore((s) => s.sectionChosen);
  const groupsStatus = useChatStore((s) => s.groupsStatus);

  // Removed from it, or it was disbanded, while on screen (the notice says so): back to Chats.
  useEffect(() => {
    if (!entry && groupsStatus === 'ready') sectionChosen('chats');
  }, [entry, groupsStatus, sectionChosen]);

  if (!entry) {
    return (
      <main className="community-screen__gone">
        <p role="status">{t('gone')}</p>
      </main>
    );
  }
  return <Community entry={entry} onNewChat={onNewChat} />;
}

function Community({ entry, onNewChat }: { entry: JoinedGroup; onNewChat: () => void }) {
  const { t, i18n } = useTranslation('community');
  const { t: tApp } = useTranslation();
  const { groupId, name } = entry.group;
  const topics = useChatStore((s) => s.groupTopics[groupId]);
  const conversations = useChatStore((s) => s.conversations);
  const remembered = useChatStore((s) => s.lastTopics[groupId]);
  const activeConversationId = useChatStore((s) => s.activeConversationId);
  const topicsRequested = useChatStore((s) => s.topicsRequested);
  const topicOpened = useChatStore((s) => s.topicOpened);
  const conversationSelected = useChatStore((s) => s.conversationSelected);
  const [creating, setCreating] = useState(false);
  const [menu, setMenu] = useState<{ topicId: TopicId; anchor: MenuAnchor } | null>(null);
  const [failure, setFailure] = useState<{ topicId: TopicId; reason: string } | null>(null);
  const can = abilitiesOf(entry.group.type, entry.self.role, entry.myBits);
  const locale = i18n.language;
  const list = topics ?? [];

  /** Opens a topic; a refusal is said in the chat pane with a retry. */
  const settle = (topicId: TopicId) =>
    topicOpened(groupId, topicId).then((outcome) => setFailure(outcome.ok ? null : { topicId, reason: errorText(tApp, outcome.error) }));
  const open = (topicId: TopicId) => {
    setFailure(null);
    void settle(topicId);
  };

  useEffect(() => {
    if (!topics) void topicsRequested(groupId);
  }, [groupId, topics, topicsRequested]);

  // The remembered topic was deleted, or the first topic was just created: open what the list now starts with
  // (the rail's communityOpened opens the remembered one itself).
  const wanted = topics ? topicToOpen(topics, remembered, locale) : undefined;
  useEffect(() => {
    if (wanted === null && isTopicConversationId(activeConversationId)) conversationSelected(null);
    if (wanted && wanted !== remembered) void settle(wanted);
    // `settle` is rebuilt each render; what decides is the wanted topic against the remembered one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, remembered]);

  const rows = topicConversations(conversations, groupId);
  const menuRow = menu ? rows.get(menu.topicId) : undefined;
  const activeTopic = list.find((topic) => topic.topicId === remembered) ?? null;
  const showing = activeTopic !== null && activeConversationId === groupConversationId(groupId, activeTopic.topicId);

  return (
    <div className="community-screen">
      <aside className="community-side" aria-label={name}>
        <CommunityHeader entry={entry} canCreateTopic={can.can('manageTopics')} onNewTopic={() => setCreating(true)} />
        {topics && list.length > 0 && (
          <TopicList
            communityName={name}
            topics={list}
            rows={rows}
            activeTopicId={activeTopic?.topicId ?? null}
            locale={locale}
            onOpen={open}
            onMenu={(topicId, anchor) => setMenu({ topicId, anchor })}
          />
        )}
      </aside>
      {showing ? (
        <ChatPane onNewChat={onNewChat} />
      ) : (
        <main className="community-screen__main" aria-label={activeTopic?.name ?? name}>
          {topics && list.length === 0 ? (
            <CommunityEmpty canCreate={can.can('manageTopics')} onCreate={() => setCreating(true)} />
          ) : failure && failure.topicId === activeTopic?.topicId ? (
            <div className="community-screen__status">
              <p role="alert">{t('openFailed', { name: activeTopic.name, reason: failure.reason })}</p>
              <button type="button" className="button button--secondary" onClick={() => open(failure.topicId)}>
                {t('retry')}
              </button>
            </div>
          ) : (
            <p className="community-screen__status" role="status">
              {activeTopic ? t('opening', { name: activeTopic.name }) : ''}
            </p>
          )}
        </main>
      )}
      {menu && menuRow && (
        <TopicMenu
          name={list.find((topic) => topic.topicId === menu.topicId)?.name ?? ''}
          row={menuRow}
          anchor={menu.anchor}
          onClose={() => setMenu(null)}
        />
      )}
      {creating && <TopicDialog groupId={groupId} topic={null} count={list.length} onClose={() => setCreating(false)} />}
    </div>
  );
}
