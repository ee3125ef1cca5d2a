import type { Conversation, ConversationId, GroupId, RecvOpt, TopicId } from '../../../../shared/domain';
import type { ErrorShape } from '../../../../shared/errors';
import type { EventPayload, IpcResult } from '../../../../shared/ipc';
import type { Slice } from '../types';
import { chatsConversations } from '../chatsList';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export type StartChatOutcome = { ok: true; conversationId: ConversationId } | { ok: false; error: ErrorShape };

export interface ConversationsSlice {
  /**
   * Every conversation the core has, of every kind, most recent activity first. Topic conversations are here
   * too (the community view and an active topic read them); Chats lists the rest (selectChatsConversations).
   */
  conversations: Conversation[];
  conversationsStatus: LoadStatus;
  activeConversationId: ConversationId | null;
  conversationsRequested(): Promise<void>;
  conversationsChanged(change: EventPayload<'conversations:changed'>): void;
  conversationSelected(conversationId: ConversationId | null): void;
  /**
   * Opens a group's conversation (or one of a community's topics) from its profile: the core creates the row
   * when it has none yet; the chat becomes active. A topic stays in its community: this does not switch
   * sections, the caller does (the community view for topics, Chats otherwise).
   */
  openGroupConversation(groupId: GroupId, topicId?: TopicId): Promise<StartChatOutcome>;
  /** Starts (or reopens) a one-to-one chat with a UserID typed by the person. */
  chatStartRequested(peer: string): Promise<StartChatOutcome>;
  /**
   * M6: the person has had the conversation's messages up to `upToSeq` on
   * screen in a visible, focused window. Only what they saw counts as read.
   */
  messagesSeen(conversationId: ConversationId, upToSeq: number): Promise<void>;
  /** The highest `upToSeq` told to the core per conversation, so scrolling does not repeat it. */
  readReported: Partial<Record<ConversationId, number>>;
  /** M12: pin / unpin (pinned conversations sort first). */
  pinToggled(conversationId: ConversationId): Promise<void>;
  /** M12: mute (AcceptNotNotify) / unmute (AcceptAndNotify). */
  muteToggled(conversationId: ConversationId): Promise<void>;
  /** ADR 0004 §3: one of the four receive options for one conversation (a community topic's own, in its info panel). */
  recvOptChosen(conversationId: ConversationId, recvOpt: RecvOpt): Promise<void>;
  /** M12: everything in one conversation read (Esc, or the row's menu). */
  conversationMarkedRead(conversationId: ConversationId): Promise<void>;
  /** M12: every conversation read (Shift+Esc). */
  allMarkedRead(): Promise<void>;
  /** M10: clears the history of one conversation on this account. */
  historyCleared(conversationId: ConversationId): Promise<void>;
  /** M10: removes a conversation from the list (and its history). */
  conversationDeleted(conversationId: ConversationId): Promise<void>;
  /** M12: the composer's unsent text, kept by the core across restarts; '' clears it. */
  draftChanged(conversationId: ConversationId, text: string): Promise<void>;
  /** Alt+Up / Alt+Down: the next conversation above or below the open one. */
  adjacentConversationSelected(step: -1 | 1): void;
  /** The last conversation request the core refused (shown as a short alert until the next one). */
  conversationError: ErrorShape | null;
  conversationErrorDismissed(): void;
}

/** Pinned first, then by latest activity (M12). */
function byActivity(a: Conversation, b: Conversation): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? -1 : 1);
}

/** The list after a change: every kind is kept (Chats leaves topics out when it lists, see selectors.ts). */
export function upsertConversations(list: readonly Conversation[], changed: readonly Conversation[], removed: readonly ConversationId[] = []): Conversation[] {
  const byId = new Map<string, Conversation>(list.map((c) => [c.id, c]));
  for (const id of removed) byId.delete(id);
  for (const conversation of changed) byId.set(conversation.id, conversation);
  return [...byId.values()].sort(byActivity);
}

type ConversationsChange = EventPayload<'conversations:changed'>;

