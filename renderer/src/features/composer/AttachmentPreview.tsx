import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { FileTypeBadge } from '../message-content/FileElement';
import { TrashIcon } from '../message-content/contentIcons';
import { formatBytes, formatDuration } from '../message-content/formatMedia';
import type { PendingAttachment } from './AttachmentArea';

const KIND_LABEL = { image: 'attach.kindImage', sound: 'attach.kindSound', video: 'attach.kindVideo', file: 'attach.kindFile' } as const;

interface AttachmentPreviewProps {
  items: PendingAttachment[];
  onRemove: (id: number) => void;
  onCancel: () => void;
  onSend: () => void;
}

/** M2: what is about to be sent, each file with its picture or type, size and kind; refusals said per file. */
export function AttachmentPreview({ items, onRemove, onCancel, onSend }: AttachmentPreviewProps) {
  const { t, i18n } = useTranslation();
  const sendable = items.filter((item) => !item.problem);
  const measuring = items.some((item) => item.measuring);
  return (
    <Dialog open={items.length > 0} title={t('attach.previewTitle', { count: items.length })} closeLabel={t('attach.cancel')} onClose={onCancel}>
      <ul className="attachment-list">
        {items.map((item) => {
          const kind = t(KIND_LABEL[item.kind]);
          const details = [kind, formatBytes(item.file.size, i18n.language), item.durationSec !== undefined ? formatDuration(item.durationSec) : null].filter(Boolean).join(' · ');
          return (
            <li key={item.id} className={`attachment-item ${item.problem ? 'attachment-item--refused' : ''}`}>
              {item.previewUrl ? (
                <img className={`attachment-item__thumb ${items.length === 1 ? 'attachment-item__thumb--large' : ''}`} src={item.previewUrl} alt={t('attach.previewImage', { name: item.name })} />
              ) : (
                <FileTypeBadge name={item.name} />
              )}
              <span className="attachment-item__text">
                <span className="attachment-item__name" title={item.name}>
                  {item.name}
                </span>
                <span className="attachment-item__meta">{details}</span>
                {item.measuring && <Spinner label={kind} />}
                {item.problem && (
                  <span className="attachment-item__problem" role="alert">
                    {item.problem.kind === 'empty' ? t('attach.empty') : t('attach.tooLarge', { kind, limit: formatBytes(item.problem.limit, i18n.language) })}
                  </span>
                )}
              </span>
              <button type="button" className="icon-button" aria-label={t('attach.remove', { name: item.name })} title={t('attach.remove', { name: item.name })} onClick={() => onRemove(item.id)}>
                <TrashIcon />
              </button>
            </li>
          );
        })}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('attach.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={sendable.length === 0 || measuring} onClick={onSend} autoFocus>
          {sendable.length > 1 ? t('attach.sendCount', { count: sendable.length }) : t('attach.send')}
        </button>
      </div>
    </Dialog>
  );
}
