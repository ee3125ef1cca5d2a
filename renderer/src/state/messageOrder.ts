import type { ChatMessage } from '../../../shared/domain';

/**
 * Server sequence is the truth of order. A message not yet acknowledged has
 * no sequence and sits after every acknowledged one, in the order it was
 * written, as it will once the server numbers it.
 */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.seq !== null && b.seq !== null && a.seq !== b.seq) return a.seq - b.seq;
  if (a.seq === null && b.seq !== null) return 1;
  if (a.seq !== null && b.seq === null) return -1;
  if (a.time !== b.time) return a.time - b.time;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Upserts `incoming` into an ordered list; the newer copy of a message wins. */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return existing as ChatMessage[];
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
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
