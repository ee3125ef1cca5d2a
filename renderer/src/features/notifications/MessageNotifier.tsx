import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, ConversationId } from '../../../../shared/domain';
import { selectSignedInUser, useChatStoreApi, type ChatState } from '../../state';
import { conversationTitle } from '../chat/conversationTitle';
import { rowPreview } from '../conversation-list/rowPreview';
import { noticeReason, type NoticeReason } from './messageNotice';

/** More conversations than this in one change (a catch-up after being offline) make one summary, not a flood. */
const MAX_SEPARATE = 3;
const SUMMARY_TAG = 'openchat-messages';

/**
 * System notifications for new messages while the app is in the background (window hidden or not focused):
 * one per conversation (a newer message replaces it), the receive options respected (see messageNotice.ts),
 * the text only when the person allows previews. A click brings the app forward on that conversation.
 * The web Notification API serves both hosts: Electron shows it natively (its permission handler grants
 * notifications to the app's own page only).
 */
export function MessageNotifier() {
  const store = useChatStoreApi();
  const { t } = useTranslation();
  const { t: tg } = useTranslation('groupChat');

  useEffect(() => {
    const N = (globalThis as { Notification?: typeof Notification }).Notification;
    if (!N) return;
    let active = isWindowActive();
    const onActivity = () => {
      active = isWindowActive();
    };
    // The blur handler reads focus after the event: document.hasFocus() is already false by then.
    const onBlur = () => {
      active = false;
    };
    window.addEventListener('focus', onActivity);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onActivity);
    const shown = new Map<string, Notification>();

    const open = (conversation: Conversation) => {
      window.focus();
      const state = store.getState();
      if (conversation.kind === 'group' && conversation.topicId) {
        void state.communityOpened(conversation.groupId).then(() => state.topicOpened(conversation.groupId, conversation.topicId as NonNullable<typeof conversation.topicId>));
        return;
      }
      state.conversationSelected(conversation.id);
      state.sectionChosen('chats');
    };

    const show = (tag: string, title: string, body: string, onClick: () => void) => {
      if (N.permission !== 'granted') return;
      try {
        shown.get(tag)?.close();
        const notification = new N(title, { body, tag });
        notification.onclick = () => {
          onClick();
          notification.close();
        };
        notification.onclose = () => {
          if (shown.get(tag) === notification) shown.delete(tag);
        };
        shown.set(tag, notification);
      } catch {
        // A host without notifications (or one that refuses them now): the unread badges still tell.
      }
    };

    const titleOf = (conversation: Conversation): string =>
      conversation.kind === 'group' && conversation.topic
        ? t('notifications.topicTitle', { community: conversation.group.name, topic: conversationTitle(conversation, t) })
        : conversationTitle(conversation, t);

    const textOf = (conversation: Conversation, reason: NoticeReason, preview: boolean): string => {
      if (!preview) return reason === 'mention' ? t('notifications.mentionedHidden') : t('notifications.newMessage');
      const text = rowPreview(conversation, t, tg, (userId) => userId).text;
      return reason === 'mention' ? t('notifications.mentioned', { text }) : text;
    };

    const unsubscribe = store.subscribe((state: ChatState, previous: ChatState) => {
      if (state.conversations === previous.conversations) return;
      // Read here or on another device: its notification has said all it had to.
      for (const conversation of state.conversations) if (conversation.unreadCount === 0) shown.get(conversation.id)?.close();
      if (active || !state.notifications) return;
      // The first list after signing in, or a list that is still loading, is not news.
      if (previous.conversationsStatus !== 'ready' || state.conversationsStatus !== 'ready') return;
      const me = selectSignedInUser(state)?.userId;
      if (!me) return;
      const before = new Map<ConversationId, Conversation>(previous.conversations.map((c) => [c.id, c]));
      const news: { conversation: Conversation; reason: NoticeReason }[] = [];
      for (const conversation of state.conversations) {
        const old = before.get(conversation.id);
        if (old === conversation) continue;
        const reason = noticeReason(old, conversation, me);
        if (reason) news.push({ conversation, reason });
      }
      if (news.length === 0) return;
      if (news.length > MAX_SEPARATE) {
        const count = news.reduce((sum, n) => sum + n.conversation.unreadCount, 0);
        show(SUMMARY_TAG, t('notifications.summaryTitle'), t('notifications.summary', { count, chats: news.length }), () => {
          window.focus();
          store.getState().sectionChosen('chats');
        });
        return;
      }
      for (const { conversation, reason } of news) {
        show(conversation.id, titleOf(conversation), textOf(conversation, reason, state.notificationPreview), () => open(conversation));
      }
    });

    return () => {
      unsubscribe();
      window.removeEventListener('focus', onActivity);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onActivity);
      shown.forEach((n) => n.close());
    };
  }, [store, t, tg]);

  return null;
}

function isWindowActive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}
