import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../core';
import { appCsp, appResponseHeaders } from './csp';

describe('appCsp', () => {
  it("D1 is the hosts' one strict policy with no extra origin but the core's media, form-action 'none' included", () => {
    expect(appCsp()).toBe(buildCsp({ connectSrc: [], mediaSrc: ['app-media://media'] }));
    expect(appCsp()).toContain("connect-src 'self';");
    expect(appCsp()).toContain("form-action 'none'");
    expect(appCsp()).not.toMatch(/unsafe-eval|\*|https?:|wss?:/);
  });

  it('is sent with nosniff and no framing on every app:// reply', () => {
    expect(appResponseHeaders()).toMatchObject({ 'Content-Security-Policy': appCsp(), 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });
});
