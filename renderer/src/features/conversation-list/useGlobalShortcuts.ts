import { useEffect } from 'react';
import { useChatStore } from '../../state';

export interface ShortcutHandlers {
  openSwitcher: () => void;
  openSearch: () => void;
}

/** Whether another layer (a dialog, a menu) should get the key instead. */
function somethingOnTop(): boolean {
  return document.querySelector('dialog[open], [role="menu"]') !== null;
}

/**
 * M12 / M11 keyboard: Ctrl/⌘+K quick switcher, Ctrl/⌘+F search, Alt+↑/↓
 * previous / next conversation, Esc marks the open conversation read,
 * Shift+Esc marks everything read. A key something else handled
 * (defaultPrevented, e.g. Esc cancelling a reply) is left alone.
 */
export function useGlobalShortcuts({ openSwitcher, openSearch }: ShortcutHandlers): void {
  const adjacentConversationSelected = useChatStore((s) => s.adjacentConversationSelected);
  const conversationMarkedRead = useChatStore((s) => s.conversationMarkedRead);
  const allMarkedRead = useChatStore((s) => s.allMarkedRead);
  const activeConversationId = useChatStore((s) => s.activeConversationId);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && !event.altKey && !event.shiftKey && (key === 'k' || key === 'f')) {
        event.preventDefault();
        if (somethingOnTop()) return;
        if (key === 'k') openSwitcher();
        else openSearch();
        return;
      }
      if (somethingOnTop()) return;
      if (event.altKey && !command && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        adjacentConversationSelected(event.key === 'ArrowUp' ? -1 : 1);
        return;
      }
      if (event.key === 'Escape' && !command && !event.altKey) {
        if (event.shiftKey) void allMarkedRead();
        else if (activeConversationId) void conversationMarkedRead(activeConversationId);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openSwitcher, openSearch, adjacentConversationSelected, conversationMarkedRead, allMarkedRead, activeConversationId]);
}
