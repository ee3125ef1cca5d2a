import { useTranslation } from 'react-i18next';
import type { CallRecordData } from '../../../../shared/domain';
import { PhoneIcon, VideoCamIcon } from '../../components/callIcons';
import { callHistoryT, callRecordText, isMissedForMe, perspectiveOf } from '../../i18n/callRecordText';
import { selectSignedInUser, useChatStore } from '../../state';

/**
 * C5: the record a finished call leaves in its chat (sent by the caller), as a compact line with a phone or
 * camera icon: "Video call · 02:13", "Missed voice call" (red for the person who missed it), "No answer"…
 */
export function CallRecordElement({ record }: { record: CallRecordData }) {
  const { t } = useTranslation();
  const me = useChatStore((s) => selectSignedInUser(s)?.userId ?? null);
  const perspective = perspectiveOf(record, me);
  const missed = isMissedForMe(record, perspective);
  return (
    <span className={`content-call ${missed ? 'content-call--missed' : ''}`} data-call-result={record.result}>
      <span className="content-call__icon">{record.media === 'video' ? <VideoCamIcon /> : <PhoneIcon />}</span>
      <span className="content-call__text">{callRecordText(record, perspective, callHistoryT(t))}</span>
    </span>
  );
}
