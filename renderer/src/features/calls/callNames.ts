import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserId } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import { selectSignedInUser, useChatStore } from '../../state';
import { usePersonNamer } from '../chat/usePersonNames';

/** Names people in a call as the chat does (group name card, remark, nickname); "You" for me. */
export function useCallNames(call: CallView | null): (userId: UserId) => string {
  const { t } = useTranslation('calls');
  const namer = usePersonNamer();
  const me = useChatStore(selectSignedInUser)?.userId;
  const memberNicksRequested = useChatStore((s) => s.memberNicksRequested);
  const ids = call?.participants.map((p) => p.userId).join(',') ?? '';
  useEffect(() => {
    if (ids) memberNicksRequested(ids.split(',').filter((id) => id !== me));
  }, [ids, me, memberNicksRequested]);
  const groupId = call?.groupId ?? null;
  return useCallback((userId: UserId) => (userId === me ? t('screen.you') : namer(groupId, userId)), [me, namer, groupId, t]);
}

/** The group's name for a group call, if known. */
export function useCallGroupName(call: CallView | null): string | null {
  return useChatStore((s) => (call?.groupId ? (s.groups.find((g) => g.group.groupId === call.groupId)?.group.name ?? call.groupId) : null));
}
