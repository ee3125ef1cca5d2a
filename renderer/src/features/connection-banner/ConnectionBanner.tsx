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

  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {banner.kind !== 'hidden' && (
        <div className={`connection-banner connection-banner--${banner.kind}`}>
          {banner.kind === 'backOnline' ? <CheckCircleIcon /> : banner.kind === 'connecting' ? <Spinner /> : <CloudOffIcon />}
          <span>
            {banner.kind === 'offline' && t('connection.offline')}
            {banner.kind === 'reconnecting' && t('connection.reconnectingIn', { seconds: banner.seconds })}
            {banner.kind === 'connecting' && t('connection.connecting')}
            {banner.kind === 'backOnline' && t('connection.backOnline')}
          </span>
        </div>
      )}
    </div>
  );
}
