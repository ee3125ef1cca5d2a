import { useTranslation } from 'react-i18next';
import { QuestionIcon } from './contentIcons';

/** An element type this build does not know: named, never rendered from its content. */
export function UnknownElement({ type }: { type: string }) {
  const { t } = useTranslation();
  return (
    <span className="content-unknown">
      <QuestionIcon />
      <span>
        <span className="content-unknown__title">{t('content.unsupported', { type: type.slice(0, 64) })}</span>
        <span className="content-unknown__hint">{t('content.unsupportedHint')}</span>
      </span>
    </span>
  );
}
