export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  keyCode?: number;
}

/** Chromium and Safari report this keyCode for keys an input method consumed. */
const IME_PROCESS_KEY = 229;

/**
 * Enter sends; Shift+Enter is a new line. An Enter that confirms an input
 * method candidate (Chinese pinyin, Japanese kana…) must never send: those
 * arrive with `isComposing` set or, in some browsers, only with keyCode 229.
 */
export function isSendKey(event: KeyLike): boolean {
  if (event.key !== 'Enter') return false;
  if (event.isComposing || event.keyCode === IME_PROCESS_KEY) return false;
  return !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
}
