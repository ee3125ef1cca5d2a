import type { ChatMessage, MessageStatus } from '../../../shared/domain';

/**
 * Server sequence is the truth of order. A message not yet acknowledged has
 * no sequence and sits after every acknowledged one, in the order it was
 * written, as it will once the server numbers it. Seq 0 marks a message the
 * server delivered without storing it (audio-video rooms, online-only tips and
 * sends): it has no place in the sequence, so it sits where its time puts it.
 */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  const sequenced = a.seq !== null && b.seq !== null && a.seq !== 0 && b.seq !== 0;
  if (sequenced && a.seq !== b.seq) return a.seq! - b.seq!;
  if (a.seq === null && b.seq !== null) return 1;
  if (a.seq !== null && b.seq === null) return -1;
  if (a.time !== b.time) return a.time - b.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** How far a message has come: a copy never moves one back (a failed send stays failed until retried). */
const PROGRESS: Record<MessageStatus, number> = { pending: 0, failed: 1, sent: 2 };

/**
 * Which copy of one message to keep when two reports of it meet, in whatever
 * order they land (a page requested before an event may answer after it):
 * the status only moves forward, a known seq is kept, and once read by the
 * peer it stays read.
 */
export function furtherCopy(current: ChatMessage, incoming: ChatMessage): ChatMessage {
  const readByPeer = current.readByPeer || incoming.readByPeer;
  if (PROGRESS[incoming.status] < PROGRESS[current.status]) return { ...current, readByPeer };
  return { ...incoming, seq: incoming.seq ?? current.seq, readByPeer };
}

export type MergeMode =
  /** Reports from the core, in any order: progress is kept (see {@link furtherCopy}). */
  | 'monotonic'
  /** The core's answer to a retry the person asked for: a failed message is pending again (and nothing else moves back). */
  | 'retried';

/** Upserts `incoming` into an ordered list. */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[], mode: MergeMode = 'monotonic'): ChatMessage[] {
  if (incoming.length === 0) return existing as ChatMessage[];
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) {
    const current = byId.get(message.id);
    const retried = mode === 'retried' && current?.status === 'failed';
    byId.set(message.id, current && !retried ? furtherCopy(current, message) : message);
  }
  return [...byId.values()].sort(compareMessages);
}

/**
 * react-virtuoso keeps the view still while items are prepended only if
 * `firstItemIndex` drops by the number of items that landed before the old
 * first one.
 */
export function prependedCount(before: readonly ChatMessage[], after: readonly ChatMessage[]): number {
  const oldFirst = before[0];
  if (!oldFirst) return 0;
  const index = after.findIndex((m) => m.id === oldFirst.id);
  return index < 0 ? 0 : index;
}
