import type { CDPSession, Page } from 'playwright-core';

/**
 * An input method, driven through Chromium's own IME machinery (DevTools
 * protocol) rather than hand-made events: the composition, and the key
 * events around it, are the browser's, trusted, in the order it produces them.
 */
export class InputMethod {
  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  static async attach(page: Page): Promise<InputMethod> {
    return new InputMethod(page, await page.context().newCDPSession(page));
  }

  /** Shows `steps` as the composition in turn (e.g. pinyin, then the candidate), leaving it open. */
  async compose(...steps: string[]): Promise<void> {
    for (const text of steps) await this.session.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }

  /** A real Enter while the composition is open: Chromium sends it with `isComposing: true`. */
  async pressEnterWhileComposing(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }

  /**
   * The Enter that picks a candidate as Safari (and some IMEs in Chromium)
   * report it: key "Enter" with keyCode 229 and no `isComposing`.
   */
  async pressEnterAsProcessKey(): Promise<void> {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 };
    await this.session.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
    await this.session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }

  /** Commits `text` and ends the composition, as picking a candidate does. */
  async commit(text: string): Promise<void> {
    await this.session.send('Input.insertText', { text });
  }

  async detach(): Promise<void> {
    await this.session.detach();
  }
}
