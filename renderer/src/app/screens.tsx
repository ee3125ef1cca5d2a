import { useTranslation } from 'react-i18next';
import { LogoMark } from '../components/icons';
import { Spinner } from '../components/Spinner';
import './app.css';

export function SplashScreen() {
  const { t } = useTranslation();
  return (
    <div className="splash">
      <LogoMark size={56} />
      <Spinner label={t('app.starting')} />
    </div>
  );
}

/** The page lost its WebSocket to the web host (browser only). */
export function HostLostScreen() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="alert">
      <LogoMark size={56} />
      <h1 className="splash__title">{t('host.lostTitle')}</h1>
      <p className="splash__body">{t('host.lostBody')}</p>
      <p className="splash__hint">
        <Spinner /> {t('host.reconnecting')}
      </p>
    </div>
  );
}

/** Opened without the web host's token: explain instead of failing silently. */
export function MissingTokenScreen() {
  const { t } = useTranslation();
  return (
    <div className="splash">
      <LogoMark size={56} />
      <h1 className="splash__title">{t('host.noTokenTitle')}</h1>
      <p className="splash__body">{t('host.noTokenBody')}</p>
    </div>
  );
}
