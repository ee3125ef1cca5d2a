import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Spinner';
import { errorText, formatClock, formatDay } from '../../i18n';
import { useChatStore, type DeviceInfo } from '../../state';
import { DeviceIcon, GlobeIcon, PhoneIcon } from '../contacts/contactIcons';
import { useNow } from '../useNow';

function usePlatformName() {
  const { t } = useTranslation();
  return (platform: DeviceInfo['platform']): string => {
    if (platform === 'Unknown') return t('devices.unknownPlatform');
    if (platform === 'Web') return t('devices.web');
    if (platform === 'Mac') return 'macOS';
    return platform;
  };
}

/** A5: where my account is signed in; every other device can be signed out from here. */
export function DevicesSection() {
  const { t, i18n } = useTranslation();
  const devices = useChatStore((s) => s.devices);
  const status = useChatStore((s) => s.devicesStatus);
  const devicesRequested = useChatStore((s) => s.devicesRequested);
  const deviceSignOutRequested = useChatStore((s) => s.deviceSignOutRequested);
  const platformName = usePlatformName();
  const now = useNow(60_000);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void devicesRequested();
  }, [devicesRequested]);

  const since = (ms: number) => `${formatDay(ms, now, i18n.language, t)} ${formatClock(ms, i18n.language)}`;
  const ordered = [...devices].sort((a, b) => Number(b.current) - Number(a.current) || a.connectedSince - b.connectedSince);

  return (
    <section className="settings__section" aria-labelledby="settings-devices">
      <h3 id="settings-devices" className="settings__heading">
        {t('devices.title')}
      </h3>
      {status === 'loading' && <Spinner label={t('devices.loading')} />}
      {status === 'error' && (
        <p className="settings__muted" role="alert">
          {t('devices.loadFailed')}
        </p>
      )}
      {ordered.length > 0 && (
        <ul className="devices" aria-label={t('devices.title')}>
          {ordered.map((device) => {
            const name = platformName(device.platform);
            return (
              <li key={device.instanceId} className="device">
                <span className="device__icon" aria-hidden="true">
                  {device.platform === 'Web' ? <GlobeIcon /> : device.platform === 'Android' || device.platform === 'iPhone' ? <PhoneIcon /> : <DeviceIcon />}
                </span>
                <span className="device__text">
                  <span className="device__name">
                    {name}
                    {device.current && <span className="device__current">{t('devices.thisDevice')}</span>}
                  </span>
                  <span className="settings__muted">{t('devices.since', { time: since(device.connectedSince) })}</span>
                </span>
                {!device.current && (
                  <button
                    type="button"
                    className="button button--danger device__sign-out"
                    disabled={busy === device.instanceId}
                    aria-label={t('devices.signOutLabel', { platform: name })}
                    onClick={async () => {
                      setBusy(device.instanceId);
                      setError(null);
                      const outcome = await deviceSignOutRequested(device.instanceId);
                      setBusy(null);
                      if (!outcome.ok) setError(errorText(t, outcome.error));
                    }}
                  >
                    {t('devices.signOut')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {status === 'ready' && !devices.some((d) => !d.current) && <p className="settings__muted">{t('devices.none')}</p>}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
