import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('buildCsp', () => {
  it('D1 is exactly the strict policy: self-only scripts and connections, no plugins, no framing, no form targets', () => {
    expect(buildCsp({ connectSrc: [] })).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('D1 adds only the given origins to connect-src, and nothing else anywhere', () => {
    const withBridge = buildCsp({ connectSrc: ['ws://127.0.0.1:5173'] });
    const policy = directives(withBridge);
    expect(policy.get('connect-src')).toBe("'self' ws://127.0.0.1:5173");
    expect(policy.get('script-src')).toBe("'self'");
    expect(withBridge.replace(" ws://127.0.0.1:5173", '')).toBe(buildCsp({ connectSrc: [] }));
    expect(withBridge).not.toMatch(/unsafe-eval|\*/);
  });

  it('M1 adds the media origin to img-src and media-src only, and refuses anything but a bare origin there', () => {
    const policy = directives(buildCsp({ connectSrc: [], mediaSrc: ['app-media://media'] }));
    expect(policy.get('img-src')).toBe("'self' data: blob: app-media://media");
    expect(policy.get('media-src')).toBe("'self' blob: app-media://media");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('default-src')).toBe("'self'");
    for (const bad of ['*', 'app-media://media; script-src *', 'app-media://media/x', "'unsafe-inline'"]) {
      expect(() => buildCsp({ connectSrc: [], mediaSrc: [bad] }), bad).toThrow(/Not an origin/);
    }
  });

  it('refuses a source that is not a bare origin (it could end the directive or widen it)', () => {
    for (const bad of ['*', "ws://a; script-src 'unsafe-inline'", 'ws://a b', "'unsafe-eval'", 'ws://host/path', 'javascript:alert(1)']) {
      expect(() => buildCsp({ connectSrc: [bad] }), bad).toThrow(/Not an origin/);
    }
    expect(buildCsp({ connectSrc: ['ws://[::1]:8080', 'wss://chat.example.com'] })).toContain("connect-src 'self' ws://[::1]:8080 wss://chat.example.com");
  });
});