export const createConversationsSlice: Slice<ConversationsSlice> = ({ api }) => (set, get) => {
  const find = (conversationId: ConversationId) => get().conversations.find((c) => c.id === conversationId);
  /** Applies the core's answer, or says why it refused; true when it was done. */
  async function settle<T>(request: Promise<IpcResult<T>>, apply?: (value: T) => void): Promise<boolean> {
    const result = await request;
    if (!result.ok) {
      set({ conversationError: result.error });
      return false;
    }
    set({ conversationError: null });
    apply?.(result.value);
    return true;
  }
  const applyConversation = (conversation: Conversation) => set({ conversations: upsertConversations(get().conversations, [conversation]) });

  // Only the newest list request may answer (an account switch asks again), and the changes that land
  // while it is out are newer than its snapshot: they are applied again on top of it.
  let latestListRequest = 0;
  let changesSinceListRequest: ConversationsChange[] = [];

  return {
    conversations: [],
    conversationsStatus: 'idle',
    activeConversationId: null,
    readReported: {},
    conversationError: null,

    async conversationsRequested() {
      const request = ++latestListRequest;
      changesSinceListRequest = [];
      set({ conversationsStatus: 'loading' });
      const result = await api.invoke('conversations:list', {});
      if (request !== latestListRequest) return;
      if (!result.ok) return set({ conversationsStatus: 'error' });
      const list = changesSinceListRequest.reduce(
        (current, change) => upsertConversations(current, change.conversations, change.removed),
        upsertConversations([], result.value),
      );
      changesSinceListRequest = [];
      set({ conversations: list, conversationsStatus: 'ready' });
    },

    conversationsChanged(change) {
      const { conversations, removed } = change;
      if (get().conversationsStatus === 'loading') changesSinceListRequest.push(change);
      const active = get().activeConversationId;
      set({
        conversations: upsertConversations(get().conversations, conversations, removed),
        activeConversationId: active !== null && removed.includes(active) ? null : active,
      });
    },

    conversationSelected(conversationId) {
      set({ activeConversationId: conversationId });
      if (conversationId !== null && !get().timelines[conversationId]) void get().timelineRequested(conversationId);
    },

    async openGroupConversation(groupId, topicId) {
      const opened = await api.invoke('conversations:openGroup', topicId === undefined ? { groupId } : { groupId, topicId });
      if (!opened.ok) return { ok: false, error: opened.error };
      set({ conversations: upsertConversations(get().conversations, [opened.value]) });
      get().conversationSelected(opened.value.id);
      return { ok: true, conversationId: opened.value.id };
    },

    async chatStartRequested(peer) {
      const lookup = await api.invoke('users:lookup', { userId: peer });
      // Offline the core cannot ask the server: it opens on trust (a send to nobody then ends as "Not sent"),
      // or says it is offline. Only the server can say nobody has that UserID.
      if (!lookup.ok && lookup.error.code !== 'offline') return { ok: false, error: lookup.error };
      if (lookup.ok && lookup.value === null) return { ok: false, error: { code: 'user_not_found', message: `No user with the UserID ${peer}.` } };
      const opened = await api.invoke('conversations:open', { peer: lookup.ok && lookup.value ? lookup.value.userId : peer });
      if (!opened.ok) return { ok: false, error: opened.error };
      set({ conversations: upsertConversations(get().conversations, [opened.value]) });
      get().conversationSelected(opened.value.id);
      return { ok: true, conversationId: opened.value.id };
    },

    async messagesSeen(conversationId, upToSeq) {
      const conversation = get().conversations.find((c) => c.id === conversationId);
      const already = get().readReported[conversationId];
      // Nothing of theirs is unread, or this far was already told: the core would change nothing.
      if (!conversation || conversation.unreadCount === 0 || (already !== undefined && upToSeq <= already)) return;
      const remember = (seq: number | undefined) => set({ readReported: { ...get().readReported, [conversationId]: seq } });
      remember(upToSeq);
      // The badge is the core's to clear: its conversations:changed follows, with the count still unread.
      const result = await api.invoke('conversations:markRead', { conversationId, upToSeq });
      if (!result.ok && get().readReported[conversationId] === upToSeq) remember(already);
    },

    async pinToggled(conversationId) {
      const conversation = find(conversationId);
      if (!conversation) return;
      await settle(api.invoke('conversations:setSettings', { conversationId, pinned: !conversation.pinned }), applyConversation);
    },

    async recvOptChosen(conversationId, recvOpt) {
      await settle(api.invoke('conversations:setSettings', { conversationId, recvOpt }), applyConversation);
    },

    async muteToggled(conversationId) {
      const conversation = find(conversationId);
      if (!conversation) return;
      const recvOpt = conversation.recvOpt === 'AcceptAndNotify' ? 'AcceptNotNotify' : 'AcceptAndNotify';
      await settle(api.invoke('conversations:setSettings', { conversationId, recvOpt }), applyConversation);
    },

    async conversationMarkedRead(conversationId) {
      const conversation = find(conversationId);
      const upToSeq = conversation?.lastMessage?.seq;
      if (!conversation || conversation.unreadCount === 0 || upToSeq === null || upToSeq === undefined) return;
      set({ readReported: { ...get().readReported, [conversationId]: upToSeq } });
      await settle(api.invoke('conversations:markRead', { conversationId, upToSeq }));
    },

    async allMarkedRead() {
      if (!get().conversations.some((c) => c.unreadCount > 0)) return;
      await settle(api.invoke('conversations:markAllRead', {}));
    },

    async historyCleared(conversationId) {
      await settle(api.invoke('conversations:clear', { conversationId }));
    },

    async conversationDeleted(conversationId) {
      const done = await settle(api.invoke('conversations:delete', { conversationId }));
      if (done) get().conversationsChanged({ conversations: [], removed: [conversationId] });
    },

    async draftChanged(conversationId, text) {
      const conversation = find(conversationId);
      if (!conversation || (conversation.draft ?? '') === text) return;
      // Shown in the list at once; the core keeps it (and says so with conversations:changed).
      applyConversation({ ...conversation, draft: text === '' ? null : text });
      await settle(api.invoke('conversations:setDraft', { conversationId, text }));
    },

    adjacentConversationSelected(step) {
      // The order Chats shows: a topic is not a row there.
      const list = chatsConversations(get().conversations);
      if (list.length === 0) return;
      const index = list.findIndex((c) => c.id === get().activeConversationId);
      const next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
      const target = list[next];
      if (target && target.id !== get().activeConversationId) get().conversationSelected(target.id);
    },

    conversationErrorDismissed: () => set({ conversationError: null }),
  };
};
