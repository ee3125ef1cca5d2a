import { peerOfConversation } from '../../../../shared/domain';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type ConversationsService } from './conversations.service';

export function conversationHandlers(conversations: ConversationsService): AnyHandler[] {
  return [
    defineHandler('sync:conversations', async ({ userId }) => ({ conversations: await conversations.list(userId) })),
    defineHandler('conversation:markRead', ({ socket, userId }, input) =>
      conversations.markRead(userId, peerOfConversation(input.conversationId), input.readSeq, socket.id),
    ),
  ];
}
