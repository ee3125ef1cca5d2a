import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, originOf, resolveRendererTarget } from './appOrigin';

describe('resolveRendererTarget', () => {
  it('D1 loads app://chat in a packaged app, whatever the environment says', () => {
    expect(resolveRendererTarget({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual({
      entryUrl: APP_ENTRY_URL,
      origin: APP_ORIGIN,
    });
  });

  it('uses a loopback Vite server during development', () => {
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      entryUrl: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173' }).origin).toBe('http://127.0.0.1:5173');
  });

  it('D1 never trusts a remote or non-http development URL', () => {
    for (const devServerUrl of ['http://evil.example:5173/', 'https://localhost.evil.example/', 'file:///tmp/index.html', 'javascript:alert(1)', 'nonsense']) {
      expect(resolveRendererTarget({ isPackaged: false, devServerUrl }).origin).toBe(APP_ORIGIN);
    }
  });
});

describe('originOf', () => {
  it('composes scheme and host, including ports, for custom schemes', () => {
    expect(originOf('app://chat/index.html#/c/1')).toBe('app://chat');
    expect(originOf('app://chat:80/')).toBe('app://chat:80');
    expect(originOf('app://chat.evil/')).toBe('app://chat.evil');
    expect(originOf('https://example.com/a?b')).toBe('https://example.com');
  });

  it('returns null for URLs without a host or that do not parse', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
