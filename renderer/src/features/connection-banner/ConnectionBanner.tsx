import { useTranslation } from 'react-i18next';
import { CheckCircleIcon, CloudOffIcon } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { useChatStore } from '../../state';
import { useNow } from '../useNow';
import { bannerState } from './bannerState';
import './connection-banner.css';

/** A slim bar over the app while the core cannot reach the server; "Back online" for a moment after. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useChatStore((s) => s.connection);
  const backOnline = useChatStore((s) => s.backOnline);
  const now = useNow(500);
  const banner = bannerState(connection, backOnline, now);
  const shown = banner.kind !== 'hidden';

  return (
    <div className="connection-banner-slot">
      <div className={shown ? `connection-banner connection-banner--${banner.kind}` : undefined}>
        {banner.kind === 'backOnline' ? <CheckCircleIcon /> : banner.kind === 'connecting' ? <Spinner /> : shown ? <CloudOffIcon /> : null}
        {/* Always mounted, so screen readers hear each change of state, once; it holds no ticking text. */}
        <span role="status" aria-live="polite">
          {banner.kind === 'offline' && t('connection.offline')}
          {banner.kind === 'reconnecting' && t('connection.unreachable')}
          {banner.kind === 'connecting' && t('connection.connecting')}
          {banner.kind === 'backOnline' && t('connection.backOnline')}
        </span>
        {/* The countdown changes every second: for the eyes only, or a screen reader would read it out each time. */}
        {banner.kind === 'reconnecting' && <span aria-hidden="true">{t('connection.retryIn', { seconds: banner.seconds })}</span>}
      </div>
    </div>
  );
}
