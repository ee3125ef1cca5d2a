import type { Conversation } from '../../../shared/domain';

/**
 * Which conversations Chats lists (ADR 0004 §7): one-to-one and group conversations, not a community's
 * topics — those are listed in their community. A topic may still be the active conversation.
 */
export function isListedInChats(conversation: Conversation): boolean {
  return conversation.kind === 'c2c' || conversation.topicId === null;
}

export function chatsConversations(conversations: readonly Conversation[]): Conversation[] {
  return conversations.filter(isListedInChats);
}

/**
 * Muted here means "do not disturb" (AcceptNotNotify, AcceptNotNotifyExceptAt, Discard): the row shows a
 * bell-off and a grey count, and its unread is not added to the rail's or the window title's total.
 */
export function isMutedConversation(conversation: Pick<Conversation, 'recvOpt'>): boolean {
  return conversation.recvOpt !== 'AcceptAndNotify';
}

/** The Chats total: unread of the rows Chats lists that are not muted. */
export function chatsUnreadTotal(conversations: readonly Conversation[]): number {
  let sum = 0;
  for (const c of conversations) if (isListedInChats(c) && !isMutedConversation(c)) sum += c.unreadCount;
  return sum;
}
