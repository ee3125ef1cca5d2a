/**
 * Pure decisions about which sequence ranges to fetch. Kept free of I/O so every case
 * can be tested directly; the sync engine and history paging carry them out.
 *
 * Vocabulary: `syncedSeq` is the conversation's local mark — every seq from the
 * catch-up anchor up to it is stored. Seqs are gap-free on the server.
 */

/** Page size for catch-up and gap fill. */
export const SYNC_PAGE = 200;

/**
 * Beyond this many missed messages a catch-up fetches only the newest page and leaves the
 * older ones to history paging, so a device returning after months does not download
 * everything before showing anything.
 */
export const MAX_CATCH_UP = 2_000;

export type CatchUpPlan =
  | { kind: 'none' }
  /** Fetch `sync:messagesAfter` pages from `afterSeq` until reaching `upToSeq`. */
  | { kind: 'after'; afterSeq: number; upToSeq: number }
  /** Fetch the newest page before `beforeSeq` and move the mark there; older seqs become a history hole. */
  | { kind: 'latest'; beforeSeq: number };

export function planCatchUp(syncedSeq: number, serverLastSeq: number, maxCatchUp = MAX_CATCH_UP): CatchUpPlan {
  if (serverLastSeq <= syncedSeq) return { kind: 'none' };
  if (serverLastSeq - syncedSeq > maxCatchUp) return { kind: 'latest', beforeSeq: serverLastSeq + 1 };
  return { kind: 'after', afterSeq: syncedSeq, upToSeq: serverLastSeq };
}

export type LiveMessageDecision =
  /** Already covered by the mark: store idempotently (it may confirm our own pending send). */
  | { kind: 'known' }
  /** Exactly the next seq: store it and advance the mark. */
  | { kind: 'next' }
  /** Seqs between the mark and this message are missing: fill them first. */
  | { kind: 'gap'; plan: CatchUpPlan };

export function decideLiveMessage(syncedSeq: number, seq: number, maxCatchUp = MAX_CATCH_UP): LiveMessageDecision {
  if (seq <= syncedSeq) return { kind: 'known' };
  if (seq === syncedSeq + 1) return { kind: 'next' };
  return { kind: 'gap', plan: planCatchUp(syncedSeq, seq - 1, maxCatchUp) };
}

/**
 * Given the acknowledged seqs of a history page (newest first), whether the server must be
 * asked for older messages before answering, and from where. Returns the exclusive
 * `beforeSeq` to fetch below, or null when the page is complete.
 *
 * - `upperSeq`: seq of the message the page continues below (exclusive), if it is acknowledged;
 * - `floorSeq`: the lowest seq the server holds (1 unless paging found history starts later);
 * - `wanted`: how many acknowledged messages the page should hold.
 */
export function findHistoryHole(pageSeqsDesc: readonly number[], upperSeq: number | null, floorSeq: number, wanted: number): number | null {
  let previous = upperSeq;
  for (const seq of pageSeqsDesc) {
    if (previous !== null && previous - seq > 1) return previous;
    previous = seq;
  }
  if (pageSeqsDesc.length < wanted && previous !== null && previous > floorSeq) return previous;
  return null;
}
