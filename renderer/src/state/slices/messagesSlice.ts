import type { ChatMessage, ConversationId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { EventPayload } from '../../../../shared/ipc';
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
  messageSubmitted(conversationId: ConversationId, text: string): Promise<boolean>;
  retryRequested(message: ChatMessage): Promise<void>;
}

const emptyTimeline: Timeline = { messages: [], status: 'loading', hasMore: false, loadingOlder: false, olderStalled: false, firstItemIndex: FIRST_ITEM_INDEX };

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

    async timelineRequested(conversationId) {
      set({ timelines: { ...get().timelines, [conversationId]: get().timelines[conversationId] ?? emptyTimeline } });
      const result = await api.invoke('messages:page', { conversationId, limit: PAGE_SIZE });
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
      merge(conversationId, messages);
    },

    async messageSubmitted(conversationId, text) {
      sendErrorIn(conversationId, undefined);
      const result = await api.invoke('messages:send', { conversationId, text });
      if (!result.ok) {
        sendErrorIn(conversationId, result.error);
        return false;
      }
      merge(conversationId, [result.value]);
      get().composerSent(conversationId);
      return true;
    },

    async retryRequested(message) {
      const result = await api.invoke('messages:retry', { id: message.id });
      if (result.ok) merge(message.conversationId, [result.value], 'retried');
      else sendErrorIn(message.conversationId, result.error);
    },
  };
};
