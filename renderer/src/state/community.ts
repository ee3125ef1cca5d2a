import { parseConversationId, type Conversation, type GroupConversation, type GroupId, type TopicId } from '../../../shared/domain';
import type { JoinedGroup, TopicEntry } from '../../../shared/ipc';

/**
 * Communities in the rail and their topic lists (ADR 0004 §7, issue 5 G7): pure projections of the joined
 * groups, the cached topics and the conversation rows, so the rail badge and the topic list are tested alone.
 */

/** A topic's conversation is `group_<topicId>`: it belongs to the community view, not to Chats. */
export function isTopicConversationId(id: string | null): boolean {
  if (id === null) return false;
  const parsed = parseConversationId(id);
  return parsed?.kind === 'group' && parsed.topicId !== null;
}

/** Communities I am in, in the server's order (oldest joined first, like Discord's server list). */
export function joinedCommunities(groups: readonly JoinedGroup[]): JoinedGroup[] {
  return groups.filter((g) => g.group.type === 'Community');
}

/** The conversation row of each topic of one community that has one (a topic nobody wrote in may have none). */
export function topicConversations(conversations: readonly Conversation[], groupId: GroupId): Map<TopicId, GroupConversation> {
  const byTopic = new Map<TopicId, GroupConversation>();
  for (const c of conversations) if (c.kind === 'group' && c.groupId === groupId && c.topicId !== null) byTopic.set(c.topicId, c);
  return byTopic;
}

/** Muted here means "do not disturb": AcceptNotNotify, AcceptNotNotifyExceptAt or Discard (ADR 0004 §7). */
export function isMuted(conversation: Pick<Conversation, 'recvOpt'> | undefined): boolean {
  return conversation !== undefined && conversation.recvOpt !== 'AcceptAndNotify';
}

export interface CommunityBadge {
  /** Unread messages in its topics that are not muted (a muted topic's count stays grey in its row, as in Chats). */
  unread: number;
  /** A topic has an unread message that mentions me or everyone: shown as "@" even when that topic is muted. */
  mention: boolean;
}

/** The rail badge of one community: the unread of its topics summed, and whether any unread mentions me. */
export function communityBadge(conversations: readonly Conversation[], groupId: GroupId): CommunityBadge {
  let unread = 0;
  let mention = false;
  for (const c of topicConversations(conversations, groupId).values()) {
    if (!isMuted(c)) unread += c.unreadCount;
    if (c.unreadMention !== null && c.unreadCount > 0) mention = true;
  }
  return { unread, mention };
}

export interface TopicSection {
  /** '' for topics with no category: listed first, without a heading (Discord's uncategorised channels). */
  category: string;
  topics: TopicEntry[];
}

/**
 * Topics grouped by category: uncategorised first, then categories by name; within one, oldest first (the
 * order they were made in, which is how Discord keeps channels until someone drags them).
 */
export function topicSections(topics: readonly TopicEntry[], locale: string): TopicSection[] {
  const byCategory = new Map<string, TopicEntry[]>();
  for (const topic of topics) byCategory.set(topic.category, [...(byCategory.get(topic.category) ?? []), topic]);
  const names = [...byCategory.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, locale)));
  return names.map((category) => ({
    category,
    // CreateTime is in seconds (Tencent's): topics made within one second go by name, not by their random IDs.
    topics: (byCategory.get(category) ?? [])
      .slice()
      .sort((a, b) => a.createTime - b.createTime || a.name.localeCompare(b.name, locale) || (a.topicId < b.topicId ? -1 : 1)),
  }));
}

/** ADR 0005: marked resolved (a topic cached before the field existed reads as open). */
export function isResolved(topic: Pick<TopicEntry, 'resolvedAt'>): boolean {
  return topic.resolvedAt !== null && topic.resolvedAt !== undefined;
}

/**
 * ADR 0005: a section's topics as the list shows them — open ones, then the resolved ones folded under one
 * disclosure (Zulip greys them; folding keeps a busy community's list short). The resolved part is shown when
 * asked for, or when the open topic is one of them, so what is open is always on screen.
 */
export function splitResolved(topics: readonly TopicEntry[], expanded: boolean, activeTopicId: TopicId | null): { open: TopicEntry[]; resolved: TopicEntry[]; shown: boolean } {
  const resolved = topics.filter(isResolved);
  return {
    open: topics.filter((topic) => !isResolved(topic)),
    resolved,
    shown: resolved.length > 0 && (expanded || resolved.some((topic) => topic.topicId === activeTopicId)),
  };
}

/** Topics in on-screen order (↑/↓ walk it; a community opens on its first when nothing was remembered). */
export function orderedTopics(topics: readonly TopicEntry[], locale: string): TopicEntry[] {
  return topicSections(topics, locale).flatMap((section) => section.topics);
}

/**
 * The remembered topic if it still exists, else the first on screen — the first open one, since resolved topics
 * are folded away (ADR 0005); null when the community has none.
 */
export function topicToOpen(topics: readonly TopicEntry[], remembered: TopicId | undefined, locale: string): TopicId | null {
  if (remembered !== undefined && topics.some((t) => t.topicId === remembered)) return remembered;
  const ordered = orderedTopics(topics, locale);
  return (ordered.find((topic) => !isResolved(topic)) ?? ordered[0])?.topicId ?? null;
}

