import { describe, expect, it } from 'vitest';
import { isSendKey } from './sendKey';

const enter = { key: 'Enter', shiftKey: false, keyCode: 13 };

describe('isSendKey', () => {
  it('sends on a plain Enter', () => {
    expect(isSendKey(enter)).toBe(true);
  });

  it('never sends on an Enter that confirms an IME candidate', () => {
    expect(isSendKey({ ...enter, isComposing: true })).toBe(false);
    expect(isSendKey({ ...enter, keyCode: 229 })).toBe(false);
    expect(isSendKey({ key: 'Process', shiftKey: false, keyCode: 229 })).toBe(false);
  });

  it('keeps Shift+Enter (and other modified Enters) for new lines', () => {
    expect(isSendKey({ ...enter, shiftKey: true })).toBe(false);
    expect(isSendKey({ ...enter, altKey: true })).toBe(false);
    expect(isSendKey({ key: 'a', shiftKey: false })).toBe(false);
  });
});
