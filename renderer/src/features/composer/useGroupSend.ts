import { useEffect, useState } from 'react';
import type { GroupConversation } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { groupSendState, type GroupSendState } from './groupSend';

/** Timers longer than this overflow in browsers; a longer mute is re-checked when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * What the composer of a group conversation may do now (null in one-to-one chats). It follows the cache:
 * groups:changed (muted, unmuted, mute-all, role) and topics:changed re-render it, and a timed mute ends by
 * itself when its time comes.
 */
export function useGroupSend(conversation: GroupConversation | null): (GroupSendState & { nowMs: number }) | null {
  const groupId = conversation?.groupId ?? null;
  const topicId = conversation?.topicId ?? null;
  const joined = useChatStore((s) => (groupId ? s.groups.find((g) => g.group.groupId === groupId) : undefined));
  const topics = useChatStore((s) => (groupId && topicId ? s.groupTopics[groupId] : undefined));
  const topicsRequested = useChatStore((s) => s.topicsRequested);
  const [nowMs, setNowMs] = useState(() => Date.now());

  // A topic's bits (may I send here?) come with the community's topic list.
  useEffect(() => {
    if (groupId && topicId && !topics) void topicsRequested(groupId);
  }, [groupId, topicId, topics, topicsRequested]);

  const mutedUntil = joined?.self.mutedUntil ?? 0;
  // The clock is read when the mute changes (a mute that came in already over ends at once) and again when
  // it ends; between, nothing the composer shows depends on the time.
  useEffect(() => {
    const endMs = mutedUntil * 1000;
    const wait = endMs - Date.now();
    if (wait <= 0 && nowMs >= endMs) return;
    const timer = setTimeout(() => setNowMs(Date.now()), wait > 0 ? Math.min(wait + 250, MAX_TIMER_MS) : 0);
    return () => clearTimeout(timer);
  }, [mutedUntil, nowMs]);

  if (!conversation) return null;
  const topic = topicId ? topics?.find((t) => t.topicId === topicId) : undefined;
  return { ...groupSendState(conversation, joined, topic, Math.floor(nowMs / 1000)), nowMs };
}
