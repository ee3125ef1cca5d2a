import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './secureWebPreferences';

describe('secureWebPreferences', () => {
  it('D1 isolates and sandboxes every window, with no Node and full web security', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    });
  });

  it('never sets the options that weaken the renderer', () => {
    const prefs = secureWebPreferences('/p') as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session']) {
      expect(prefs).not.toHaveProperty(risky);
    }
  });
});
