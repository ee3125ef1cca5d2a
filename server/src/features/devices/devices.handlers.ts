import { type AnyHandler, defineHandler } from '../../gateway/defineHandler';
import { type DevicesService } from './devices.service';

export function deviceHandlers(devices: DevicesService): AnyHandler[] {
  return [
    // A5: the asker's connected devices, oldest first, with `current` on the asking one.
    defineHandler('devices:list', async ({ socket, userId }) => ({ devices: devices.list(userId, socket.id) })),
    // A5: signs another device out (session:kicked signed_out_elsewhere; its instanceId is then refused).
    defineHandler('devices:signOut', async ({ socket, userId }, input) => {
      devices.signOut(userId, socket, input.instanceId);
      return {};
    }),
  ];
}
