import type { Conversation } from '../../../../shared/domain';

/**
 * Whether a conversation matches what was typed, ignoring case and width: any part of my remark, the nickname
 * or the UserID of a one-to-one peer; the name or ID of a group (and a topic's name).
 */
export function matchesConversation(conversation: Conversation, query: string): boolean {
  const needle = query.trim().normalize('NFKC').toLocaleLowerCase();
  if (!needle) return true;
  const parts =
    conversation.kind === 'c2c'
      ? [conversation.peer.remark ?? '', conversation.peer.nickname, conversation.peer.userId]
      : [conversation.group.name, conversation.groupId, conversation.topic?.name ?? ''];
  return parts.join(' ').normalize('NFKC').toLocaleLowerCase().includes(needle);
}
