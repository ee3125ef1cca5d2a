import { peerOfConversation } from '../../../../shared/domain';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type MessagesService } from './messages.service';
import { toServerMessage } from './view';

export function messageHandlers(messages: MessagesService): AnyHandler[] {
  return [
    // M3: the sender is always the authenticated user; the strict schema refuses a `from`.
    defineHandler('message:send', async ({ socket, userId }, input) => {
      const { message, duplicate } = await messages.send({
        from: userId,
        to: input.to,
        clientMsgId: input.clientMsgId,
        body: input.body,
        senderSync: 'live',
        originSocketId: socket.id,
      });
      return { message: toServerMessage(message, userId), duplicate };
    }),
    defineHandler('sync:messagesAfter', ({ userId }, input) =>
      messages.after(userId, peerOfConversation(input.conversationId), input.afterSeq, input.limit),
    ),
    defineHandler('sync:messagesBefore', ({ userId }, input) =>
      messages.before(userId, peerOfConversation(input.conversationId), input.beforeSeq, input.limit),
    ),
  ];
}
