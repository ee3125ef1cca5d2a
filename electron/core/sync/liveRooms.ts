import { GROUP_MESSAGE_LIMITS, messageId, type ServerMessage } from '../../../shared/domain';

/**
 * ADR 0004 §6: group messages the server never stores (seq 0: AVChatRoom, online-only sends,
 * online tips) live here, in a bounded ring per conversation, and never in SQLite. Nothing can
 * be caught up into them, so a restart (or a late join) shows none of them — exactly what the
 * server offers. The ring is newest-last; the oldest message falls out when it is full.
 */
export class LiveRooms {
  private readonly rings = new Map<string, ServerMessage[]>();

  constructor(private readonly capacity: number = GROUP_MESSAGE_LIMITS.liveRingSize) {}

  /**
   * Keeps a seq-0 message; false when it was already kept (the same push twice, or the ack of
   * our own send and its echo) or is not a seq-0 message.
   */
  add(message: ServerMessage): boolean {
    if (message.seq !== 0) return false;
    const ring = this.rings.get(message.conversationId) ?? [];
    const id = messageId(message.from, message.clientMsgId);
    if (ring.some((m) => messageId(m.from, m.clientMsgId) === id)) return false;
    ring.push(message);
    if (ring.length > this.capacity) ring.splice(0, ring.length - this.capacity);
    this.rings.set(message.conversationId, ring);
    return true;
  }

  /** The conversation's kept messages, oldest first. */
  list(conversationId: string): readonly ServerMessage[] {
    return this.rings.get(conversationId) ?? [];
  }

  /** One kept message by its renderer ID (`sender:clientMsgId`). */
  find(conversationId: string, id: string): ServerMessage | undefined {
    return this.list(conversationId).find((m) => messageId(m.from, m.clientMsgId) === id);
  }

  /** A cleared conversation (M10) drops what it showed live, as the stored history goes. */
  clear(conversationId: string): void {
    this.rings.delete(conversationId);
  }
}
