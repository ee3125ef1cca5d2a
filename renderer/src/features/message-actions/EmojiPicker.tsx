import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ALL_EMOJI, emojiUsed, frequentEmojis, usageStore } from './frequentEmojis';
import { placeNear, type MenuAnchor } from './PopupMenu';

interface EmojiPickerProps {
  anchor: MenuAnchor;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** M13: the person's frequent reactions in one row, every other emoji below; arrows move, Esc closes. */
export function EmojiPicker({ anchor, onPick, onClose }: EmojiPickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  const [frequent] = useState(() => frequentEmojis(usageStore()));

  useLayoutEffect(() => {
    returnFocus.current = document.activeElement;
    const panel = ref.current;
    if (!panel) return;
    setPosition(placeNear(anchor, panel.getBoundingClientRect()));
    panel.querySelector<HTMLElement>('button')?.focus();
  }, [anchor]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onEscape, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onEscape, true);
    };
  }, [onClose]);

  const close = () => {
    onClose();
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  const pick = (emoji: string) => {
    emojiUsed(usageStore(), emoji);
    close();
    onPick(emoji);
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 10, ArrowUp: -10 }[event.key];
    if (step === undefined || index < 0) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, index + step))]?.focus();
  };

  const button = (emoji: string, key: string) => (
    <button key={key} type="button" className="emoji-picker__emoji" aria-label={t('actions.reactWith', { emoji })} title={emoji} onClick={() => pick(emoji)}>
      {emoji}
    </button>
  );

  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-label={t('actions.emojiPicker')}
      className="emoji-picker"
      style={position ?? { visibility: 'hidden', left: 0, top: 0 }}
      onKeyDown={onKeyDown}
    >
      <div role="group" aria-label={t('actions.frequent')} className="emoji-picker__frequent">
        {frequent.map((emoji) => button(emoji, `f-${emoji}`))}
      </div>
      <p className="emoji-picker__heading" aria-hidden="true">
        {t('actions.allEmoji')}
      </p>
      <div role="group" aria-label={t('actions.allEmoji')} className="emoji-picker__grid">
        {ALL_EMOJI.map((emoji) => button(emoji, `a-${emoji}`))}
      </div>
    </div>,
    document.body,
  );
}
