import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_LIMITS, type CallMedia, type GroupId, type UserId } from '../../../../shared/domain';
import { myCallHere, useChatStore } from '../../state';
import { useCallActions } from './CallContext';
import { MemberPicker } from './MemberPicker';
import { PhoneIcon, VideoIcon } from './icons';

/** "Voice call" and "Video call" in a chat header; in a group they open the member chooser first (C2). */
export function CallStartButtons({ target }: { target: { userId: UserId } | { groupId: GroupId } }) {
  const { t } = useTranslation('calls');
  const actions = useCallActions();
  const busy = useChatStore((s) => myCallHere(s.calls) !== null);
  const [choosing, setChoosing] = useState<CallMedia | null>(null);
  if (!actions) return null;
  const start = (media: CallMedia) => {
    if ('userId' in target) void actions.start({ userId: target.userId }, media);
    else setChoosing(media);
  };
  return (
    <>
      <button type="button" className="icon-button" aria-label={t('start.voice')} title={t('start.voice')} disabled={busy} onClick={() => start('audio')}>
        <PhoneIcon size={20} />
      </button>
      <button type="button" className="icon-button" aria-label={t('start.video')} title={t('start.video')} disabled={busy} onClick={() => start('video')}>
        <VideoIcon size={20} />
      </button>
      {'groupId' in target && choosing && (
        <MemberPicker
          open
          groupId={target.groupId}
          title={choosing === 'video' ? t('start.chooseVideoTitle') : t('start.chooseVoiceTitle')}
          hint={t('start.chooseHint', { count: CALL_LIMITS.maxParticipants - 1 })}
          max={CALL_LIMITS.maxParticipants - 1}
          exclude={[]}
          onCancel={() => setChoosing(null)}
          onRing={(userIds) => {
            const media = choosing;
            setChoosing(null);
            void actions.start({ groupId: target.groupId, userIds }, media);
          }}
        />
      )}
    </>
  );
}
