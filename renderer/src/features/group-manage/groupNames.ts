import type { GroupMember, UserId } from '../../../../shared/domain';
import type { Contact } from '../../../../shared/ipc';
import { useChatStore } from '../../state';
import { contactName } from '../contacts/people';

/** How a member is called in a group: their name card, else my remark or their nickname, else the UserID. */
export function memberName(member: Pick<GroupMember, 'userId' | 'nameCard'>, friends: ReadonlyMap<UserId, Contact>, nicks: Partial<Record<UserId, string | null>>): string {
  if (member.nameCard.trim()) return member.nameCard.trim();
  const friend = friends.get(member.userId);
  if (friend) return contactName(friend);
  return nicks[member.userId]?.trim() || member.userId;
}

/** A person who may not be a member (an applicant): my remark or their nickname, else the UserID. */
export function usePersonName(): (userId: UserId) => string {
  const contacts = useChatStore((s) => s.contacts);
  const nicks = useChatStore((s) => s.memberNicks);
  return (userId) => {
    const friend = contacts.find((c) => c.userId === userId);
    return friend ? contactName(friend) : nicks[userId]?.trim() || userId;
  };
}
