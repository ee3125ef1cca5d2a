import { describe, expect, it, vi } from 'vitest';
import { createNavigationPolicy } from './navigationPolicy';

function setup(appOrigin = 'app://chat') {
  const openExternal = vi.fn(async () => true);
  const log = { warn: vi.fn() };
  return { policy: createNavigationPolicy({ appOrigin, openExternal, log }), openExternal, log };
}

const event = () => ({ preventDefault: vi.fn() });

describe('createNavigationPolicy', () => {
  it('D1 lets the app navigate within its own origin', () => {
    const { policy } = setup();
    const e = event();
    policy.onNavigate(e, 'app://chat/index.html#/conversations');
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['https://example.com/', 'file:///home/alice/photo.png', 'app://evil/', 'about:blank', 'javascript:alert(1)', 'garbage'])(
    'D1 blocks navigation to %s without opening anything',
    (url) => {
      const { policy, openExternal } = setup();
      const e = event();
      policy.onNavigate(e, url);
      expect(e.preventDefault).toHaveBeenCalledOnce();
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it('D1 never opens a new Electron window, and hands the link to the safe external opener', () => {
    const { policy, openExternal } = setup();
    expect(policy.onWindowOpen({ url: 'https://example.com/docs' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/docs');
    expect(policy.onWindowOpen({ url: 'app://chat/index.html' })).toEqual({ action: 'deny' });
  });

  it('D1 prevents every <webview> from attaching', () => {
    const { policy } = setup();
    const e = event();
    policy.onAttachWebview(e);
    expect(e.preventDefault).toHaveBeenCalledOnce();
  });

  it('uses the development origin when that is what the window loaded', () => {
    const { policy } = setup('http://localhost:5173');
    const inside = event();
    policy.onNavigate(inside, 'http://localhost:5173/');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const appScheme = event();
    policy.onNavigate(appScheme, 'http://localhost:5174/');
    expect(appScheme.preventDefault).toHaveBeenCalled();
  });
});
