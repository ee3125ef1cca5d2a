import { useTranslation } from 'react-i18next';
import { useNow } from '../useNow';
import { QualityBars } from './icons';
import { formatDuration, type CallQuality } from './quality';

/** mm:ss since the call connected, ticking every second. */
export function CallDuration({ connectedAt }: { connectedAt: number | null }) {
  const { t } = useTranslation('calls');
  const now = useNow(1000);
  if (connectedAt === null) return null;
  return (
    <time className="call-duration" aria-label={t('controls.duration')} role="timer">
      {formatDuration((now - connectedAt) / 1000)}
    </time>
  );
}

const LEVEL: Record<CallQuality, 0 | 1 | 2 | 3> = { good: 3, fair: 2, poor: 1, unknown: 0 };

export function QualityIndicator({ quality }: { quality: CallQuality }) {
  const { t } = useTranslation('calls');
  const label = t('quality.label', { quality: t(`quality.${quality}`) });
  return (
    <span className={`call-quality call-quality--${quality}`} role="img" aria-label={label} title={label}>
      <QualityBars level={LEVEL[quality]} />
    </span>
  );
}
