import { useTranslation } from 'react-i18next';
import type { ChatMessage, MessageId } from '../../../../shared/domain';
import { CloseIcon } from '../../components/icons';
import { useChatStore } from '../../state';

type Transfer = NonNullable<ChatMessage['transfer']>;

export function percentOf(transfer: Transfer): number {
  return transfer.total > 0 ? Math.min(100, Math.floor((transfer.sent / transfer.total) * 100)) : 0;
}

/** Progress bar with percent and Cancel under an uploading attachment; says when it waits for the link. */
export function UploadProgress({ id, transfer }: { id: MessageId; transfer: Transfer }) {
  const { t } = useTranslation();
  const uploadCancelRequested = useChatStore((s) => s.uploadCancelRequested);
  const percent = percentOf(transfer);
  const paused = transfer.state === 'paused';
  const label = paused ? t('content.paused') : t('content.uploading', { percent });
  return (
    <span className={`upload-progress ${paused ? 'upload-progress--paused' : ''}`}>
      <span className="upload-progress__row">
        <span
          className="upload-progress__bar"
          role="progressbar"
          aria-label={t('content.uploadProgress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={label}
        >
          <span className="upload-progress__fill" style={{ width: `${percent}%` }} />
        </span>
        <button type="button" className="upload-progress__cancel" aria-label={t('content.cancelUpload')} title={t('content.cancelUpload')} onClick={() => void uploadCancelRequested(id)}>
          <CloseIcon />
        </button>
      </span>
      <span className="upload-progress__label">
        {label}
      </span>
    </span>
  );
}
