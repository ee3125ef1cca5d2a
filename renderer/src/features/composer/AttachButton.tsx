import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PaperclipIcon } from '../message-content/contentIcons';
import { useAttachments } from './AttachmentArea';

/** Opens the system file picker; the chosen files go to the preview. */
export function AttachButton() {
  const { t } = useTranslation();
  const { add } = useAttachments();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="composer__tool" aria-label={t('attach.button')} title={t('attach.button')} onClick={() => input.current?.click()}>
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) add(files);
        }}
      />
    </>
  );
}
