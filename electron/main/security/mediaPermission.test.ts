import { describe, expect, it } from 'vitest';
import { decideMediaPermission } from './mediaPermission';
import { isPermissionGranted } from './permissions';

const app = 'app://chat';

describe('media permission (D1 with calls)', () => {
  it('grants camera and microphone to the app page while a call wants them', () => {
    expect(decideMediaPermission({ requestingUrl: 'app://chat/index.html', permission: 'media', appOrigin: app, callActive: true })).toBe(true);
    expect(decideMediaPermission({ requestingUrl: 'app://chat', permission: 'media', appOrigin: app, callActive: true })).toBe(true);
    expect(isPermissionGranted('media', 'app://chat/index.html', app, true)).toBe(true);
  });

  it('refuses them between calls, even to the app page', () => {
    expect(decideMediaPermission({ requestingUrl: 'app://chat/index.html', permission: 'media', appOrigin: app, callActive: false })).toBe(false);
    expect(isPermissionGranted('media', 'app://chat/index.html', app, false)).toBe(false);
    expect(isPermissionGranted('media', 'app://chat/index.html', app)).toBe(false);
  });

  it('refuses them to any other origin, during a call too', () => {
    for (const url of ['https://example.com/', 'app://chat.evil/', 'http://127.0.0.1:5173/', 'file:///etc/passwd', '', undefined]) {
      expect(decideMediaPermission({ requestingUrl: url, permission: 'media', appOrigin: app, callActive: true }), String(url)).toBe(false);
    }
  });

  it('grants nothing else because of a call (screen capture, geolocation…)', () => {
    for (const permission of ['display-capture', 'geolocation', 'openExternal', 'clipboard-read', 'midiSysex', 'hid', 'usb', 'serial', 'fullscreen']) {
      expect(decideMediaPermission({ requestingUrl: 'app://chat/index.html', permission, appOrigin: app, callActive: true }), permission).toBe(false);
      expect(isPermissionGranted(permission, 'app://chat/index.html', app, true), permission).toBe(false);
    }
  });

  it('keeps notifications as before, call or not', () => {
    expect(isPermissionGranted('notifications', 'app://chat/index.html', app, false)).toBe(true);
    expect(isPermissionGranted('notifications', 'https://example.com/', app, true)).toBe(false);
  });

  it('follows a dev server origin when that is the app', () => {
    expect(decideMediaPermission({ requestingUrl: 'http://localhost:5173/', permission: 'media', appOrigin: 'http://localhost:5173', callActive: true })).toBe(true);
  });
});
