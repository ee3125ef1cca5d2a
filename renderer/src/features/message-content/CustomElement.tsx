import { useTranslation } from 'react-i18next';
import { parseCallRecord } from '../../../../shared/domain';
import { CallRecordElement } from './CallRecordElement';

/**
 * A custom element shows its Desc (as text, never markup); data the app cannot interpret stays hidden.
 * A call record (C5, businessID av_call) is drawn as one.
 */
export function CustomElement({ desc, data }: { desc?: string; data?: string }) {
  const { t } = useTranslation();
  const record = parseCallRecord(data);
  if (record) return <CallRecordElement record={record} />;
  return <span className="bubble__text content-custom">{desc?.trim() ? desc : t('content.custom')}</span>;
}
