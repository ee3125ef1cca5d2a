import type { ConversationId, UserId } from '../../../../shared/domain';
import type { EventPayload } from '../../../../shared/ipc';
import type { Slice } from '../types';

/**
 * The composer passes keystrokes on at most this often. It only spares the
 * bridge: the core decides how often the server hears of it (M9 throttle).
 */
export const TYPING_NOTIFY_EVERY_MS = 1000;

export interface TypingSlice {
  /**
   * Who is typing in each conversation, exactly as the core reports it. The
   * core owns the indicator (it says `typing: false` when the notices lapse or
   * the typist's message arrives), so the renderer keeps no timer of its own.
   */
  typing: Partial<Record<ConversationId, UserId>>;
  typingChanged(change: EventPayload<'typing:changed'>): void;
  /** The person typed in the composer. */
  composerTyped(conversationId: ConversationId): void;
  /** The person sent what they typed: the next keystroke is passed on at once. */
  composerSent(conversationId: ConversationId): void;
}

export const createTypingSlice: Slice<TypingSlice> = ({ api, now }) => (set, get) => {
  const lastNotified = new Map<ConversationId, number>();

  return {
    typing: {},

    typingChanged({ conversationId, userId, typing }) {
      if (typing) {
        set({ typing: { ...get().typing, [conversationId]: userId } });
        return;
      }
      if (get().typing[conversationId] === undefined) return;
      const { [conversationId]: _stopped, ...rest } = get().typing;
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
