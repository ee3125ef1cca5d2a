import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatStore } from '../../state';

type Permission = NotificationPermission | 'unsupported';

const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * New-message notifications (on by default; the system is asked for permission when they are switched on, a
 * click being the moment browsers allow it) and whether they show the text.
 */
export function NotificationsSection() {
  const { t } = useTranslation();
  const id = useId();
  const notifications = useChatStore((s) => s.notifications);
  const preview = useChatStore((s) => s.notificationPreview);
  const notificationsChosen = useChatStore((s) => s.notificationsChosen);
  const previewChosen = useChatStore((s) => s.notificationPreviewChosen);
  const [permission, setPermission] = useState<Permission>(permissionNow);
  if (permission === 'unsupported') return null;

  const ask = () => void Notification.requestPermission().then(setPermission, () => setPermission(permissionNow()));
  const choose = (on: boolean) => {
    notificationsChosen(on);
    if (on && Notification.permission === 'default') ask();
  };

  return (
    <section className="settings__section" aria-labelledby={`${id}-notifications`}>
      <h3 id={`${id}-notifications`} className="settings__heading">
        {t('settings.notifications')}
      </h3>
      <label className="switch-row settings__switch">
        <input type="checkbox" role="switch" checked={notifications} onChange={(e) => choose(e.target.checked)} aria-describedby={`${id}-notify-hint`} />
        <span className="switch-row__text">
          <span>{t('settings.notify')}</span>
          <span id={`${id}-notify-hint`} className="settings__muted">
            {t('settings.notifyHint')}
          </span>
        </span>
      </label>
      <label className="switch-row settings__switch">
        <input type="checkbox" role="switch" checked={preview} disabled={!notifications} onChange={(e) => previewChosen(e.target.checked)} aria-describedby={`${id}-preview-hint`} />
        <span className="switch-row__text">
          <span>{t('settings.notifyPreview')}</span>
          <span id={`${id}-preview-hint`} className="settings__muted">
            {t('settings.notifyPreviewHint')}
          </span>
        </span>
      </label>
      {notifications && permission === 'default' && (
        <button type="button" className="button button--secondary settings__allow" onClick={ask}>
          {t('settings.notifyAllow')}
        </button>
      )}
      {notifications && permission === 'denied' && (
        <p className="settings__warning" role="status">
          {t('settings.notifyBlocked')}
        </p>
      )}
    </section>
  );
}
