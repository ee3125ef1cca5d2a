import { setFirstSeq } from '../store/tables/conversations';
import { SYNC_PAGE, type CatchUpPlan } from './gaps';
import type { SyncSession } from './syncSession';

/**
 * Carries out a catch-up plan for one conversation (catch-up, gap fill). Call inside the
 * conversation's queue: the plan was made from its mark, and the pages move it.
 */
export async function fetchPlan(session: SyncSession, conversationId: string, plan: CatchUpPlan, generation: number): Promise<void> {
  const { connection, db } = session.ctx;
  const stale = () => session.ctx.tasks.closed || generation !== session.generation();
  if (plan.kind === 'none') return;
  if (plan.kind === 'latest') {
    const page = await connection.request('sync:messagesBefore', { conversationId, beforeSeq: plan.beforeSeq, limit: SYNC_PAGE });
    if (stale()) return;
    const first = page.messages[0];
    const last = page.messages.at(-1);
    if (!first || !last) return;
    session.store(page.messages, { conversationId, afterSeq: first.seq - 1, upToSeq: last.seq, reanchor: true });
    if (!page.hasMore) setFirstSeq(db, conversationId, first.seq);
    return;
  }
  let afterSeq = plan.afterSeq;
  for (;;) {
    const page = await connection.request('sync:messagesAfter', { conversationId, afterSeq, limit: SYNC_PAGE });
    if (stale()) return;
    const last = page.messages.at(-1);
    if (!last) return;
    session.store(page.messages, { conversationId, afterSeq, upToSeq: last.seq });
    if (!page.hasMore || last.seq >= plan.upToSeq) return;
    afterSeq = last.seq;
  }
}

/**
 * M4 history paging: fetches up to `limit` messages below `beforeSeq` and stores them, in the
 * conversation's queue. When the server has nothing more, remembers where history starts.
 */
export async function fetchOlder(session: SyncSession, conversationId: string, beforeSeq: number, limit: number): Promise<void> {
  const { ctx } = session;
  await ctx.conversationQueue.run(conversationId, async () => {
    const page = await ctx.connection.request('sync:messagesBefore', { conversationId, beforeSeq, limit });
    if (ctx.tasks.closed) return;
    const first = page.messages[0];
    if (!page.hasMore) setFirstSeq(ctx.db, conversationId, first ? first.seq : beforeSeq);
    if (first) session.store(page.messages);
  });
}

/**
 * Paging towards the present after a jump (`messages:page` with afterId): fetches and stores
 * one page after `afterSeq`, in the conversation's queue. The page vouches for its range, so
 * the mark moves over it when it reaches the mark.
 */
export async function fetchNewer(session: SyncSession, conversationId: string, afterSeq: number, limit: number): Promise<void> {
  const { ctx } = session;
  await ctx.conversationQueue.run(conversationId, async () => {
    const page = await ctx.connection.request('sync:messagesAfter', { conversationId, afterSeq, limit });
    if (ctx.tasks.closed) return;
    const last = page.messages.at(-1);
    if (last) session.store(page.messages, { conversationId, afterSeq, upToSeq: last.seq });
  });
}
