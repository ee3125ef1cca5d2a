import { parseConversationId, requireC2cPeer } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type GroupReadsService } from '../groupReads/groupReads.service';
import { type ConversationsService } from './conversations.service';

/** ADR 0004: a group or topic conversation ID goes to the group reads service (absent: refused, typed). */
function groupReadsFor(conversationId: string, reads: GroupReadsService | undefined): GroupReadsService | null {
  if (parseConversationId(conversationId)?.kind !== 'group') return null;
  if (!reads) throw new AppError('group_unsupported', 'Group messages are not served here.');
  return reads;
}

export function conversationHandlers(conversations: ConversationsService, groupReads?: GroupReadsService): AnyHandler[] {
  return [
    defineHandler('sync:conversations', async ({ userId }) => ({ conversations: await conversations.list(userId) })),
    defineHandler('conversation:markRead', ({ socket, userId }, input) => {
      const reads = groupReadsFor(input.conversationId, groupReads);
      if (reads) return reads.markRead(userId, input.conversationId, input.readSeq, socket.id);
      return conversations.markRead(userId, requireC2cPeer(input.conversationId), input.readSeq, socket.id);
    }),
    defineHandler('conversation:clear', ({ socket, userId }, input) => {
      const reads = groupReadsFor(input.conversationId, groupReads);
      if (reads) return reads.clear(userId, input.conversationId, socket.id);
      return conversations.clear(userId, requireC2cPeer(input.conversationId), socket.id);
    }),
    defineHandler('conversation:delete', async ({ socket, userId }, input) => {
      const reads = groupReadsFor(input.conversationId, groupReads);
      if (reads) await reads.remove(userId, input.conversationId, socket.id);
      else await conversations.remove(userId, requireC2cPeer(input.conversationId), socket.id);
      return {};
    }),
    defineHandler('conversation:setSettings', async ({ socket, userId }, input) => {
      const settings = { pinned: input.pinned, recvOpt: input.recvOpt };
      const reads = groupReadsFor(input.conversationId, groupReads);
      if (reads) return { conversation: await reads.setSettings(userId, input.conversationId, settings, socket.id) };
      return { conversation: await conversations.setSettings(userId, requireC2cPeer(input.conversationId), settings, socket.id) };
    }),
  ];
}
