import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupConversation, TopicId } from '../../../../shared/domain';
import type { TopicEntry } from '../../../../shared/ipc';
import { isMuted, isResolved, splitResolved, topicSections } from '../../state/community';
import { MutedIcon, TopicIcon } from '../group-manage/groupIcons';
import { ResolvedIcon } from '../message-actions/actionIcons';
import type { MenuAnchor } from '../message-actions/PopupMenu';

interface TopicListProps {
  communityName: string;
  topics: readonly TopicEntry[];
  /** Each topic's conversation row, where it has one (unread, mention, muted). */
  rows: ReadonlyMap<TopicId, GroupConversation>;
  activeTopicId: TopicId | null;
  locale: string;
  onOpen: (topicId: TopicId) => void;
  /** Right click or the context-menu key on a topic that has a conversation row. */
  onMenu: (topicId: TopicId, anchor: MenuAnchor) => void;
}

/**
 * A community's topics under their categories (props only). ↑/↓ move to the previous or next topic and open it,
 * as Discord's channel list does; Home/End go to the ends. The list is one tab stop: the open topic.
 */
export function TopicList({ communityName, topics, rows, activeTopicId, locale, onOpen, onMenu }: TopicListProps) {
  const { t } = useTranslation('community');
  const ref = useRef<HTMLElement>(null);
  // Categories whose resolved topics the person unfolded.
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const sections = topicSections(topics, locale).map((section) => ({
    category: section.category,
    ...splitResolved(section.topics, unfolded.has(section.category), activeTopicId),
  }));
  const order = sections.flatMap((s) => [...s.open, ...(s.shown ? s.resolved : [])].map((topic) => topic.topicId));
  const toggle = (category: string) => {
    const next = new Set(unfolded);
    if (!next.delete(category)) next.add(category);
    setUnfolded(next);
  };
  const focusable = activeTopicId !== null && order.includes(activeTopicId) ? activeTopicId : (order[0] ?? null);
  const row = (topic: TopicEntry) => (
    <li key={topic.topicId}>
      <TopicRow
        topic={topic}
        row={rows.get(topic.topicId)}
        active={topic.topicId === activeTopicId}
        tabbable={topic.topicId === focusable}
        onOpen={() => onOpen(topic.topicId)}
        onMenu={(anchor) => onMenu(topic.topicId, anchor)}
      />
    </li>
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, (index: number) => number> = {
      ArrowDown: (i) => Math.min(order.length - 1, i + 1),
      ArrowUp: (i) => Math.max(0, i - 1),
      Home: () => 0,
      End: () => order.length - 1,
    };
    const move = moves[event.key];
    if (!move || order.length === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button[data-topic]') ?? [])];
    const current = buttons.findIndex((b) => b === document.activeElement);
    const next = move(current < 0 ? Math.max(0, order.indexOf(focusable ?? '')) : current);
    const topicId = order[next];
    buttons[next]?.focus();
    if (topicId !== undefined && topicId !== activeTopicId) onOpen(topicId);
  };

  return (
    <nav ref={ref} className="topic-list" aria-label={t('topicsLabel', { name: communityName })} onKeyDown={onKeyDown}>
      {sections.map((section) => (
        <div key={section.category} className="topic-list__section">
          {section.category && (
            <h3 className="topic-list__category" aria-hidden="true">
              {section.category}
            </h3>
          )}
          <ul className="topic-list__items" aria-label={section.category || undefined}>
            {section.open.map(row)}
          </ul>
          {section.resolved.length > 0 && (
            <>
              <button
                type="button"
                className="topic-list__resolved-toggle"
                aria-expanded={section.shown}
                disabled={section.shown && !unfolded.has(section.category)}
                onClick={() => toggle(section.category)}
              >
                <span className="topic-list__chevron" aria-hidden="true">
                  {section.shown ? '▾' : '▸'}
                </span>
                {t('resolvedSection', { count: section.resolved.length })}
              </button>
              {section.shown && <ul className="topic-list__items topic-list__items--resolved">{section.resolved.map(row)}</ul>}
            </>
          )}
        </div>
      ))}
    </nav>
  );
}

interface TopicRowProps {
  topic: TopicEntry;
  row: GroupConversation | undefined;
  active: boolean;
  tabbable: boolean;
  onOpen: () => void;
  onMenu: (anchor: MenuAnchor) => void;
}

function TopicRow({ topic, row, active, tabbable, onOpen, onMenu }: TopicRowProps) {
  const { t } = useTranslation('community');
  const unread = row?.unreadCount ?? 0;
  const mention = unread > 0 ? (row?.unreadMention ?? null) : null;
  const muted = isMuted(row);
  const resolved = isResolved(topic);
  const label = [
    topic.name,
    resolved ? t('topicResolved') : null,
    unread > 0 ? t('topicUnread', { count: unread }) : null,
    mention === 'me' ? t('topicMention') : mention === 'all' ? t('topicMentionAll') : null,
    muted ? t('topicMuted') : null,
  ]
    .filter(Boolean)
    .join(', ');
  const classes = ['topic-item', active && 'topic-item--on', resolved && 'topic-item--resolved', unread > 0 && !muted && 'topic-item--unread', muted && 'topic-item--muted'];
  return (
    <button
      type="button"
      data-topic=""
      className={classes.filter(Boolean).join(' ')}
      aria-label={label}
      aria-current={active ? 'page' : undefined}
      tabIndex={tabbable ? 0 : -1}
      onClick={onOpen}
      onContextMenu={(event) => {
        if (!row) return;
        event.preventDefault();
        onMenu({ x: event.clientX, y: event.clientY });
      }}
      onKeyDown={(event) => {
        if (!row || !(event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))) return;
        event.preventDefault();
        onMenu({ element: event.currentTarget });
      }}
    >
      <span className="topic-item__hash">{resolved ? <ResolvedIcon /> : <TopicIcon />}</span>
      <span className="topic-item__name">{topic.name}</span>
      {muted && (
        <span className="topic-item__muted">
          <MutedIcon />
        </span>
      )}
      {mention && (
        <span className="topic-item__mention" aria-hidden="true">
          @
        </span>
      )}
      {unread > 0 && (
        <span className={`topic-item__count ${muted ? 'topic-item__count--muted' : ''}`} aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
