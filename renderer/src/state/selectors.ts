import type { Conversation, ConversationId } from '../../../shared/domain';
import type { ErrorShape } from '../../../shared/errors';
import type { Timeline } from './slices/messagesSlice';
import type { ChatState } from './types';

export const selectSignedInUser = (s: ChatState) => (s.session?.state === 'signedIn' ? s.session : null);

export const selectActiveConversation = (s: ChatState): Conversation | null =>
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
