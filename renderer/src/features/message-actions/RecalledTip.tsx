import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../shared/domain';
import { useChatStore } from '../../state';
import { useNameOf } from './MessageFrame';

/** M5: a recalled message leaves a line in its place; the sender may put its text back into the composer. */
export function RecalledTip({ message }: { message: ChatMessage }) {
  const { t } = useTranslation();
  const reEditRequested = useChatStore((s) => s.reEditRequested);
  const nameOf = useNameOf(message.conversationId);
  return (
    <p className="recalled-tip">
      {message.isOwn ? t('actions.youRecalled') : t('actions.peerRecalled', { name: nameOf(message.from) })}
      {message.isOwn && message.recalledText !== null && (
        <>
          <span aria-hidden="true"> · </span>
          <button type="button" className="recalled-tip__reedit" title={t('actions.reEditLabel')} onClick={() => reEditRequested(message)}>
            {t('actions.reEdit')}
          </button>
        </>
      )}
    </p>
  );
}
