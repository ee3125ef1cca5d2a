import { useCallback, useEffect, useRef } from 'react';
import type { ListItem } from 'react-virtuoso';
import type { ChatMessage, ConversationId } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { highestSeqOnScreen, windowIsWatched } from './seenRange';

/**
 * M6: tells the store how far the person has actually read. The timeline
 * passes Virtuoso's `itemsRendered` here (the rows on screen, with no overscan
 * below); the newest of them counts as read only while the window is visible
 * and focused. A person scrolled up reading history, or looking at another
 * window, sends no read receipt for what arrives meanwhile.
 */
export function useReportSeen(conversationId: ConversationId): (rows: ListItem<ChatMessage>[]) => void {
  const messagesSeen = useChatStore((s) => s.messagesSeen);
  const unread = useChatStore((s) => s.conversations.find((c) => c.id === conversationId)?.unreadCount ?? 0);
  const onScreenUpTo = useRef<number | null>(null);

  const reportIfWatched = useCallback(() => {
    const upTo = onScreenUpTo.current;
    if (upTo !== null && windowIsWatched()) void messagesSeen(conversationId, upTo);
  }, [conversationId, messagesSeen]);

  const rowsOnScreen = useCallback(
    (rows: ListItem<ChatMessage>[]) => {
      onScreenUpTo.current = highestSeqOnScreen(rows);
      reportIfWatched();
    },
    [reportIfWatched],
  );

  // What is on screen is seen once the person comes back to the window, or when more of it becomes unread.
  useEffect(() => {
    if (unread === 0) return;
    reportIfWatched();
    window.addEventListener('focus', reportIfWatched);
    document.addEventListener('visibilitychange', reportIfWatched);
    return () => {
      window.removeEventListener('focus', reportIfWatched);
      document.removeEventListener('visibilitychange', reportIfWatched);
    };
  }, [unread, reportIfWatched]);

  return rowsOnScreen;
}
