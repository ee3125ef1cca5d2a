import type { ConversationId, GroupId, TopicId } from '../../../../shared/domain';
import { isTopicConversationId, topicToOpen } from '../community';
import type { Slice } from '../types';
import { callHistoryReset, createCallHistorySlice, type CallHistorySlice } from './callHistorySlice';
import type { Outcome } from './contactsSlice';

/** Which part of the app the rail shows: Chats, Contacts, Calls (C5 call history), or one community (`activeCommunityId`). */
export type AppSection = 'chats' | 'contacts' | 'calls' | 'community';

/**
 * The rail's navigation (ADR 0004 §7). One `activeConversationId` serves whichever chat is on screen, so the
 * same ChatPane shows a topic; what Chats had open is kept aside while a topic is shown and given back after.
 */
export interface NavigationSlice extends CallHistorySlice {
  section: AppSection;
  /** The community on screen in section 'community' (kept after leaving it: the next visit starts there). */
  activeCommunityId: GroupId | null;
  /** The last topic opened in each community, so coming back lands where the person was. */
  lastTopics: Partial<Record<GroupId, TopicId>>;
  /** What Chats had open when a topic took the chat pane; null when nothing. */
  chatsConversationId: ConversationId | null;

  sectionChosen(section: 'chats' | 'contacts' | 'calls'): void;
  /** The rail's community icon: its remembered topic (else its first) opens beside the topic list. */
  communityOpened(groupId: GroupId): Promise<void>;
  /** A topic of the open community: its conversation (created by the core when it has none yet) becomes active. */
  topicOpened(groupId: GroupId, topicId: TopicId): Promise<Outcome>;
}

export const navigationReset = {
  ...callHistoryReset,
  section: 'chats',
  activeCommunityId: null,
  lastTopics: {},
  chatsConversationId: null,
} satisfies Partial<NavigationSlice>;

export const createNavigationSlice: Slice<NavigationSlice> = (deps) => (set, get, store) => {
  const { api } = deps;
  /** Leaving Chats for a community: remember what Chats showed (a topic is never Chats' own). */
  const keepChats = () => {
    const active = get().activeConversationId;
    if (!isTopicConversationId(active)) set({ chatsConversationId: active });
  };
  // Only the newest topic request may take the pane (a slow answer for a topic clicked earlier must not win).
  let latestOpen = 0;

  return {
    // The Calls section's list (C5) travels with the rail's state, as this slice does inside contacts.
    ...createCallHistorySlice(deps)(set, get, store),
    ...navigationReset,

    sectionChosen(section) {
      // A topic on screen is the community's: Chats gets back what it had. Anything else (a chat just started
      // from a contact's profile) is what Chats should show.
      if (isTopicConversationId(get().activeConversationId)) get().conversationSelected(get().chatsConversationId);
      const leavingCalls = get().section === 'calls';
      set({ section });
      if (section === 'calls' || leavingCalls) get().callsSeen();
    },

    async communityOpened(groupId) {
      if (get().section !== 'community') keepChats();
      if (get().section === 'calls') get().callsSeen();
      set({ section: 'community', activeCommunityId: groupId });
      // Asked afresh on every visit: my bits in each topic come from my permission groups, whose changes reach
      // this device only as pushes it may have missed; the core recomputes the topics' bits from both.
      const listed = get().groupTopics[groupId] !== undefined;
      const refresh = get().permissionGroupsRequested(groupId).then(() => get().topicsRequested(groupId));
      if (!listed) await refresh;
      if (get().activeCommunityId !== groupId || get().section !== 'community') return;
      const topicId = topicToOpen(get().groupTopics[groupId] ?? [], get().lastTopics[groupId], get().language);
      if (topicId === null) {
        latestOpen++;
        get().conversationSelected(null);
        return;
      }
      await get().topicOpened(groupId, topicId);
    },

    async topicOpened(groupId, topicId) {
      const mine = ++latestOpen;
      set({ lastTopics: { ...get().lastTopics, [groupId]: topicId } });
      const opened = await api.invoke('conversations:openGroup', { groupId, topicId });
      if (!opened.ok) return { ok: false, error: opened.error };
      if (mine !== latestOpen || get().section !== 'community' || get().activeCommunityId !== groupId) return { ok: true };
      get().conversationsChanged({ conversations: [opened.value], removed: [] });
      get().conversationSelected(opened.value.id);
      return { ok: true };
    },
  };
};
