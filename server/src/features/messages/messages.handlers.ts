import { parseConversationId, requireC2cPeer } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type GroupMessagesService } from '../groupMessages/groupMessages.service';
import { type GroupReadsService } from '../groupReads/groupReads.service';
import { type MessageTarget, type MessagesService, locatorOf } from './messages.service';
import { toServerMessage } from './view';

/** The message a socket request names: within the caller's conversation, by MessageId. */
export function targetIn(userId: string, conversationId: string, messageId: string): MessageTarget {
  const locator = locatorOf(messageId);
  if (!locator) throw new AppError('message_not_found');
  return { between: [userId, requireC2cPeer(conversationId)], message: locator };
}

const isGroup = (conversationId: string) => parseConversationId(conversationId)?.kind === 'group';

/** ADR 0004: one handler per event; group conversation IDs go to the group service (absent: refused, typed). */
function groupService(groups: GroupMessagesService | undefined): GroupMessagesService {
  if (!groups) throw new AppError('group_unsupported', 'Group messages are not served here.');
  return groups;
}

export function messageHandlers(messages: MessagesService, groups?: GroupMessagesService, groupReads?: GroupReadsService): AnyHandler[] {
  return [
    // M3: the sender is always the authenticated user; the strict schema refuses a `from`.
    defineHandler('message:send', async ({ socket, userId }, input) => {
      if (!('to' in input)) {
        return groupService(groups).send({
          from: userId,
          conversationId: input.groupConversationId,
          clientMsgId: input.clientMsgId,
          body: input.body,
          cloudCustomData: input.cloudCustomData,
          replyTo: input.replyTo,
          groupAt: input.groupAt,
          needReceipt: input.needReceipt,
          priority: input.priority,
          originSocketId: socket.id,
        });
      }
      const { message, duplicate } = await messages.send({
        from: userId,
        to: input.to,
        clientMsgId: input.clientMsgId,
        body: input.body,
        cloudCustomData: input.cloudCustomData,
        replyTo: input.replyTo,
        senderSync: 'live',
        originSocketId: socket.id,
      });
      return { message: toServerMessage(message, userId), duplicate };
    }),
    defineHandler('message:recall', async ({ socket, userId }, input) => {
      if (isGroup(input.conversationId)) {
        return { message: await groupService(groups).recall(userId, input.conversationId, input.messageId, socket.id) };
      }
      const target = targetIn(userId, input.conversationId, input.messageId);
      const message = await messages.recallMessage({ kind: 'user', userId }, target, { originSocketId: socket.id });
      return { message: toServerMessage(message, userId) };
    }),
    defineHandler('message:edit', async ({ socket, userId }, input) => {
      if (isGroup(input.conversationId)) {
        return { message: await groupService(groups).edit(userId, input.conversationId, input.messageId, input.body, socket.id) };
      }
      const target = targetIn(userId, input.conversationId, input.messageId);
      const message = await messages.editMessage(userId, target, input.body, { originSocketId: socket.id });
      return { message: toServerMessage(message, userId) };
    }),
    defineHandler('message:react', async ({ socket, userId }, input) => {
      if (isGroup(input.conversationId)) {
        return { message: await groupService(groups).react(userId, input.conversationId, input.messageId, input.emoji, input.add, socket.id) };
      }
      const target = targetIn(userId, input.conversationId, input.messageId);
      const message = await messages.react(userId, target, input.emoji, input.add, { originSocketId: socket.id });
      return { message: toServerMessage(message, userId) };
    }),
    defineHandler('message:deleteForMe', ({ socket, userId }, input) => {
      if (isGroup(input.conversationId)) {
        if (!groupReads) throw new AppError('group_unsupported', 'Group messages are not served here.');
        return groupReads.deleteForMe(userId, input.conversationId, input.messageIds, socket.id);
      }
      return messages.deleteForMe(userId, requireC2cPeer(input.conversationId), input.messageIds, { originSocketId: socket.id });
    }),
    defineHandler('sync:messagesAfter', ({ userId }, input) =>
      isGroup(input.conversationId)
        ? groupService(groups).after(userId, input.conversationId, input.afterSeq, input.limit)
        : messages.after(userId, requireC2cPeer(input.conversationId), input.afterSeq, input.limit),
    ),
    defineHandler('sync:messagesBefore', ({ userId }, input) =>
      isGroup(input.conversationId)
        ? groupService(groups).before(userId, input.conversationId, input.beforeSeq, input.limit)
        : messages.before(userId, requireC2cPeer(input.conversationId), input.beforeSeq, input.limit),
    ),
    defineHandler('sync:messagesModified', ({ userId }, input) =>
      isGroup(input.conversationId)
        ? groupService(groups).modifiedAfter(userId, input.conversationId, input.afterModSeq, input.limit)
        : messages.modifiedAfter(userId, requireC2cPeer(input.conversationId), input.afterModSeq, input.limit),
    ),
  ];
}
