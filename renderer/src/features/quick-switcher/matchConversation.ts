import type { C2cConversation } from '../../../../shared/domain';

/** Whether a conversation matches what was typed: any part of my remark, the nickname or the UserID, ignoring case and width. */
export function matchesConversation(conversation: C2cConversation, query: string): boolean {
  const needle = query.trim().normalize('NFKC').toLocaleLowerCase();
  if (!needle) return true;
  const haystack = `${conversation.peer.remark ?? ''} ${conversation.peer.nickname} ${conversation.peer.userId}`.normalize('NFKC').toLocaleLowerCase();
  return haystack.includes(needle);
}
