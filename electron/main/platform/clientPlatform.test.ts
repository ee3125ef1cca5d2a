import { describe, expect, it } from 'vitest';
import { Platform } from '../../../shared/protocol';
import { clientPlatform } from './clientPlatform';

describe('clientPlatform', () => {
  it('names the desktop OS the way the protocol (and Tencent) does', () => {
    expect(clientPlatform('win32')).toBe('Windows');
    expect(clientPlatform('darwin')).toBe('Mac');
    expect(clientPlatform('linux')).toBe('Linux');
    expect(clientPlatform('aix')).toBe('Unknown');
    for (const os of ['win32', 'darwin', 'linux', 'sunos'] as const) expect(Platform.safeParse(clientPlatform(os)).success).toBe(true);
  });
});
