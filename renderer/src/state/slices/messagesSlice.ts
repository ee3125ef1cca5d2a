import type { ChatMessage, ConversationId, GroupAt, MessageId, UserId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { EventPayload, IpcResult } from '../../../../shared/ipc';
import { mergeMessages, prependedCount, type MergeMode } from '../messageOrder';
import type { Slice } from '../types';
import type { LoadStatus } from './conversationsSlice';

export const PAGE_SIZE = 50;
/** react-virtuoso counts item indexes down from here as older pages are prepended. */
export const FIRST_ITEM_INDEX = 1_000_000;

export interface Timeline {
  messages: ChatMessage[];
  status: LoadStatus;
  hasMore: boolean;
  loadingOlder: boolean;
  /**
   * The last older page came back empty though more history exists (the device was
   * offline or the fetch failed): ask again when the link is back, since the list will
   * not fire "top reached" again while the person stays at the top.
   */
  olderStalled: boolean;
  firstItemIndex: number;
  /**
   * After a jump into older history (search hit, quoted message) the loaded
   * window may stop short of the present: newer pages load as the person
   * scrolls down, and live messages wait for them instead of leaving a gap.
   */
  hasMoreAfter: boolean;
  loadingNewer: boolean;
  /** A jump landed on this message: the list centres and flashes it. `nonce` repeats the same jump. */
  highlight: { id: MessageId; nonce: number } | null;
  /** Bumped when the loaded window is replaced (a jump), so the list remounts at the new place. */
  generation: number;
}

export interface MessagesSlice {
  timelines: Partial<Record<ConversationId, Timeline>>;
  /** Per conversation, the last send or retry the core refused outright (e.g. an empty message); cleared by its next send. */
  sendErrors: Partial<Record<ConversationId, ErrorShape>>;
  timelineRequested(conversationId: ConversationId): Promise<void>;
  olderMessagesRequested(conversationId: ConversationId): Promise<void>;
  /** The connection came back: older pages that stalled while it was down are asked for again. */
  stalledHistoryResumed(): void;
  messagesChanged(change: EventPayload<'messages:changed'>): void;
  /** Resolves `true` once the core holds the message (pending or sent), so the composer may clear. */
  /** `extras`: in groups, whom the text @-mentions (M8) and whether a read receipt is asked for (M6). */
  messageSubmitted(conversationId: ConversationId, text: string, replyToId?: MessageId, extras?: { groupAt?: GroupAt; needReceipt?: boolean }): Promise<boolean>;
  /** Messages gone from view (deleted for me, a cancelled upload, a cleared history). */
  messagesRemoved(change: EventPayload<'messages:removed'>): void;
  /** Shows one message in context and flashes it, loading the page around it when it is not loaded. */
  jumpToMessageRequested(conversationId: ConversationId, id: MessageId): Promise<boolean>;
  /** The person scrolled to the newest loaded message of a window that stops short of the present. */
  newerMessagesRequested(conversationId: ConversationId): Promise<void>;
  /** Back to the newest page (after a jump left the window in the past). */
  latestMessagesRequested(conversationId: ConversationId): Promise<void>;
  highlightCleared(conversationId: ConversationId): void;
  retryRequested(message: ChatMessage): Promise<void>;
  /**
   * M6: one page of who has read (or not yet read) an own group message asked a receipt for; the receipts
   * dialog keeps the pages itself (the list is the sender's to look at, not conversation state).
   */
  receiptMembersRequested(id: MessageId, which: 'read' | 'unread', cursor: string | null): Promise<IpcResult<{ userIds: UserId[]; cursor: string | null }>>;
  /**
   * Meeting groups and audio-video rooms keep no unread count (ADR 0004 §6), so their Chats rows show a dot
   * for new activity instead: the newest message the person has had on screen in each (hasUnseenRoomActivity).
   */
  roomSeen: Partial<Record<ConversationId, MessageId>>;
  /** When this window's store started: room activity before it is not "new" (nothing is known of it). */
  roomWatchSince: number;
  roomActivitySeen(conversationId: ConversationId, messageId: MessageId): void;
}

const emptyTimeline: Timeline = {
  messages: [],
  status: 'loading',
  hasMore: false,
  loadingOlder: false,
  olderStalled: false,
  firstItemIndex: FIRST_ITEM_INDEX,
  hasMoreAfter: false,
  loadingNewer: false,
  highlight: null,
  generation: 0,
};
/** How many messages a jump loads around its target. */
const AROUND_LIMIT = 60;
let highlightNonce = 0;

export const createMessagesSlice: Slice<MessagesSlice> = ({ api }) => (set, get) => {
  function update(conversationId: ConversationId, change: (timeline: Timeline) => Partial<Timeline>): void {
    const timeline = get().timelines[conversationId];
    if (!timeline) return;
    set({ timelines: { ...get().timelines, [conversationId]: { ...timeline, ...change(timeline) } } });
  }

  function merge(conversationId: ConversationId, incoming: readonly ChatMessage[], mode?: MergeMode): void {
    update(conversationId, (timeline) => {
      const messages = mergeMessages(timeline.messages, incoming, mode);
      return { messages, firstItemIndex: timeline.firstItemIndex - prependedCount(timeline.messages, messages) };
    });
  }

  function sendErrorIn(conversationId: ConversationId, error: ErrorShape | undefined): void {
    if (get().sendErrors[conversationId] === error) return;
    set({ sendErrors: { ...get().sendErrors, [conversationId]: error } });
  }

  return {
    timelines: {},
    sendErrors: {},
    roomSeen: {},
    roomWatchSince: Date.now(),

    roomActivitySeen(conversationId, messageId) {
      if (get().roomSeen[conversationId] === messageId) return;
      set({ roomSeen: { ...get().roomSeen, [conversationId]: messageId } });
    },

    async timelineRequested(conversationId) {
      set({ timelines: { ...get().timelines, [conversationId]: get().timelines[conversationId] ?? emptyTimeline } });
      const generation = get().timelines[conversationId]?.generation;
      const result = await api.invoke('messages:page', { conversationId, limit: PAGE_SIZE });
      // A jump replaced the window meanwhile (search hit opened in a chat not loaded yet): the newest page would leave a gap.
      if (get().timelines[conversationId]?.generation !== generation) return;
      if (!result.ok) {
        update(conversationId, () => ({ status: 'error' }));
        return;
      }
      merge(conversationId, result.value.messages);
      update(conversationId, () => ({ status: 'ready', hasMore: result.value.hasMore }));
    },

    async olderMessagesRequested(conversationId) {
      const timeline = get().timelines[conversationId];
      if (!timeline || timeline.loadingOlder || !timeline.hasMore || timeline.status !== 'ready') return;
      const oldest = timeline.messages.find((m) => m.seq !== null) ?? timeline.messages[0];
      update(conversationId, () => ({ loadingOlder: true, olderStalled: false }));
      const result = await api.invoke('messages:page', { conversationId, beforeId: oldest?.id, limit: PAGE_SIZE });
      if (!result.ok) {
        update(conversationId, () => ({ loadingOlder: false, olderStalled: true }));
        return;
      }
      merge(conversationId, result.value.messages);
      const { hasMore } = result.value;
      update(conversationId, () => ({ loadingOlder: false, hasMore, olderStalled: hasMore && result.value.messages.length === 0 }));
    },

    stalledHistoryResumed() {
      for (const [conversationId, timeline] of Object.entries(get().timelines)) {
        if (timeline?.olderStalled) void get().olderMessagesRequested(conversationId as ConversationId);
      }
    },

    messagesChanged({ conversationId, messages }) {
      // A conversation not on screen yet loads its page when opened. Typing is the core's to end (typing:changed).
      const timeline = get().timelines[conversationId];
      if (timeline?.hasMoreAfter) {
        // The window stops in the past: only messages inside it are updated; newer ones come with the next page.
        const newest = timeline.messages.findLast((m) => m.seq !== null)?.seq ?? 0;
        const known = new Set(timeline.messages.map((m) => m.id));
        merge(conversationId, messages.filter((m) => known.has(m.id) || (m.seq !== null && m.seq <= newest)));
        return;
      }
      merge(conversationId, messages);
    },

    messagesRemoved({ conversationId, ids, clearedUpToSeq }) {
      const gone = new Set(ids);
      update(conversationId, (timeline) => ({
        messages: timeline.messages.filter(
          (m) => !gone.has(m.id) && !(clearedUpToSeq !== null && m.seq !== null && m.seq <= clearedUpToSeq),
        ),
      }));
    },

    async jumpToMessageRequested(conversationId, id) {
      const highlight = { id, nonce: ++highlightNonce };
      const timeline = get().timelines[conversationId];
      if (timeline?.messages.some((m) => m.id === id)) {
        update(conversationId, () => ({ highlight }));
        return true;
      }
      const result = await api.invoke('messages:around', { conversationId, id, limit: AROUND_LIMIT });
      if (!result.ok || !result.value.messages.some((m) => m.id === id)) return false;
      const { messages, hasMoreBefore, hasMoreAfter } = result.value;
      set({
        timelines: {
          ...get().timelines,
          [conversationId]: {
            ...emptyTimeline,
            status: 'ready',
            messages: mergeMessages([], messages),
            hasMore: hasMoreBefore,
            hasMoreAfter,
            highlight,
            generation: (timeline?.generation ?? 0) + 1,
          },
        },
      });
      return true;
    },

    async newerMessagesRequested(conversationId) {
      const timeline = get().timelines[conversationId];
      if (!timeline || !timeline.hasMoreAfter || timeline.loadingNewer) return;
      const newest = timeline.messages.findLast((m) => m.seq !== null);
      if (!newest) return;
      update(conversationId, () => ({ loadingNewer: true }));
      const result = await api.invoke('messages:page', { conversationId, afterId: newest.id, limit: PAGE_SIZE });
      if (!result.ok) return update(conversationId, () => ({ loadingNewer: false }));
      merge(conversationId, result.value.messages);
      update(conversationId, () => ({ loadingNewer: false, hasMoreAfter: result.value.hasMore }));
    },

    async latestMessagesRequested(conversationId) {
      const timeline = get().timelines[conversationId];
      const generation = (timeline?.generation ?? 0) + 1;
      const result = await api.invoke('messages:page', { conversationId, limit: PAGE_SIZE });
      if (!result.ok) return;
      set({
        timelines: {
          ...get().timelines,
          [conversationId]: { ...emptyTimeline, status: 'ready', messages: mergeMessages([], result.value.messages), hasMore: result.value.hasMore, generation },
        },
      });
    },

    highlightCleared(conversationId) {
      if (get().timelines[conversationId]?.highlight) update(conversationId, () => ({ highlight: null }));
    },

    async messageSubmitted(conversationId, text, replyToId, extras = {}) {
      sendErrorIn(conversationId, undefined);
      // Sending from a window left in the past: the list goes back to the present, where the new message shows.
      if (get().timelines[conversationId]?.hasMoreAfter) await get().latestMessagesRequested(conversationId);
      const result = await api.invoke('messages:send', { conversationId, text, ...(replyToId ? { replyToId } : {}), ...extras });
      if (!result.ok) {
        sendErrorIn(conversationId, result.error);
        return false;
      }
      merge(conversationId, [result.value]);
      get().composerSent(conversationId);
      return true;
    },

    receiptMembersRequested(id, which, cursor) {
      return api.invoke('messages:receiptMembers', { id, which, cursor });
    },

    async retryRequested(message) {
      const result = await api.invoke('messages:retry', { id: message.id });
      if (result.ok) merge(message.conversationId, [result.value], 'retried');
      else sendErrorIn(message.conversationId, result.error);
    },
  };
};
