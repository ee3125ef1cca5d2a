import { getConversation } from '../store/tables/conversations';
import { lowestOwnReceiptSeq } from '../store/tables/messages';
import type { SyncSession } from './syncSession';

/** Own receipt messages among the newest this many seqs have their counts refreshed on connect. */
export const RECEIPT_REFRESH_WINDOW = 200;

/**
 * M6: receipt counts are pushed (`message:receipt`) only while the sender is connected, and a
 * conversation whose mark is current fetches no page on connect. So after a catch-up, a group
 * conversation holding recent own receipt messages re-reads the newest page from the lowest of
 * them: the server derives the counts for the sender's own messages in sync pages, and storing
 * them updates only the counts. Call in the conversation's queue.
 */
export async function refreshReceiptCounts(session: SyncSession, conversationId: string, generation: number): Promise<void> {
  const { ctx } = session;
  const conversation = getConversation(ctx.db, conversationId);
  if (conversation?.kind !== 'group' || conversation.lastSeq === 0) return;
  const lowest = lowestOwnReceiptSeq(ctx.db, conversationId, ctx.me, Math.max(0, conversation.lastSeq - RECEIPT_REFRESH_WINDOW));
  if (lowest === null) return;
  const page = await ctx.connection.request('sync:messagesBefore', {
    conversationId,
    beforeSeq: conversation.lastSeq + 1,
    limit: conversation.lastSeq - lowest + 1,
  });
  if (!session.isCurrent(generation)) return;
  const counted = page.messages.filter((m) => m.from === ctx.me && m.receipt !== null);
  if (counted.length > 0) session.store(counted);
}
