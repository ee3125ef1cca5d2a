import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { ChatMessage, Conversation } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { ArrowDownIcon } from '../../components/icons';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { displayName, isSameDay, toMillis } from '../../i18n';
import { selectTimeline, useChatStore } from '../../state';
import { useNow } from '../useNow';
import { MessageItem } from './MessageItem';
import { useReportSeen } from './useReportSeen';

/** Messages from one sender within this gap are drawn as one group. */
const GROUP_GAP_MS = 5 * 60 * 1000;
const NO_MESSAGES: ChatMessage[] = [];

interface TimelineContext {
  loadingOlder: boolean;
  hasMore: boolean;
  name: string;
}

function TimelineHeader({ context }: { context?: TimelineContext }) {
  const { t } = useTranslation();
  if (!context) return null;
  if (context.loadingOlder) {
    return (
      <div className="timeline__edge">
        <Spinner label={t('chat.loadingOlder')} />
      </div>
    );
  }
  return <div className="timeline__edge" />;
}

function TimelineFooter() {
  return <div className="timeline__footer" />;
}

const components = { Header: TimelineHeader, Footer: TimelineFooter };

export function Timeline({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const timeline = useChatStore(selectTimeline(conversation.id));
  const olderMessagesRequested = useChatStore((s) => s.olderMessagesRequested);
  const retryRequested = useChatStore((s) => s.retryRequested);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const now = useNow(60_000);
  const name = displayName(conversation.peer);
  const messages = timeline?.messages ?? NO_MESSAGES;
  const firstItemIndex = timeline?.firstItemIndex ?? 0;
  const rowsOnScreen = useReportSeen(conversation.id);
  // Scrolled up reading history: offer the way back down, with what arrived meanwhile.
  const [awayFromLatest, setAwayFromLatest] = useState(false);
  const jumpToLatest = useCallback(() => virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' }), []);

  // Your own new message always comes into view, even if you had scrolled up to read.
  const last = messages.at(-1);
  const lastOwnPendingId = last?.isOwn && last.status === 'pending' ? last.id : null;
  useEffect(() => {
    if (lastOwnPendingId) virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, [lastOwnPendingId]);

  const retry = useCallback((message: ChatMessage) => void retryRequested(message), [retryRequested]);
  const loadOlder = useCallback(() => void olderMessagesRequested(conversation.id), [olderMessagesRequested, conversation.id]);

  const itemContent = useCallback(
    (index: number, message: ChatMessage) => {
      const previous = messages[index - firstItemIndex - 1];
      const at = toMillis(message.time);
      const newDay = !previous || !isSameDay(toMillis(previous.time), at);
      const continued = !!previous && previous.from === message.from && at - toMillis(previous.time) < GROUP_GAP_MS;
      const item = <MessageItem message={message} dayLabelNeeded={newDay} continued={continued} now={now} onRetry={retry} />;
      // With alignToBottom a short history sits low; the note belongs just above its first message.
      if (previous || timeline?.hasMore !== false) return item;
      return (
        <>
          <p className="timeline__beginning">{t('chat.beginning', { name })}</p>
          {item}
        </>
      );
    },
    [messages, firstItemIndex, now, retry, timeline?.hasMore, t, name],
  );

  if (!timeline || (timeline.status === 'loading' && messages.length === 0)) {
    return (
      <div className="timeline timeline--centered">
        <Spinner label={t('chat.loadingOlder')} />
      </div>
    );
  }
  if (timeline.status === 'error' && messages.length === 0) {
    return (
      <div className="timeline timeline--centered">
        <p role="alert">{t('chat.loadFailed')}</p>
      </div>
    );
  }
  if (messages.length === 0) {
    return (
      <div className="timeline timeline--centered">
        <EmptyState
          illustration={<Avatar id={conversation.peer.userId} name={name} size="large" />}
          title={t('chat.sayHelloTitle', { name })}
          body={t('chat.sayHelloBody')}
          headingLevel={3}
        />
      </div>
    );
  }

  return (
    <div className="timeline-frame">
      <Virtuoso<ChatMessage, TimelineContext>
        ref={virtuoso}
        className="timeline"
        role="log"
        aria-label={t('chat.timelineLabel', { name })}
        data={messages}
        context={{ loadingOlder: timeline.loadingOlder, hasMore: timeline.hasMore, name }}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={messages.length - 1}
        computeItemKey={(_, message) => message.id}
        itemContent={itemContent}
        components={components}
        alignToBottom
        // Instant, not smooth: a burst arriving during a smooth scroll leaves the list short of the end and it stops following.
        followOutput={(atBottom) => (atBottom ? 'auto' : false)}
        startReached={loadOlder}
        itemsRendered={rowsOnScreen}
        // Nothing rendered below the viewport: every row reported to useReportSeen is one the person can see.
        increaseViewportBy={{ top: 400, bottom: 0 }}
        atBottomStateChange={(atBottom) => setAwayFromLatest(!atBottom)}
        atBottomThreshold={120}
      />
      {awayFromLatest && (
        <button
          type="button"
          className="jump-to-latest"
          aria-label={
            conversation.unreadCount > 0
              ? `${t('chat.jumpToLatest')} (${t('chat.newBelow', { count: conversation.unreadCount })})`
              : t('chat.jumpToLatest')
          }
          onClick={jumpToLatest}
        >
          <ArrowDownIcon />
          {conversation.unreadCount > 0 && (
            <span className="jump-to-latest__count" aria-hidden="true">
              {t('chat.newBelow', { count: conversation.unreadCount })}
            </span>
          )}
        </button>
      )}
    </div>
  );
}
