import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage, GroupId } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { usePersonNamer } from '../chat/usePersonNames';
import { useReceiptMembers } from './useReceiptMembers';
import './receipts.css';

type Which = 'read' | 'unread';

/**
 * M6: who has read an own group message that asked for a receipt, and who has not, as two tabs (WeChat Work's
 * receipt sheet). The message is the live one from the timeline: its counts follow messages:changed.
 */
export function ReceiptsDialog({ message, groupId, onClose }: { message: ChatMessage | null; groupId: GroupId | null; onClose: () => void }) {
  const { t } = useTranslation('groupChat');
  const [which, setWhich] = useState<Which>('read');
  const tabsId = useId();
  const receipt = message?.receipt ?? null;
  const counts = { read: receipt?.readCount ?? 0, unread: receipt?.unreadCount ?? 0 };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    // Arrow keys move between the two tabs (WAI-ARIA tabs pattern).
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Which = which === 'read' ? 'unread' : 'read';
    setWhich(next);
    document.getElementById(`${tabsId}-${next}`)?.focus();
  };

  return (
    <Dialog open={message !== null} title={t('receipts.title')} closeLabel={t('receipts.close')} onClose={onClose}>
      {message && (
        <div className="receipts">
          <div className="receipts__tabs" role="tablist" aria-label={t('receipts.title')}>
            {(['read', 'unread'] as const).map((tab) => (
              <button
                key={tab}
                id={`${tabsId}-${tab}`}
                type="button"
                role="tab"
                className="receipts__tab"
                aria-selected={which === tab}
                aria-controls={`${tabsId}-panel`}
                tabIndex={which === tab ? 0 : -1}
                onClick={() => setWhich(tab)}
                onKeyDown={onTabKey}
              >
                {t(tab === 'read' ? 'receipts.read' : 'receipts.unread', { count: counts[tab] })}
              </button>
            ))}
          </div>
          <div id={`${tabsId}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-${which}`} className="receipts__panel">
            <ReceiptList key={which} message={message} which={which} groupId={groupId} version={`${counts.read}:${counts.unread}`} />
          </div>
        </div>
      )}
    </Dialog>
  );
}

function ReceiptList({ message, which, groupId, version }: { message: ChatMessage; which: Which; groupId: GroupId | null; version: string }) {
  const { t } = useTranslation('groupChat');
  const namer = usePersonNamer();
  const { list, more, retry } = useReceiptMembers(message.id, which, version);
  return (
    <>
      {list.userIds.length > 0 && (
        <ul className="receipts__list" aria-label={t(which === 'read' ? 'receipts.readTab' : 'receipts.unreadTab')}>
          {list.userIds.map((userId) => {
            const name = namer(groupId, userId);
            return (
              <li key={userId} className="receipts__person">
                <Avatar id={userId} name={name} size="small" />
                <span className="receipts__name">{name}</span>
                {name !== userId && <span className="receipts__id">@{userId}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {list.status === 'loading' && (
        <div className="receipts__status">
          <Spinner label={t('receipts.loading')} />
        </div>
      )}
      {list.status === 'ready' && list.userIds.length === 0 && <p className="receipts__status">{t('receipts.empty')}</p>}
      {list.status === 'error' && (
        <p className="receipts__status" role="alert">
          {t('receipts.failed')}{' '}
          <button type="button" className="button button--secondary" onClick={retry}>
            {t('receipts.retry')}
          </button>
        </p>
      )}
      {list.status === 'ready' && list.cursor !== null && (
        <button type="button" className="button button--secondary receipts__more" onClick={more}>
          {t('receipts.more')}
        </button>
      )}
    </>
  );
}
