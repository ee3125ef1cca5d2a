import { AppError } from '../../../../shared/errors';
import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type GroupReadsService } from './groupReads.service';

/** ADR 0004 WP3: M6 receipt lists (sender only) and one conversation's state. Absent service (no groups here): refused, typed. */
export function groupReadsHandlers(reads: GroupReadsService | undefined): AnyHandler[] {
  return [
    defineHandler('sync:groupConversation', async ({ userId }, input) => {
      if (!reads) throw new AppError('group_unsupported', 'Group messages are not served here.');
      return { conversation: await reads.conversation(userId, input.conversationId) };
    }),
    defineHandler('group:receiptMembers', ({ userId }, input) => {
      if (!reads) throw new AppError('group_unsupported', 'Group messages are not served here.');
      return reads.receiptMembers(userId, input.conversationId, input.messageId, input.which, input.cursor);
    }),
  ];
}
