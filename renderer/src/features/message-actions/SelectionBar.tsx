import { useTranslation } from 'react-i18next';
import type { ConversationId } from '../../../../shared/domain';
import { CloseIcon } from '../../components/icons';
import { useChatStore } from '../../state';
import { ForwardIcon, TrashIcon } from './actionIcons';

/** M7 / M10: replaces the composer while messages are selected. */
export function SelectionBar({ conversationId }: { conversationId: ConversationId }) {
  const { t } = useTranslation();
  const ids = useChatStore((s) => (s.selection?.conversationId === conversationId ? s.selection.ids : null));
  const forwardRequested = useChatStore((s) => s.forwardRequested);
  const deleteRequested = useChatStore((s) => s.deleteRequested);
  const selectionCancelled = useChatStore((s) => s.selectionCancelled);
  if (!ids) return null;
  const none = ids.length === 0;
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('actions.selectionBar')}>
      <button type="button" className="icon-button" aria-label={t('actions.cancel')} title={t('actions.cancel')} onClick={selectionCancelled}>
        <CloseIcon />
      </button>
      <span className="selection-bar__count" aria-live="polite">
        {t('actions.selected', { count: ids.length })}
      </span>
      <button type="button" className="button button--secondary" disabled={none} onClick={() => forwardRequested(conversationId, ids, 'oneByOne')}>
        <ForwardIcon />
        {t('actions.forwardOneByOne')}
      </button>
      <button type="button" className="button button--secondary" disabled={none} onClick={() => forwardRequested(conversationId, ids, 'combined')}>
        <ForwardIcon />
        {t('actions.forwardCombined')}
      </button>
      <button type="button" className="button button--secondary" disabled={none} onClick={() => deleteRequested(conversationId, ids)}>
        <TrashIcon />
        {t('actions.deleteForMe')}
      </button>
    </div>
  );
}
