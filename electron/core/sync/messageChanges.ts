import type { Reaction } from '../../../shared/domain';
import { requestSchemas } from '../../../shared/protocol';
import { searchableText } from '../services/messageText';
import type { WritableDB } from '../store/database';
import { getMessagesByRowIds, writeMessageState, type MessageRecord, type MessageState } from '../store/tables/messages';
import { queuedChangesOf, setOutboxUndo, type OutboxKind } from '../store/tables/outbox';

/** A queued change of one message, as the outbox keeps it. */
export interface MessageChange {
  kind: OutboxKind;
  payload: unknown;
  /** When it was made: an edit's `editedAt` until the server says otherwise. */
  createdAt: number;
}

/**
 * What a change of a message does to its state — only the fields it is about: an edit the
 * body, search text and edited time; a recall the body, search text and recalled text; a
 * reaction the reactions. The same rule is used when the change is made and when the changes
 * still queued are replayed over the server's state (a refused change dropped from among
 * them), so an optimistic state is always "the server's, plus what is still on its way".
 * A recalled message takes no change (the server refuses them); nor do other kinds, or a
 * payload that does not parse (the outbox refuses it).
 */
export function applyChange(change: MessageChange, state: MessageState, me: string): MessageState {
  if (state.recalled) return state;
  switch (change.kind) {
    case 'message:edit': {
      const input = requestSchemas['message:edit'].input.safeParse(change.payload);
      if (!input.success) return state;
      const { body } = input.data;
      return { ...state, body, text: searchableText(body), editedAt: change.createdAt };
    }
    case 'message:recall':
      return { ...state, body: [], text: '', recalled: true, recalledText: ownText(state) };
    case 'message:react': {
      const input = requestSchemas['message:react'].input.safeParse(change.payload);
      if (!input.success) return state;
      return { ...state, reactions: withReaction(state.reactions, input.data.emoji, me, input.data.add) };
    }
    default:
      return state;
  }
}

/**
 * A message shows the last state the server confirmed with the changes of it still queued
 * replayed over it. Called with that server state (a push or reply arrived while changes
 * wait, or a change was refused and leaves the queue first): each queued change keeps the
 * state it now applies to as its undo, and the result is written — unless the message is
 * deleted for me here, which is final (M10). Returns whether the message was written.
 */
export function replayQueuedChanges(db: WritableDB, me: string, rowId: number, serverState: MessageState): boolean {
  let state = serverState;
  for (const change of queuedChangesOf(db, rowId)) {
    setOutboxUndo(db, change.id, state);
    state = applyChange(change, state, me);
  }
  const message = getMessagesByRowIds(db, [rowId])[0];
  if (!message || message.deleted) return false;
  writeMessageState(db, rowId, state);
  return true;
}

/** The own text of a text-only body (what a recalled message may be re-edited from), else null. */
export function ownText(message: Pick<MessageRecord, 'body'>): string | null {
  const texts = message.body.map((e) => (e.MsgType === 'TIMTextElem' ? (e.MsgContent as { Text: string }).Text : null));
  return texts.length > 0 && texts.every((t) => t !== null) ? texts.join('') : null;
}

/** M13: adds or removes the user's reaction with `emoji` (idempotent, like the server). */
export function withReaction(reactions: readonly Reaction[], emoji: string, me: string, add: boolean): Reaction[] {
  const next = reactions.map((r) => (r.emoji === emoji ? { emoji, userIds: r.userIds.filter((u) => u !== me) } : r));
  const index = next.findIndex((r) => r.emoji === emoji);
  if (add) {
    if (index === -1) next.push({ emoji, userIds: [me] });
    else next[index]?.userIds.push(me);
  }
  return next.filter((r) => r.userIds.length > 0);
}
