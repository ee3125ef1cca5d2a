import type { C2cConversation, ConversationId } from '../../../shared/domain';
import type { ErrorShape } from '../../../shared/errors';
import { DEFAULT_RECALL_WINDOW_MS } from './slices/messageActionsSlice';
import type { Timeline } from './slices/messagesSlice';
import type { ChatState } from './types';

export const selectSignedInUser = (s: ChatState) => (s.session?.state === 'signedIn' ? s.session : null);

/** M5: how long the signed-in server allows a recall (the core learns it from the server; two minutes before that). */
export const selectRecallWindowMs = (s: ChatState): number =>
  s.session?.state === 'signedIn' ? s.session.serverPolicy.recallWindowSeconds * 1000 : DEFAULT_RECALL_WINDOW_MS;

export const selectActiveConversation = (s: ChatState): C2cConversation | null =>
  s.activeConversationId === null ? null : (s.conversations.find((c) => c.id === s.activeConversationId) ?? null);

export const selectTimeline =
  (conversationId: ConversationId) =>
  (s: ChatState): Timeline | undefined =>
    s.timelines[conversationId];

export const selectSendError =
  (conversationId: ConversationId) =>
  (s: ChatState): ErrorShape | undefined =>
    s.sendErrors[conversationId];

export const selectTypingUser =
  (conversationId: ConversationId) =>
  (s: ChatState): string | undefined =>
    s.typing[conversationId];

export const selectTotalUnread = (s: ChatState): number => s.conversations.reduce((sum, c) => sum + c.unreadCount, 0);
