import type { Conversation, MessageId } from '../../../shared/domain';

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

/** Meeting groups and audio-video rooms keep no unread count (ADR 0004 §6): their rows never show a number. */
export function keepsUnreadCount(conversation: Conversation): boolean {
  return conversation.kind === 'c2c' || (conversation.groupType !== 'Meeting' && conversation.groupType !== 'AVChatRoom');
}

/**
 * Whether a room without unread counts has something new for its Chats dot: its newest message is someone
 * else's, arrived while this window was open (`since`, in ms) and is not the one last had on screen.
 */
export function hasUnseenRoomActivity(conversation: Conversation, seen: MessageId | undefined, since: number): boolean {
  const last = conversation.lastMessage;
  if (keepsUnreadCount(conversation) || !last || last.isOwn || last.isTip || last.id === seen) return false;
  const at = last.time < 1_000_000_000_000 ? last.time * 1000 : last.time;
  return seen !== undefined || at >= since;
}
