import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

describe('isPermissionGranted', () => {
  it('D1 grants notifications to the app page', () => {
    expect(isPermissionGranted('notifications', 'app://chat/index.html', 'app://chat')).toBe(true);
    expect(isPermissionGranted('notifications', 'app://chat', 'app://chat')).toBe(true);
  });

  it('D1 refuses notifications to any other origin', () => {
    expect(isPermissionGranted('notifications', 'https://example.com/', 'app://chat')).toBe(false);
    expect(isPermissionGranted('notifications', 'app://chat.evil/', 'app://chat')).toBe(false);
    expect(isPermissionGranted('notifications', undefined, 'app://chat')).toBe(false);
    expect(isPermissionGranted('notifications', '', 'app://chat')).toBe(false);
  });

  it.each(['media', 'geolocation', 'openExternal', 'clipboard-read', 'display-capture', 'midiSysex', 'hid', 'usb', 'serial', 'fullscreen', 'unknown'])(
    'D1 refuses %s to the app page when no call wants it',
    (permission) => expect(isPermissionGranted(permission, 'app://chat/index.html', 'app://chat')).toBe(false),
  );
});
