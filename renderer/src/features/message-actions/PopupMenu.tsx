import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './message-actions.css';

export interface MenuItem {
  key: string;
  label: string;
  icon?: ReactNode;
  danger?: boolean;
  onSelect: () => void;
}

/** Where the menu opens: at the pointer (right click) or under a control (keyboard, the "more" button). */
export type MenuAnchor = { x: number; y: number } | { element: HTMLElement };

interface PopupMenuProps {
  label: string;
  items: MenuItem[];
  anchor: MenuAnchor;
  onClose: () => void;
}

const MARGIN = 8;

/** Keeps a popup of size `box` next to its anchor and inside the window. */
export function placeNear(anchor: MenuAnchor, box: { width: number; height: number }): { left: number; top: number } {
  let left: number;
  let top: number;
  if ('element' in anchor) {
    const rect = anchor.element.getBoundingClientRect();
    left = rect.right - box.width;
    top = rect.bottom + 4;
    if (top + box.height > window.innerHeight - MARGIN) top = rect.top - box.height - 4;
  } else {
    left = anchor.x;
    top = anchor.y;
    if (top + box.height > window.innerHeight - MARGIN) top = anchor.y - box.height;
  }
  left = Math.max(MARGIN, Math.min(left, window.innerWidth - box.width - MARGIN));
  top = Math.max(MARGIN, Math.min(top, window.innerHeight - box.height - MARGIN));
  return { left, top };
}

/**
 * A WAI-ARIA menu: focus moves into it, arrows / Home / End move between
 * items, Enter or Space chooses, Escape and Tab close it and focus goes back
 * to where it was. Rendered into <body> so a scrolling list does not clip it.
 */
export function PopupMenu({ label, items, anchor, onClose }: PopupMenuProps) {
  const ref = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  const returnFocus = useRef<Element | null>(null);

  useLayoutEffect(() => {
    returnFocus.current = document.activeElement;
    const menu = ref.current;
    if (!menu) return;
    const { left, top } = placeNear(anchor, menu.getBoundingClientRect());
    setPosition({ left, top });
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [anchor]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onScrollOrResize = () => onClose();
    // Escape closes the menu wherever focus is (a right click may leave it on the row), and goes no further.
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onEscape, true);
    window.addEventListener('resize', onScrollOrResize);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onEscape, true);
      window.removeEventListener('resize', onScrollOrResize);
    };
  }, [onClose]);

  const close = (refocus: boolean) => {
    onClose();
    if (refocus && returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLUListElement>) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => entries[(to + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(entries.length - 1);
        break;
      case 'Tab':
        close(true);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return createPortal(
    <ul
      ref={ref}
      role="menu"
      aria-label={label}
      className="popup-menu"
      style={position ? { left: position.left, top: position.top } : { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <li key={item.key} role="none">
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={`popup-menu__item ${item.danger ? 'popup-menu__item--danger' : ''}`}
            onClick={() => {
              close(true);
              item.onSelect();
            }}
          >
            {item.icon && (
              <span className="popup-menu__icon" aria-hidden="true">
                {item.icon}
              </span>
            )}
            {item.label}
          </button>
        </li>
      ))}
    </ul>,
    document.body,
  );
}
