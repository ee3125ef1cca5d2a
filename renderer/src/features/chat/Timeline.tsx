import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { ChatMessage, Conversation } from '../../../../shared/domain';
import { ArrowDownIcon } from '../../components/icons';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { isSameDay, messageText, toMillis } from '../../i18n';
import { selectTimeline, useChatStore } from '../../state';
import { bodyTipText } from '../message-content/groupTipText';
import { ReceiptsDialog } from '../receipts/ReceiptsDialog';
import { useNow } from '../useNow';
import { ConversationAvatar } from './ConversationAvatar';
import { conversationTitle } from './conversationTitle';
import { usePersonNamer } from './usePersonNames';
import { useTopicName } from '../community/useTopicName';
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
  const { t: tg } = useTranslation('groupChat');
  const timeline = useChatStore(selectTimeline(conversation.id));
  const profileDialogOpened = useChatStore((s) => s.profileDialogOpened);
  const groupId = conversation.kind === 'group' ? conversation.groupId : null;
  const namer = usePersonNamer();
  const topicName = useTopicName();
  const [receiptsFor, setReceiptsFor] = useState<ChatMessage['id'] | null>(null);
  const openReceipts = useCallback((message: ChatMessage) => setReceiptsFor(message.id), []);
  const openSender = useCallback((userId: ChatMessage['from']) => profileDialogOpened(userId), [profileDialogOpened]);
  const olderMessagesRequested = useChatStore((s) => s.olderMessagesRequested);
  const retryRequested = useChatStore((s) => s.retryRequested);
  const newerMessagesRequested = useChatStore((s) => s.newerMessagesRequested);
  const latestMessagesRequested = useChatStore((s) => s.latestMessagesRequested);
  const highlightCleared = useChatStore((s) => s.highlightCleared);
  const selection = useChatStore((s) => (s.selection?.conversationId === conversation.id ? s.selection : null));
  const virtuoso = useRef<VirtuosoHandle>(null);
  const now = useNow(60_000);
  const name = conversationTitle(conversation, t);
  const messages = timeline?.messages ?? NO_MESSAGES;
  const firstItemIndex = timeline?.firstItemIndex ?? 0;
  const rowsOnScreen = useReportSeen(conversation.id);
  // Scrolled up reading history: offer the way back down, with what arrived meanwhile.
  const [awayFromLatest, setAwayFromLatest] = useState(false);
  const hasMoreAfter = timeline?.hasMoreAfter ?? false;
  const jumpToLatest = useCallback(() => {
    // After a jump into the past the present is not loaded: load it instead of scrolling to the end of the window.
    if (hasMoreAfter) void latestMessagesRequested(conversation.id);
    else virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' });
  }, [hasMoreAfter, latestMessagesRequested, conversation.id]);

  // A jump (search hit, quoted message) centres its message and flashes it for a moment.
  const highlight = timeline?.highlight ?? null;
  const highlightIndex = highlight ? messages.findIndex((m) => m.id === highlight.id) : -1;
  useEffect(() => {
    if (!highlight) return;
    if (highlightIndex >= 0) virtuoso.current?.scrollToIndex({ index: highlightIndex, align: 'center', behavior: 'auto' });
    const timer = setTimeout(() => highlightCleared(conversation.id), 2600);
    return () => clearTimeout(timer);
    // Only a new jump (nonce) scrolls; later changes of the list must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight?.nonce]);

  // Your own new message always comes into view, even if you had scrolled up to read.
  const last = messages.at(-1);
  // A room without unread counts (Meeting, audio-video) has been seen up to what is on screen: no Chats dot.
  const roomActivitySeen = useChatStore((s) => s.roomActivitySeen);
  const lastId = last?.id;
  useEffect(() => {
    if (lastId !== undefined) roomActivitySeen(conversation.id, lastId);
  }, [lastId, conversation.id, roomActivitySeen]);
  const lastOwnPendingId = last?.isOwn && last.status === 'pending' ? last.id : null;
  useEffect(() => {
    if (lastOwnPendingId) virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' });
  }, [lastOwnPendingId]);

  // The newest message grew (a reaction, an edit, a recall tip) while the person was at the bottom: stay there.
  const lastShape = last ? `${last.id}:${last.reactions.length}:${last.editedAt ?? ''}:${last.recalled}` : '';
  const stickToBottom = !awayFromLatest && !hasMoreAfter;
  const shapeSeen = useRef(lastShape);
  useEffect(() => {
    // Not on opening (the list starts at the end, or at a jump's target), only when the newest message changes.
    if (shapeSeen.current === lastShape) return;
    shapeSeen.current = lastShape;
    if (!stickToBottom) return;
    // After the list has measured the row's new height.
    const timer = setTimeout(() => virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'auto' }), 60);
    return () => clearTimeout(timer);
    // Only a change of the newest message's shape moves the view, not the person scrolling back down.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastShape]);

  const retry = useCallback((message: ChatMessage) => void retryRequested(message), [retryRequested]);
  const loadOlder = useCallback(() => void olderMessagesRequested(conversation.id), [olderMessagesRequested, conversation.id]);
  const loadNewer = useCallback(() => void newerMessagesRequested(conversation.id), [newerMessagesRequested, conversation.id]);
  const selectedIds = selection?.ids;

  // An audio-video room keeps no history: what came before this device joined is simply not there (ADR 0004 §6).
  const historyKind = conversation.kind === 'c2c' ? 'c2c' : conversation.groupType === 'AVChatRoom' ? 'none' : 'group';

  const itemContent = useCallback(
    (index: number, message: ChatMessage) => {
      const previous = messages[index - firstItemIndex - 1];
      const at = toMillis(message.time);
      const newDay = !previous || !isSameDay(toMillis(previous.time), at);
      // A tip between two messages of one sender starts a new run (its avatar and name show again).
      const continued = !!previous && !previous.isTip && previous.from === message.from && at - toMillis(previous.time) < GROUP_GAP_MS;
      // A tip's operator is its sender, whom the core names even before the member list is loaded.
      const tipName = (userId: string) => {
        const name = namer(groupId, userId);
        return name === userId && userId === message.from && message.senderName?.trim() ? message.senderName.trim() : name;
      };
      const tipText = groupId !== null && message.isTip ? (bodyTipText(message.body, tipName, tg, topicName) ?? messageText(message.body, t)) : null;
      const other = groupId !== null && !message.isOwn && tipText === null;
      const senderName = other && (!continued || newDay) ? message.senderName?.trim() || namer(groupId, message.from) : null;
      const item = (
        <MessageItem
          message={message}
          dayLabelNeeded={newDay}
          continued={continued}
          now={now}
          onRetry={retry}
          selecting={selectedIds !== undefined}
          selected={selectedIds?.includes(message.id) ?? false}
          highlighted={highlight?.id === message.id}
          inGroup={groupId !== null}
          tipText={tipText}
          senderName={senderName}
          onOpenSender={other ? openSender : undefined}
          onOpenReceipts={groupId !== null ? openReceipts : undefined}
        />
      );
      // With alignToBottom a short history sits low; the note belongs just above its first message.
      if (previous || timeline?.hasMore !== false) return item;
      return (
        <>
          <p className="timeline__beginning">
            {historyKind === 'c2c' ? t('chat.beginning', { name }) : historyKind === 'none' ? tg('timeline.noHistory') : tg('timeline.beginningGroup', { name, interpolation: { escapeValue: false } })}
          </p>
          {item}
        </>
      );
    },
    [messages, firstItemIndex, now, retry, timeline?.hasMore, t, tg, name, historyKind, selectedIds, highlight?.id, groupId, namer, topicName, openSender, openReceipts],
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
          illustration={<ConversationAvatar conversation={conversation} size="large" showPresence={false} />}
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
        // A jump replaces the loaded window: start afresh at the message it landed on.
        key={timeline.generation}
        ref={virtuoso}
        className="timeline"
        role="log"
        aria-label={t('chat.timelineLabel', { name })}
        data={messages}
        context={{ loadingOlder: timeline.loadingOlder, hasMore: timeline.hasMore, name }}
        firstItemIndex={firstItemIndex}
        initialTopMostItemIndex={highlightIndex >= 0 ? { index: highlightIndex, align: 'center' } : messages.length - 1}
        computeItemKey={(_, message) => message.id}
        itemContent={itemContent}
        components={components}
        alignToBottom
        // Instant, not smooth: a burst arriving during a smooth scroll leaves the list short of the end and it stops following.
        followOutput={(atBottom) => (atBottom && !hasMoreAfter ? 'auto' : false)}
        startReached={loadOlder}
        endReached={hasMoreAfter ? loadNewer : undefined}
        itemsRendered={rowsOnScreen}
        // Nothing rendered below the viewport: every row reported to useReportSeen is one the person can see.
        increaseViewportBy={{ top: 400, bottom: 0 }}
        atBottomStateChange={(atBottom) => setAwayFromLatest(!atBottom)}
        atBottomThreshold={120}
      />
      {(awayFromLatest || hasMoreAfter) && (
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
      {receiptsFor !== null && <ReceiptsDialog message={messages.find((m) => m.id === receiptsFor) ?? null} groupId={groupId} onClose={() => setReceiptsFor(null)} />}
    </div>
  );
}
