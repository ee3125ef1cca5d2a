import { useTranslation } from 'react-i18next';
import type { ErrorShape } from '../../../../shared/errors';
import { ErrorIcon } from '../../components/icons';
import { MutedIcon, ShieldIcon } from '../group-manage/groupIcons';
import { refusalText } from './refusal';

interface RefusalBannerProps {
  refusal: ErrorShape;
  mutedUntil: number;
  nowMs: number;
  inTopic: boolean;
}

/**
 * Where the composer would be when checkSend refuses (muted, everyone muted, no send right in this topic,
 * left the group): the reason instead of a text box that could only fail.
 */
export function RefusalBanner({ refusal, mutedUntil, nowMs, inTopic }: RefusalBannerProps) {
  const { t, i18n } = useTranslation('groupChat');
  const { t: tMain } = useTranslation();
  const muted = refusal.code === 'group_member_muted' || refusal.code === 'group_muted_all';
  return (
    <div className="composer composer--refused">
      <p className="composer-refusal" role="status">
        <span className="composer-refusal__icon" aria-hidden="true">
          {muted ? <MutedIcon /> : refusal.code === 'group_forbidden' ? <ShieldIcon /> : <ErrorIcon />}
        </span>
        <span className="composer-refusal__text">
          <span className="composer-refusal__reason">{refusalText(t, tMain, refusal, { mutedUntil, nowMs, language: i18n.language, inTopic })}</span>
          {refusal.code === 'group_member_muted' && <span className="composer-refusal__hint">{t('composer.mutedHint')}</span>}
        </span>
      </p>
    </div>
  );
}
