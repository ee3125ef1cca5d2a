import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { SignOutIcon } from '../../components/icons';
import { displayName, LANGUAGE_NAMES } from '../../i18n';
import { LANGUAGES, selectSignedInUser, THEMES, useChatStore, type Theme } from '../../state';
import { DevicesSection } from './DevicesSection';
import { NotificationsSection } from './NotificationsSection';
import './settings.css';

const THEME_LABELS: Record<Theme, 'settings.themeSystem' | 'settings.themeLight' | 'settings.themeDark'> = {
  system: 'settings.themeSystem',
  light: 'settings.themeLight',
  dark: 'settings.themeDark',
};

export function SettingsDialog({ open, onClose, onEditProfile }: { open: boolean; onClose: () => void; onEditProfile?: () => void }) {
  const { t } = useTranslation();
  const me = useChatStore(selectSignedInUser);
  const appInfo = useChatStore((s) => s.appInfo);
  const language = useChatStore((s) => s.language);
  const theme = useChatStore((s) => s.theme);
  const languageChosen = useChatStore((s) => s.languageChosen);
  const themeChosen = useChatStore((s) => s.themeChosen);
  const signOutRequested = useChatStore((s) => s.signOutRequested);
  const languageId = useId();

  return (
    <Dialog open={open} title={t('settings.title')} closeLabel={t('app.close')} onClose={onClose}>
      {me && (
        <section className="settings__section settings__account" aria-label={t('settings.account')}>
          <Avatar id={me.userId} name={displayName(me)} size="medium" />
          <div className="settings__who">
            <span className="settings__muted">{t('settings.signedInAs')}</span>
            <strong>{displayName(me)}</strong>
            <span className="settings__muted">
              @{me.userId} · {t('settings.server', { url: me.serverUrl })}
            </span>
          </div>
          {onEditProfile && (
            <button type="button" className="button button--secondary settings__edit-profile" onClick={onEditProfile}>
              {t('myProfile.edit')}
            </button>
          )}
        </section>
      )}

      <section className="settings__section" aria-labelledby={`${languageId}-appearance`}>
        <h3 id={`${languageId}-appearance`} className="settings__heading">
          {t('settings.appearance')}
        </h3>
        <label className="settings__row" htmlFor={languageId}>
          <span>{t('settings.language')}</span>
          <select id={languageId} className="settings__select" value={language} onChange={(e) => languageChosen(e.target.value as typeof language)}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="settings__row settings__fieldset">
          <legend>{t('settings.theme')}</legend>
          <div className="segmented">
            {THEMES.map((option) => (
              <label key={option} className={`segmented__option ${theme === option ? 'segmented__option--on' : ''}`}>
                <input type="radio" name="theme" value={option} checked={theme === option} onChange={() => themeChosen(option)} />
                {t(THEME_LABELS[option])}
              </label>
            ))}
          </div>
        </fieldset>
      </section>

      <NotificationsSection />

      {open && <DevicesSection />}

      <div className="settings__footer">
        <span className="settings__muted">{appInfo ? t('settings.version', { version: appInfo.version }) : null}</span>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            onClose();
            void signOutRequested();
          }}
        >
          <SignOutIcon />
          {t('settings.signOut')}
        </button>
      </div>
    </Dialog>
  );
}
