import { checkSend, type GroupActor, type GroupConversation, type SendContext } from '../../../../shared/domain';
import type { ErrorCode } from '../../../../shared/errors';
import type { JoinedGroup, TopicEntry } from '../../../../shared/ipc';

/**
 * What the group composer may offer, asked of shared/domain/groupPermissions.ts `checkSend` with what the
 * core cached of my membership (groups:joined) and of the topic (topics:list); the server decides with the
 * same function, so nothing the composer offers is refused for a rule the screen did not know.
 */
export interface GroupSendState {
  /** Why nothing can be sent now (null: sending is allowed). */
  refusal: ErrorCode | null;
  /** "@All" may be sent (checkSend with atAll). */
  mayAtAll: boolean;
  /** When a mute ends (unix s), so the banner can say until when and go away by itself; 0: not muted. */
  mutedUntil: number;
}

export function groupSendState(
  conversation: Pick<GroupConversation, 'groupType' | 'topicId' | 'left'>,
  joined: JoinedGroup | undefined,
  topic: TopicEntry | undefined,
  nowSeconds: number,
): GroupSendState {
  // Left (or not yet in the cache): the permission module answers "not a member".
  const actor: GroupActor = conversation.left || !joined ? 'NonMember' : joined.self.role;
  const type = joined?.group.type ?? conversation.groupType;
  const context: SendContext = {
    type,
    actor,
    mutedUntil: joined?.self.mutedUntil ?? 0,
    nowSeconds,
    muteAll: joined?.group.muteAll ?? false,
    atAll: false,
    ...(type === 'Community' ? { community: { bits: joined?.myBits ?? 0 } } : {}),
    // A topic not cached yet is judged without its bits; the server still decides, and the
    // topic arrives with topics:changed, which re-renders with the real answer.
    topic: conversation.topicId !== null && topic ? { bits: topic.myBits, muteAll: topic.muteAll } : null,
  };
  const refusal = checkSend(context);
  return {
    refusal,
    mayAtAll: refusal === null && checkSend({ ...context, atAll: true }) === null,
    mutedUntil: refusal === 'group_member_muted' ? context.mutedUntil : 0,
  };
}
