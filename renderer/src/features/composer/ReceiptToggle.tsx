import { useTranslation } from 'react-i18next';
import { DoubleCheckIcon } from '../../components/icons';

/** M6: "Request read receipt" for the next sends of a group conversation; pressed stays on until turned off. */
export function ReceiptToggle({ pressed, onToggle }: { pressed: boolean; onToggle: () => void }) {
  const { t } = useTranslation('groupChat');
  return (
    <button type="button" className="composer__toggle" aria-pressed={pressed} aria-label={t('composer.receipt')} title={t('composer.receipt')} onClick={onToggle}>
      <DoubleCheckIcon />
    </button>
  );
}
