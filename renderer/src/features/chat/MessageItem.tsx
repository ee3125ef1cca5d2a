import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../shared/domain';
import { DaySeparator } from '../../components/DaySeparator';
import { RetryIcon } from '../../components/icons';
import { MessageBubble } from '../../components/MessageBubble';
import { errorText, formatClock, formatDay, toMillis } from '../../i18n';
import { MessageContent, layoutOf } from '../message-content/MessageContent';
import { EditedMarker } from '../message-actions/EditedMarker';
import { MessageFrame } from '../message-actions/MessageFrame';
import { RecalledTip } from '../message-actions/RecalledTip';
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
}

export const MessageItem = memo(function MessageItem({ message, dayLabelNeeded, continued, now, onRetry, selecting, selected, highlighted }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const at = toMillis(message.time);
  const clock = formatClock(at, i18n.language);
  const delivery = message.isOwn ? deliveryOf(message) : null;

  return (
    <div className="timeline-item" data-message-id={message.id}>
      {dayLabelNeeded && <DaySeparator label={formatDay(at, now, i18n.language, t)} />}
      {message.recalled ? (
        <RecalledTip message={message} />
      ) : (
        <MessageFrame message={message} selecting={selecting} selected={selected} highlighted={highlighted}>
          <MessageBubble
            annotation={<EditedMarker message={message} />}
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
              ) : undefined
            }
          >
            <MessageContent message={message} />
          </MessageBubble>
        </MessageFrame>
      )}
    </div>
  );
});
