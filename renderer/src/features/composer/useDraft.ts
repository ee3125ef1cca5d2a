import { useEffect, useRef } from 'react';
import type { ConversationId } from '../../../../shared/domain';
import { useChatStore } from '../../state';

/** How long the composer waits after the last keystroke before the core keeps the draft. */
export const DRAFT_SAVE_DELAY_MS = 600;

/**
 * M12: the composer's text is kept as the conversation's draft (in the core's
 * store, so it survives a restart): shortly after typing stops, and at once
 * when the conversation closes. Paused while `paused` (editing a sent message).
 */
export function useDraft(conversationId: ConversationId, text: string, paused: boolean): void {
  const draftChanged = useChatStore((s) => s.draftChanged);
  const latest = useRef({ text, paused });
  useEffect(() => {
    latest.current = { text, paused };
  });

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => void draftChanged(conversationId, text), DRAFT_SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [conversationId, text, paused, draftChanged]);

  useEffect(
    () => () => {
      if (!latest.current.paused) void draftChanged(conversationId, latest.current.text);
    },
    [conversationId, draftChanged],
  );
}
