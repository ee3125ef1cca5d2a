import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupId, UserId } from '../../../../shared/domain';
import { selectSignedInUser, useChatStore } from '../../state';
import { contactName } from '../contacts/people';

/** Names a person, in a group's screens (groupId) or elsewhere (null). */
export type PersonNamer = (groupId: GroupId | null, userId: UserId) => string;

/**
 * How people are named in group screens (tips, previews, receipt lists), as ADR 0004 §7 orders it: their name
 * card in that group (from the member cache), else my remark or their nickname for a friend, else a nickname
 * looked up once (users:lookup), else the UserID. The viewer is "You".
 */
export function usePersonNamer(): PersonNamer {
  const { t } = useTranslation('groupChat');
  const me = useChatStore(selectSignedInUser)?.userId;
  const groupMembers = useChatStore((s) => s.groupMembers);
  const contacts = useChatStore((s) => s.contacts);
  const nicks = useChatStore((s) => s.memberNicks);
  return useCallback(
    (groupId: GroupId | null, userId: UserId) => {
      if (userId === me) return t('tips.you');
      const card = groupId ? groupMembers[groupId]?.members.find((m) => m.userId === userId)?.nameCard.trim() : undefined;
      if (card) return card;
      const friend = contacts.find((c) => c.userId === userId);
      if (friend) return contactName(friend);
      return nicks[userId]?.trim() || userId;
    },
    [me, groupMembers, contacts, nicks, t],
  );
}

/** The namer bound to one group. */
export function useGroupPersonNames(groupId: GroupId | null): (userId: UserId) => string {
  const namer = usePersonNamer();
  return useCallback((userId: UserId) => namer(groupId, userId), [namer, groupId]);
}
