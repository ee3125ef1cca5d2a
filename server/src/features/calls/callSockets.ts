import { type AppServer, type AppSocket, userRoom } from '../../gateway/types';
import { type CallSockets } from './calls.service';
import { deviceIdOf } from './calls.handlers';

/** One node: a device's sockets are the ones in its user's room that carry its device ID. */
export function socketCallSockets(io: AppServer): CallSockets {
  const namespace = io.of('/');
  const socketsOf = (userId: string, deviceId: string): AppSocket[] => {
    const found: AppSocket[] = [];
    for (const socketId of namespace.adapter.rooms.get(userRoom(userId)) ?? []) {
      const socket = namespace.sockets.get(socketId);
      if (socket?.connected && deviceIdOf(socket) === deviceId) found.push(socket);
    }
    return found;
  };
  return {
    signalDevice(userId, deviceId, payload) {
      // The newest socket of the device (an older one is about to be replaced by it).
      const socket = socketsOf(userId, deviceId).at(-1);
      if (!socket) return false;
      socket.emit('call:signal', payload);
      return true;
    },
    deviceConnected: (userId, deviceId) => socketsOf(userId, deviceId).length > 0,
  };
}
