import { useTranslation } from 'react-i18next';

/** A custom element shows its Desc (as text, never markup); data the app cannot interpret stays hidden. */
export function CustomElement({ desc }: { desc?: string }) {
  const { t } = useTranslation();
  return <span className="bubble__text content-custom">{desc?.trim() ? desc : t('content.custom')}</span>;
}
