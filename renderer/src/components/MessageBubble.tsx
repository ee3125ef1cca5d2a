import type { ReactNode } from 'react';
import { MessageStatusIcon, type DeliveryState } from './MessageStatusIcon';
import './components.css';

interface MessageBubbleProps {
  /** Plain text content; `children` replaces it with rendered elements. */
  text?: string;
  children?: ReactNode;
  /** `media`: a picture or video alone fills the bubble edge to edge; `card`: file, voice, location, chat history. */
  layout?: 'text' | 'media' | 'card';
  isOwn: boolean;
  /** Preformatted clock time, e.g. "14:05". */
  time: string;
  timeLabel: string;
  /** Own messages only. */
  delivery?: { state: DeliveryState; label: string };
  /** Tighter spacing and no tail when it follows a message from the same sender. */
  continued?: boolean;
  /** Shown under the bubble, e.g. a retry button for a failed send. */
  footer?: ReactNode;
  /** Shown before the time inside the bubble, e.g. an "edited" marker. */
  annotation?: ReactNode;
}

export function MessageBubble({ text, children, layout = 'text', isOwn, time, timeLabel, delivery, continued = false, footer, annotation }: MessageBubbleProps) {
  const classes = ['bubble-row', isOwn ? 'bubble-row--own' : 'bubble-row--other', continued ? 'bubble-row--continued' : ''];
  return (
    <div className={classes.join(' ')}>
      <div className={`bubble bubble--${layout} ${isOwn ? 'bubble--own' : 'bubble--other'} ${delivery?.state === 'failed' ? 'bubble--failed' : ''}`}>
        {children ?? <span className="bubble__text">{text}</span>}
        <span className="bubble__meta">
          {annotation}
          <time className="bubble__time" aria-label={timeLabel}>
            {time}
          </time>
          {delivery && <MessageStatusIcon state={delivery.state} label={delivery.label} />}
        </span>
      </div>
      {footer && <div className="bubble-row__footer">{footer}</div>}
    </div>
  );
}
