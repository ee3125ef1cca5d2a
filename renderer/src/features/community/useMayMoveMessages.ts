import { parseConversationId } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { abilitiesOf } from '../group-manage/groupAbilities';

/**
 * ADR 0005: may I move messages out of this conversation? Only a community topic, and only with
 * ManageTopicInfo there (ManageTopic covers it), decided by groupPermissions.ts as the server decides it.
 */
export function useMayMoveMessages(conversationId: string): boolean {
  return useChatStore((s) => {
    const parsed = parseConversationId(conversationId);
    if (parsed?.kind !== 'group' || parsed.topicId === null) return false;
    const joined = s.groups.find((g) => g.group.groupId === parsed.groupId);
    const topic = s.groupTopics[parsed.groupId]?.find((t) => t.topicId === parsed.topicId);
    if (!joined || !topic) return false;
    return abilitiesOf(joined.group.type, joined.self.role, joined.myBits).canManageTopic(topic.myBits);
  });
}
