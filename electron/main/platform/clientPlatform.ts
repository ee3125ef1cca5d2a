import type { Platform } from '../../../shared/protocol';

/** The device type the server records for this client, in Tencent's names (shared/protocol Platform). */
export function clientPlatform(nodePlatform: NodeJS.Platform): Platform {
  switch (nodePlatform) {
    case 'win32':
      return 'Windows';
    case 'darwin':
      return 'Mac';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'Linux';
    default:
      return 'Unknown';
  }
}
