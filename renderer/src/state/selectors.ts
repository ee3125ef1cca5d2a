import type { Conversation, ConversationId } from '../../../shared/domain';
import { chatsConversations, chatsUnreadTotal } from './chatsList';
import type { ErrorShape } from '../../../shared/errors';
import { DEFAULT_RECALL_WINDOW_MS } from './slices/messageActionsSlice';
import type { Timeline } from './slices/messagesSlice';
import type { ChatState } from './types';

export const selectSignedInUser = (s: ChatState) => (s.session?.state === 'signedIn' ? s.session : null);

/** M5: how long the signed-in server allows a recall (the core learns it from the server; two minutes before that). */
export const selectRecallWindowMs = (s: ChatState): number =>
  s.session?.state === 'signedIn' ? s.session.serverPolicy.recallWindowSeconds * 1000 : DEFAULT_RECALL_WINDOW_MS;

/** The open conversation of any kind (a topic too: the community view shows it in the same ChatPane). */
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

/** The Chats badge and window title: listed, not muted (ADR 0004 §7: a muted row's grey count is not added). */
export const selectTotalUnread = (s: ChatState): number => chatsUnreadTotal(s.conversations);

// The filtered list is kept while the store's list is the same array, so components re-render only on a change.
let chatsSource: readonly Conversation[] | null = null;
let chatsResult: Conversation[] = [];
/** What Chats lists: every conversation but community topics, in the store's order. */
export const selectChatsConversations = (s: ChatState): Conversation[] => {
  if (s.conversations !== chatsSource) {
    chatsSource = s.conversations;
    chatsResult = chatsConversations(s.conversations);
  }
  return chatsResult;
};
