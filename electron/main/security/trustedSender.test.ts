import { describe, expect, it } from 'vitest';
import { isTrustedSender, isTrustedSenderUrl } from './trustedSender';

const top = (url: string, extra: Partial<{ parent: unknown; detached: boolean }> = {}) => ({
  senderFrame: { url, parent: null, detached: false, ...extra },
});

describe('isTrustedSender', () => {
  it('D1 trusts the app origin top-level frame', () => {
    expect(isTrustedSender(top('app://chat/index.html'), 'app://chat')).toBe(true);
  });

  it('D1 refuses other origins, including look-alikes', () => {
    for (const url of ['https://example.com/', 'app://chat.evil/', 'app://evil/chat', 'file:///app/index.html', 'about:blank', '']) {
      expect(isTrustedSender(top(url), 'app://chat')).toBe(false);
    }
  });

  it('D1 refuses sub-frames, detached frames and a missing frame', () => {
    expect(isTrustedSender(top('app://chat/index.html', { parent: {} }), 'app://chat')).toBe(false);
    expect(isTrustedSender(top('app://chat/index.html', { detached: true }), 'app://chat')).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, 'app://chat')).toBe(false);
  });

  it('D1 refuses a disposed frame whose properties throw', () => {
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed, 'app://chat')).toBe(false);
  });
});

describe('isTrustedSenderUrl', () => {
  it('compares the parsed origin', () => {
    expect(isTrustedSenderUrl('app://chat/a/b?c#d', 'app://chat')).toBe(true);
    expect(isTrustedSenderUrl('app://chat:1234/', 'app://chat')).toBe(false);
  });
});
