import { requireC2cPeer } from '../../../../shared/domain';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type ConversationsService } from './conversations.service';

export function conversationHandlers(conversations: ConversationsService): AnyHandler[] {
  return [
    defineHandler('sync:conversations', async ({ userId }) => ({ conversations: await conversations.list(userId) })),
    defineHandler('conversation:markRead', ({ socket, userId }, input) =>
      conversations.markRead(userId, requireC2cPeer(input.conversationId), input.readSeq, socket.id),
    ),
    defineHandler('conversation:clear', ({ socket, userId }, input) =>
      conversations.clear(userId, requireC2cPeer(input.conversationId), socket.id),
    ),
    defineHandler('conversation:delete', async ({ socket, userId }, input) => {
      await conversations.remove(userId, requireC2cPeer(input.conversationId), socket.id);
      return {};
    }),
    defineHandler('conversation:setSettings', async ({ socket, userId }, input) => {
      const settings = { pinned: input.pinned, recvOpt: input.recvOpt };
      return { conversation: await conversations.setSettings(userId, requireC2cPeer(input.conversationId), settings, socket.id) };
    }),
  ];
}
