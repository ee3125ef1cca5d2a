import { useTranslation } from 'react-i18next';
import { CALL_LIMITS } from '../../../../shared/domain';
import type { CallView } from '../../../../shared/ipc';
import { useCallActions } from './CallContext';
import { useCallGroupName } from './callNames';
import { MemberPicker } from './MemberPicker';

/** C2: ring more members of the group during the call. */
export function InviteDialog({ call, onClose }: { call: CallView; onClose: () => void }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const group = useCallGroupName(call) ?? '';
  if (!call.groupId) return null;
  const inCall = call.participants.filter((p) => p.state === 'joined' || p.state === 'invited').map((p) => p.userId);
  return (
    <MemberPicker
      open
      groupId={call.groupId}
      title={t('invite.title')}
      hint={t('invite.hint', { group, max: CALL_LIMITS.maxParticipants })}
      max={Math.max(0, CALL_LIMITS.maxParticipants - inCall.length)}
      exclude={inCall}
      onCancel={onClose}
      onRing={(userIds) => {
        onClose();
        void actions?.invite(call.callId, userIds);
      }}
    />
  );
}
