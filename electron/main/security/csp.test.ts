import { describe, expect, it } from 'vitest';
import { appResponseHeaders, buildCsp } from './csp';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/);
    return [name, values.join(' ')] as const;
  }));
}

describe('buildCsp', () => {
  it('D1 is exactly the strict policy: self-only scripts and connections, no plugins, no framing', () => {
    expect(buildCsp()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('D1 never allows inline or evaluated scripts, or connections to other origins', () => {
    const policy = directives(buildCsp());
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(buildCsp()).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('is sent with nosniff on every app:// reply', () => {
    expect(appResponseHeaders()).toMatchObject({ 'Content-Security-Policy': buildCsp(), 'X-Content-Type-Options': 'nosniff' });
  });
});
