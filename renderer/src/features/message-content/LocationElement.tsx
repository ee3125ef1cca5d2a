import { useTranslation } from 'react-i18next';
import { mapHref } from './mediaLinks';
import { PinIcon } from './contentIcons';

function coordinate(value: number, positive: string, negative: string): string {
  return `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
}

export function LocationElement({ desc, latitude, longitude }: { desc: string; latitude: number; longitude: number }) {
  const { t } = useTranslation();
  const coordinates = `${coordinate(latitude, 'N', 'S')}, ${coordinate(longitude, 'E', 'W')}`;
  return (
    <div className="content-card content-location">
      <span className="content-location__pin" aria-hidden="true">
        <PinIcon />
      </span>
      <span className="content-card__text">
        <span className="content-card__title">{desc || t('content.location')}</span>
        <span className="content-card__meta">{coordinates}</span>
        <a className="content-card__action" href={mapHref(latitude, longitude)} target="_blank" rel="noopener noreferrer">
          {t('content.openMap')}
        </a>
      </span>
    </div>
  );
}
