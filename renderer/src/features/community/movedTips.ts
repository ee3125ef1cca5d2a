import { GroupTipElem, groupConversationId, parseConversationId, type ChatMessage, type GroupConversationId, type MessageId } from '../../../../shared/domain';

/**
 * ADR 0005: a "messages moved" tip seen in the topic they left: where they went and the first of them, so the
 * tip can open them there. Null for any other message, and for the same tip in the topic they went to.
 */
export function movedAwayTarget(message: Pick<ChatMessage, 'isTip' | 'body' | 'conversationId'>): { conversationId: GroupConversationId; messageId: MessageId | null } | null {
  if (!message.isTip) return null;
  const tip = GroupTipElem.safeParse(message.body[0]);
  if (!tip.success || tip.data.MsgContent.Kind !== 'messagesMoved') return null;
  const { FromTopicId: from, ToTopicId: to, FirstMessageId: first } = tip.data.MsgContent.Changes;
  const here = parseConversationId(message.conversationId);
  if (here?.kind !== 'group' || here.topicId === null || here.topicId !== from || !to) return null;
  return { conversationId: groupConversationId(here.groupId, to), messageId: first || null };
}
