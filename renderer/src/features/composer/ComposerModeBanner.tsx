import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../components/icons';
import { messageText } from '../../i18n';
import type { ComposerMode } from '../../state';
import { EditIcon, ReplyIcon } from '../message-actions/actionIcons';
import './composer-modes.css';

interface ComposerModeBannerProps {
  mode: ComposerMode;
  /** Who wrote the quoted message ("You" or their name). */
  authorName: string;
  onCancel: () => void;
}

/** M14: above the input while replying (the quote) or editing (what is being changed); Esc or × cancels. */
export function ComposerModeBanner({ mode, authorName, onCancel }: ComposerModeBannerProps) {
  const { t } = useTranslation();
  const replying = mode.kind === 'reply';
  return (
    <div className={`composer-mode composer-mode--${mode.kind}`}>
      <span className="composer-mode__icon" aria-hidden="true">
        {replying ? <ReplyIcon /> : <EditIcon />}
      </span>
      <span className="composer-mode__text">
        <span className="composer-mode__title">
          {replying ? (mode.message.isOwn ? t('actions.replyingToSelf') : t('actions.replyingTo', { name: authorName })) : t('actions.editing')}
          <span className="composer-mode__hint"> · {t('actions.escToCancel')}</span>
        </span>
        <span className="composer-mode__quote">{messageText(mode.message.body, t)}</span>
      </span>
      <button type="button" className="icon-button" aria-label={replying ? t('actions.cancelReply') : t('actions.cancelEdit')} onClick={onCancel}>
        <CloseIcon />
      </button>
    </div>
  );
}
