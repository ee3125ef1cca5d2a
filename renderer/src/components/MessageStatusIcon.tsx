import { CheckIcon, ClockIcon, DoubleCheckIcon, ErrorIcon } from './icons';
import './components.css';

export type DeliveryState = 'pending' | 'sent' | 'read' | 'failed';

const ICONS = { pending: ClockIcon, sent: CheckIcon, read: DoubleCheckIcon, failed: ErrorIcon } as const;

/** The tick after an own message; `label` ("Sent", "Read"…) is its accessible name. */
export function MessageStatusIcon({ state, label }: { state: DeliveryState; label: string }) {
  const Icon = ICONS[state];
  return (
    <span className={`status-icon status-icon--${state}`} role="img" aria-label={label} title={label}>
      <Icon />
    </span>
  );
}
