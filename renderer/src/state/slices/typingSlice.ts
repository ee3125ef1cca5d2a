import type { ConversationId, UserId } from '../../../../shared/domain';
import type { EventPayload } from '../../../../shared/ipc';
import type { Slice } from '../types';

/** A typing notice fades unless renewed: the peer may vanish without saying they stopped. */
export const TYPING_VISIBLE_MS = 6000;
/** The composer tells the peer at most this often while the person keeps typing. */
export const TYPING_NOTIFY_EVERY_MS = 3000;

export interface TypingSlice {
  typing: Partial<Record<ConversationId, UserId>>;
  typingChanged(change: EventPayload<'typing:changed'>): void;
  peerStoppedTyping(conversationId: ConversationId): void;
  /** The person typed in the composer. */
  composerTyped(conversationId: ConversationId): void;
  /** The person sent what they typed: the peer's indicator went away, so the next keystroke tells them again. */
  composerSent(conversationId: ConversationId): void;
}

export const createTypingSlice: Slice<TypingSlice> = ({ api, now, setTimer, clearTimer }) => (set, get) => {
  const expiry = new Map<ConversationId, unknown>();
  const lastNotified = new Map<ConversationId, number>();

  function clearExpiry(conversationId: ConversationId): void {
    const handle = expiry.get(conversationId);
    if (handle !== undefined) clearTimer(handle);
    expiry.delete(conversationId);
  }

  return {
    typing: {},

    typingChanged({ conversationId, userId, typing }) {
      clearExpiry(conversationId);
      if (!typing) {
        get().peerStoppedTyping(conversationId);
        return;
      }
      set({ typing: { ...get().typing, [conversationId]: userId } });
      expiry.set(conversationId, setTimer(() => get().peerStoppedTyping(conversationId), TYPING_VISIBLE_MS));
    },

    peerStoppedTyping(conversationId) {
      clearExpiry(conversationId);
      if (get().typing[conversationId] === undefined) return;
      const { [conversationId]: _gone, ...rest } = get().typing;
      set({ typing: rest });
    },

    composerTyped(conversationId) {
      const at = now();
      if (at - (lastNotified.get(conversationId) ?? -Infinity) < TYPING_NOTIFY_EVERY_MS) return;
      lastNotified.set(conversationId, at);
      // Typing is best effort (M9: online only, never stored); a failure is not worth a word.
      void api.invoke('typing:notify', { conversationId });
    },

    composerSent(conversationId) {
      lastNotified.delete(conversationId);
    },
  };
};
