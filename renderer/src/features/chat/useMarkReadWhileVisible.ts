import { useEffect } from 'react';
import type { ConversationId } from '../../../../shared/domain';
import { useChatStore } from '../../state';

/**
 * Messages count as read only when the person can see them: the
 * conversation is open, the page is visible and the window has focus.
 */
export function useMarkReadWhileVisible(conversationId: ConversationId): void {
  const unread = useChatStore((s) => s.conversations.find((c) => c.id === conversationId)?.unreadCount ?? 0);
  const conversationSeen = useChatStore((s) => s.conversationSeen);

  useEffect(() => {
    if (unread === 0) return;
    const markIfSeen = () => {
      if (document.visibilityState === 'visible' && document.hasFocus()) void conversationSeen(conversationId);
    };
    markIfSeen();
    window.addEventListener('focus', markIfSeen);
    document.addEventListener('visibilitychange', markIfSeen);
    return () => {
      window.removeEventListener('focus', markIfSeen);
      document.removeEventListener('visibilitychange', markIfSeen);
    };
  }, [conversationId, unread, conversationSeen]);
}
