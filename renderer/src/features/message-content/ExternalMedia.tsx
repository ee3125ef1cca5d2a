import { useTranslation } from 'react-i18next';
import { LinkOutIcon } from './contentIcons';

function hostOf(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}

/** Media stored on another service (a non-hash UUID with an http(s) URL): a link, never loaded inline. */
export function ExternalMedia({ label, href }: { label: string; href: string }) {
  const { t } = useTranslation();
  return (
    <span className="content-card content-external">
      <span className="content-card__text">
        <span className="content-card__title">{label}</span>
        <a className="content-card__action" href={href} target="_blank" rel="noopener noreferrer">
          <LinkOutIcon />
          {t('content.openExternal', { host: hostOf(href) })}
        </a>
      </span>
    </span>
  );
}

export function MediaUnavailable({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <span className="content-card content-unavailable">
      <span className="content-card__text">
        <span className="content-card__title">{label}</span>
        <span className="content-card__meta">{t('content.mediaUnavailable')}</span>
      </span>
    </span>
  );
}
