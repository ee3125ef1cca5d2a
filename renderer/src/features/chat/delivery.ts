import type { ChatMessage } from '../../../../shared/domain';
import type { DeliveryState } from '../../components/MessageStatusIcon';

/** pending (clock) → sent (✓) → read (✓✓); failed shows a retry. */
export function deliveryOf(message: Pick<ChatMessage, 'status' | 'readByPeer'>): DeliveryState {
  if (message.status === 'failed') return 'failed';
  if (message.status === 'pending') return 'pending';
  return message.readByPeer ? 'read' : 'sent';
}
