import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../shared/domain';
import { Avatar } from '../../components/Avatar';
import { DaySeparator } from '../../components/DaySeparator';
import { RetryIcon } from '../../components/icons';
import { MessageBubble } from '../../components/MessageBubble';
import { errorText, formatClock, formatDay, toMillis } from '../../i18n';
import { GroupTipElement } from '../message-content/GroupTipElement';
import { MessageContent, layoutOf } from '../message-content/MessageContent';
import { EditedMarker } from '../message-actions/EditedMarker';
import { MessageFrame } from '../message-actions/MessageFrame';
import { RecalledTip } from '../message-actions/RecalledTip';
import { MovedAwayTip, MovedFromMarker } from '../community/MovedNotices';
import { deliveryOf } from './delivery';

interface MessageItemProps {
  message: ChatMessage;
  /** Starts a new calendar day: draw a separator above. */
  dayLabelNeeded: boolean;
  continued: boolean;
  now: number;
  onRetry: (message: ChatMessage) => void;
  /** Multi-select mode (M7): a checkbox per message. */
  selecting: boolean;
  selected: boolean;
  /** A jump landed here (search hit, quoted message): flash it. */
  highlighted: boolean;
  /** Groups (ADR 0004 §7): what a tip says, drawn as a centred system line instead of a bubble. */
  tipText?: string | null;
  /** Groups: the first of someone else's run shows their avatar and name above (null: no header). */
  senderName?: string | null;
  /** Opens the sender's profile card (their name or avatar was clicked). */
  onOpenSender?: (userId: ChatMessage['from']) => void;
  /** A group or topic conversation: one-to-one read ticks ("Read") do not apply there. */
  inGroup?: boolean;
  /** Groups, own messages that asked for a receipt (M6): opens who has read it. */
  onOpenReceipts?: (message: ChatMessage) => void;
}

/** M6 in groups: "2 read · 5 unread" under an own message that asked for a receipt, once the server has counted. */
function ReceiptSummary({ message, onOpen }: { message: ChatMessage; onOpen: (message: ChatMessage) => void }) {
  const { t } = useTranslation('groupChat');
  const receipt = message.receipt;
  if (!receipt || message.status !== 'sent') return null;
  const label =
    receipt.unreadCount === 0 ? t('receipts.allRead') : receipt.readCount === 0 ? t('receipts.noneRead', { count: receipt.unreadCount }) : t('receipts.summary', { read: receipt.readCount, unread: receipt.unreadCount });
  return (
    <button type="button" className={`receipt-summary ${receipt.unreadCount === 0 ? 'receipt-summary--all' : ''}`} title={t('receipts.open')} onClick={() => onOpen(message)}>
      {label}
    </button>
  );
}

export const MessageItem = memo(function MessageItem({
  message,
  dayLabelNeeded,
  continued,
  now,
  onRetry,
  selecting,
  selected,
  highlighted,
  tipText = null,
  senderName = null,
  onOpenSender,
  onOpenReceipts,
  inGroup = false,
}: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const { t: tg } = useTranslation('groupChat');
  const at = toMillis(message.time);
  const clock = formatClock(at, i18n.language);
  // A group message is never "Read" by one peer: its readers are counted by the receipt summary instead.
  const delivery = message.isOwn ? deliveryOf(inGroup ? { status: message.status, readByPeer: false } : message) : null;

  return (
    <div className={`timeline-item ${message.mentionsMe && !message.recalled ? 'timeline-item--mention' : ''}`} data-message-id={message.id}>
      {dayLabelNeeded && <DaySeparator label={formatDay(at, now, i18n.language, t)} />}
      {tipText !== null ? (
        <MovedAwayTip message={message} text={tipText} fallback={<GroupTipElement text={tipText} />} />
      ) : message.recalled ? (
        <RecalledTip message={message} />
      ) : (
        <GroupSender userId={message.from} name={senderName} onOpen={onOpenSender} label={senderName ? tg('timeline.senderProfile', { name: senderName }) : ''}>
        <MessageFrame message={message} selecting={selecting} selected={selected} highlighted={highlighted}>
          <MessageBubble
            annotation={
              <>
                {message.movedFrom && <MovedFromMarker message={message} />}
                <EditedMarker message={message} />
              </>
            }
            layout={layoutOf(message.body)}
            isOwn={message.isOwn}
            time={clock}
            timeLabel={t('message.sentAt', { time: clock })}
            continued={continued && !dayLabelNeeded}
            delivery={delivery ? { state: delivery, label: t(`message.${delivery}`) } : undefined}
            footer={
              delivery === 'failed' ? (
                <>
                  <span>{message.error ? errorText(t, message.error) : t('message.failed')}</span>
                  <button type="button" className="retry-button" aria-label={t('message.retryLabel')} onClick={() => onRetry(message)}>
                    <RetryIcon />
                    {t('message.retry')}
                  </button>
                </>
              ) : message.isOwn && message.needReceipt && onOpenReceipts && message.receipt ? (
                <ReceiptSummary message={message} onOpen={onOpenReceipts} />
              ) : undefined
            }
          >
            <MessageContent message={message} />
          </MessageBubble>
        </MessageFrame>
        </GroupSender>
      )}
    </div>
  );
});

/**
 * Someone else's message in a group: indented past an avatar column; the first of a run carries the sender's
 * avatar and name, both opening their profile card. One-to-one messages (no `onOpen`) pass straight through.
 */
function GroupSender({ userId, name, onOpen, label, children }: { userId: string; name: string | null; onOpen?: (userId: string) => void; label: string; children: ReactNode }) {
  if (!onOpen) return <>{children}</>;
  return (
    <div className="group-message">
      {name !== null && (
        <>
          {/* A pointer shortcut to the same card as the name button, kept out of the accessibility tree. */}
          <button type="button" className="group-message__avatar" tabIndex={-1} aria-hidden="true" onClick={() => onOpen(userId)}>
            <Avatar id={userId} name={name} size="small" />
          </button>
          <button type="button" className="group-message__sender" aria-label={label} title={label} onClick={() => onOpen(userId)}>
            {name}
          </button>
        </>
      )}
      {children}
    </div>
  );
}
