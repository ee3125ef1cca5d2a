import { useTranslation } from 'react-i18next';
import type { MsgElem } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { DownloadIcon, FolderIcon, OpenFileIcon } from './contentIcons';
import { ExternalMedia } from './ExternalMedia';
import { fileTypeOf, formatBytes } from './formatMedia';
import { mediaSource } from './mediaLinks';
import { useMediaEnv } from './useMediaEnv';

type FileContent = Extract<MsgElem, { MsgType: 'TIMFileElem' }>['MsgContent'];

export function FileTypeBadge({ name }: { name: string }) {
  const { family, label } = fileTypeOf(name);
  return (
    <span className={`file-badge file-badge--${family}`} aria-hidden="true">
      <svg viewBox="0 0 40 48" width="40" height="48" focusable="false">
        <path d="M4 4a4 4 0 0 1 4-4h18l10 10v34a4 4 0 0 1-4 4H8a4 4 0 0 1-4-4z" className="file-badge__sheet" />
        <path d="M26 0v6a4 4 0 0 0 4 4h6" className="file-badge__fold" />
      </svg>
      {label && <span className="file-badge__label">{label}</span>}
    </span>
  );
}

export function FileElement({ content }: { content: FileContent }) {
  const { t, i18n } = useTranslation();
  const env = useMediaEnv();
  const fileOpenRequested = useChatStore((s) => s.fileOpenRequested);
  const fileShowInFolderRequested = useChatStore((s) => s.fileShowInFolderRequested);
  const name = content.FileName;
  const size = formatBytes(content.FileSize, i18n.language);
  const source = mediaSource(env, content.UUID, content.Url);
  if (source.kind === 'external') return <ExternalMedia label={name} href={source.href} />;

  return (
    <div className="content-card content-file" role="group" aria-label={t('content.fileLabel', { name, size })}>
      <FileTypeBadge name={name} />
      <span className="content-card__text">
        <span className="content-card__title content-file__name" title={name}>
          {name}
        </span>
        <span className="content-card__meta">{size}</span>
        {source.kind === 'local' && (
          <span className="content-file__actions">
            <a className="content-chip" href={source.download(name)} download={name} aria-label={t('content.saveLabel', { name })}>
              <DownloadIcon size={16} />
              {t('content.save')}
            </a>
            {env?.canOpenFiles && (
              <>
                <button type="button" className="content-chip" aria-label={t('content.openLabel', { name })} onClick={() => void fileOpenRequested(source.uuid, name)}>
                  <OpenFileIcon />
                  {t('content.open')}
                </button>
                <button
                  type="button"
                  className="content-chip"
                  aria-label={t('content.showInFolderLabel', { name })}
                  onClick={() => void fileShowInFolderRequested(source.uuid, name)}
                >
                  <FolderIcon />
                  {t('content.showInFolder')}
                </button>
              </>
            )}
          </span>
        )}
        {source.kind === 'none' && <span className="content-card__meta">{t('content.mediaUnavailable')}</span>}
      </span>
    </div>
  );
}
