import { useTranslation } from 'react-i18next';
import { useChatStore } from '../../state';
import { ForwardDialog } from '../forward/ForwardDialog';
import { MoveMessagesLayer } from '../community/MoveMessagesDialog';
import { ActionToasts } from './ActionToasts';
import { ConfirmDialog } from './ConfirmDialog';
import { ReportDialog } from './ReportDialog';

/** The dialogs and toasts message actions open: forward, report, move to another topic, delete-for-me confirmation. */
export function MessageActionsLayer() {
  const { t } = useTranslation();
  const deleting = useChatStore((s) => s.deleting);
  const deleteCancelled = useChatStore((s) => s.deleteCancelled);
  const deleteConfirmed = useChatStore((s) => s.deleteConfirmed);
  const count = deleting?.ids.length ?? 0;
  return (
    <>
      <ForwardDialog />
      <ReportDialog />
      <MoveMessagesLayer />
      <ConfirmDialog
        open={deleting !== null}
        title={t('actions.deleteTitle', { count })}
        description={t('actions.deleteBody')}
        confirmLabel={t('actions.delete')}
        cancelLabel={t('actions.cancel')}
        onConfirm={deleteConfirmed}
        onCancel={deleteCancelled}
      />
      <ActionToasts />
    </>
  );
}
