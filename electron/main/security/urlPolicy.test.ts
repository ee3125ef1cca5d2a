import { describe, expect, it, vi } from 'vitest';
import { openExternalSafely } from './openExternalSafely';
import { isAllowedExternalUrl, isAppUrl, toSafeExternalUrl } from './urlPolicy';

describe('isAllowedExternalUrl', () => {
  it.each(['https://example.com/a?b=1#c', 'http://example.com', 'mailto:alice@example.com', 'HTTPS://EXAMPLE.COM/'])(
    'D1 lets %s open in the system browser',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'ms-appinstaller:?source=https://evil.example/x.appx',
    'ms-officecmd:{}',
    'smb://evil.example/share',
    'app://chat/index.html',
    'https://user:pass@example.com/',
    'https://',
    ' javascript:alert(1)',
    'not a url',
    '',
  ])('D1 refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('re-serialises what it allows, so the OS receives the parsed URL', () => {
    expect(toSafeExternalUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
  });
});

describe('isAppUrl', () => {
  it('compares parsed origins, so look-alike prefixes do not pass', () => {
    expect(isAppUrl('app://chat/index.html#/x', 'app://chat')).toBe(true);
    expect(isAppUrl('app://chat.evil.example/', 'app://chat')).toBe(false);
    expect(isAppUrl('app://chatx/', 'app://chat')).toBe(false);
    expect(isAppUrl('https://app//chat', 'app://chat')).toBe(false);
  });
});

describe('openExternalSafely', () => {
  const log = { warn: vi.fn() };

  it('D1 hands only allowed, normalised URLs to the shell', async () => {
    const open = vi.fn(async () => {});
    expect(await openExternalSafely(open, 'https://Example.com/x', log)).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.com/x');
  });

  it('D1 never calls the shell for a refused URL, and logs instead of throwing', async () => {
    const open = vi.fn(async () => {});
    expect(await openExternalSafely(open, 'file:///etc/passwd', log)).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();
  });

  it('reports a shell failure as false', async () => {
    const open = vi.fn(async () => {
      throw new Error('no browser');
    });
    expect(await openExternalSafely(open, 'https://example.com', log)).toBe(false);
  });
});
