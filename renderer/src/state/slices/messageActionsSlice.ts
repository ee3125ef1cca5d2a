import type { ChatMessage, ConversationId, MessageId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { EventPayload, FailedOperation, IpcResult, RequestInput, RequestOutput } from '../../../../shared/ipc';
import type { Slice } from '../types';

/** The composer answers a message (M14 reply) or rewrites one of the person's own (M14 edit). */
export type ComposerMode = { kind: 'reply'; message: ChatMessage } | { kind: 'edit'; message: ChatMessage };
/** Text to put into a conversation's composer (re-edit of a recalled message); `nonce` repeats the same text. */
export interface ComposerFill {
  text: string;
  nonce: number;
}
export type ReportReason = RequestInput<'messages:report'>['reason'];
export type ForwardMode = RequestInput<'messages:forward'>['mode'];
export type SearchInput = RequestInput<'search:messages'>;
export type SearchOutput = RequestOutput<'search:messages'>;
/** Short confirmations shown after an action that leaves nothing to see in the open chat. */
export type ActionNotice = 'forwarded' | 'reported' | 'copied' | 'deleted';
/** A queued change the server refused for good (the core undid it); `nonce` repeats the same refusal. */
export interface OperationFailure {
  op: FailedOperation;
  error: ErrorShape;
  nonce: number;
}

export interface MessageActionsSlice {
  composerModes: Partial<Record<ConversationId, ComposerMode>>;
  composerFills: Partial<Record<ConversationId, ComposerFill>>;
  /** Multi-select mode (M7): the conversation and the chosen message IDs in timeline order. */
  selection: { conversationId: ConversationId; ids: MessageId[] } | null;
  /** The forward dialog is open for these messages. */
  forwarding: { conversationId: ConversationId; ids: MessageId[]; mode: ForwardMode } | null;
  /** The report dialog is open for this message. */
  reporting: ChatMessage | null;
  /** ADR 0005: the "move to another topic" dialog is open, starting at this topic message. */
  moving: ChatMessage | null;
  /** Delete for me waits for the person's confirmation. */
  deleting: { conversationId: ConversationId; ids: MessageId[] } | null;
  actionError: ErrorShape | null;
  actionNotice: { kind: ActionNotice; nonce: number } | null;
  operationFailure: OperationFailure | null;

  replyStarted(message: ChatMessage): void;
  editStarted(message: ChatMessage): void;
  composerModeCancelled(conversationId: ConversationId): void;
  /** Sends the composer's text as the new text of the message being edited. */
  editSubmitted(conversationId: ConversationId, text: string): Promise<boolean>;
  recallRequested(message: ChatMessage): Promise<void>;
  /** M5: puts the recalled text back into the composer. */
  reEditRequested(message: ChatMessage): void;
  reactionToggled(message: ChatMessage, emoji: string): Promise<void>;
  textCopied(): void;

  selectionStarted(message: ChatMessage): void;
  /** Select mode with nothing chosen yet (the chat header's menu). */
  selectionEntered(conversationId: ConversationId): void;
  selectionToggled(id: MessageId): void;
  selectionCancelled(): void;

  moveRequested(message: ChatMessage): void;
  moveClosed(): void;

  /** Opens the forward dialog, preset to one by one or combined. */
  forwardRequested(conversationId: ConversationId, ids: MessageId[], mode?: ForwardMode): void;
  forwardCancelled(): void;
  forwardSubmitted(options: { to: ConversationId[]; mode: ForwardMode; title?: string }): Promise<boolean>;

  deleteRequested(conversationId: ConversationId, ids: MessageId[]): void;
  deleteCancelled(): void;
  deleteConfirmed(): Promise<boolean>;

  reportRequested(message: ChatMessage): void;
  reportCancelled(): void;
  reportSubmitted(reason: ReportReason, note: string): Promise<boolean>;

  actionErrorDismissed(): void;
  /** The core says the server refused a queued change (`operations:failed`): tell the person why. */
  operationFailed(failure: EventPayload<'operations:failed'>): void;
  actionNoticeDismissed(): void;
  /** The search panel is open, optionally limited to one conversation. */
  searchPanel: { conversationId: ConversationId | null } | null;
  searchOpened(conversationId?: ConversationId): void;
  searchClosed(): void;
  /** M11: local full-text search (works offline). */
  messagesSearched(input: SearchInput): Promise<IpcResult<SearchOutput>>;
}

/** M5: the recall window before the core has said the server's (two minutes, as the seed). */
export const DEFAULT_RECALL_WINDOW_MS = 2 * 60 * 1000;

let nonce = 0;

export const createMessageActionsSlice: Slice<MessageActionsSlice> = ({ api }) => (set, get) => {
  function withoutKey<T>(record: Partial<Record<ConversationId, T>>, key: ConversationId): Partial<Record<ConversationId, T>> {
    const { [key]: _removed, ...rest } = record;
    return rest;
  }

  /** Applies the core's updated copy of a message, or says why it refused; true when done. */
  async function changed(request: Promise<IpcResult<ChatMessage>>): Promise<boolean> {
    const result = await request;
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    set({ actionError: null });
    get().messagesChanged({ conversationId: result.value.conversationId, messages: [result.value] });
    return true;
  }

  async function done(request: Promise<IpcResult<object>>, notice?: ActionNotice): Promise<boolean> {
    const result = await request;
    if (!result.ok) {
      set({ actionError: result.error });
      return false;
    }
    set({ actionError: null, actionNotice: notice ? { kind: notice, nonce: ++nonce } : get().actionNotice });
    return true;
  }

  return {
    composerModes: {},
    composerFills: {},
    selection: null,
    forwarding: null,
    reporting: null,
    moving: null,
    deleting: null,
    actionError: null,
    actionNotice: null,
    operationFailure: null,
    searchPanel: null,

    replyStarted(message) {
      set({ composerModes: { ...get().composerModes, [message.conversationId]: { kind: 'reply', message } } });
    },

    editStarted(message) {
      set({ composerModes: { ...get().composerModes, [message.conversationId]: { kind: 'edit', message } } });
    },

    composerModeCancelled(conversationId) {
      if (get().composerModes[conversationId]) set({ composerModes: withoutKey(get().composerModes, conversationId) });
    },

    async editSubmitted(conversationId, text) {
      const mode = get().composerModes[conversationId];
      if (mode?.kind !== 'edit') return false;
      const ok = await changed(api.invoke('messages:edit', { id: mode.message.id, text }));
      if (ok) get().composerModeCancelled(conversationId);
      return ok;
    },

    async recallRequested(message) {
      await changed(api.invoke('messages:recall', { id: message.id }));
    },

    reEditRequested(message) {
      if (message.recalledText === null) return;
      set({ composerFills: { ...get().composerFills, [message.conversationId]: { text: message.recalledText, nonce: ++nonce } } });
    },

    async reactionToggled(message, emoji) {
      const mine = message.reactions.some((r) => r.emoji === emoji && r.mine);
      await changed(api.invoke('messages:react', { id: message.id, emoji, add: !mine }));
    },

    textCopied() {
      set({ actionNotice: { kind: 'copied', nonce: ++nonce } });
    },

    selectionStarted(message) {
      set({ selection: { conversationId: message.conversationId, ids: [message.id] } });
    },

    selectionEntered(conversationId) {
      set({ selection: { conversationId, ids: [] } });
    },

    selectionToggled(id) {
      const selection = get().selection;
      if (!selection) return;
      const chosen = selection.ids.includes(id) ? selection.ids.filter((x) => x !== id) : [...selection.ids, id];
      // Kept in timeline order, so a combined forward reads as the conversation did.
      const order = get().timelines[selection.conversationId]?.messages.map((m) => m.id) ?? [];
      chosen.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      set({ selection: { ...selection, ids: chosen } });
    },

    selectionCancelled() {
      set({ selection: null });
    },

    forwardRequested(conversationId, ids, mode = 'oneByOne') {
      if (ids.length > 0) set({ forwarding: { conversationId, ids, mode } });
    },

    forwardCancelled() {
      set({ forwarding: null });
    },

    async forwardSubmitted({ to, mode, title }) {
      const forwarding = get().forwarding;
      if (!forwarding || to.length === 0) return false;
      const ok = await done(api.invoke('messages:forward', { ids: forwarding.ids, to, mode, ...(title ? { title } : {}) }), 'forwarded');
      if (ok) set({ forwarding: null, selection: null });
      return ok;
    },

    deleteRequested(conversationId, ids) {
      if (ids.length > 0) set({ deleting: { conversationId, ids } });
    },

    deleteCancelled() {
      set({ deleting: null });
    },

    async deleteConfirmed() {
      const deleting = get().deleting;
      if (!deleting) return false;
      const ok = await done(api.invoke('messages:deleteForMe', { ids: deleting.ids }), 'deleted');
      if (ok) {
        // The core also says messages:removed; removing here too keeps the list right if that lands late.
        get().messagesRemoved({ conversationId: deleting.conversationId, ids: deleting.ids, clearedUpToSeq: null });
        set({ deleting: null, selection: null });
      }
      return ok;
    },

    reportRequested(message) {
      set({ reporting: message });
    },

    moveRequested(message) {
      set({ moving: message });
    },

    moveClosed() {
      set({ moving: null });
    },

    reportCancelled() {
      set({ reporting: null });
    },

    async reportSubmitted(reason, note) {
      const message = get().reporting;
      if (!message) return false;
      const trimmed = note.trim();
      const ok = await done(api.invoke('messages:report', { id: message.id, reason, ...(trimmed ? { note: trimmed } : {}) }), 'reported');
      if (ok) set({ reporting: null });
      return ok;
    },

    actionErrorDismissed: () => set({ actionError: null, operationFailure: null }),
    operationFailed: ({ op, error }) => set({ operationFailure: { op, error, nonce: ++nonce } }),
    actionNoticeDismissed: () => set({ actionNotice: null }),

    searchOpened: (conversationId) => set({ searchPanel: { conversationId: conversationId ?? null } }),
    searchClosed: () => set({ searchPanel: null }),
    messagesSearched: (input) => api.invoke('search:messages', input),
  };
};
