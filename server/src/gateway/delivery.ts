import { type KickReason, type PushName, type PushPayload } from '../../../shared/protocol';
import { KICK_MESSAGES } from './kick';
import { type AppServer, userRoom } from './types';
import { type WriteCoalescer } from './writeCoalescer';

/**
 * How services reach connected devices without knowing about socket.io.
 * Rooms make this work unchanged with a multi-node adapter later.
 */
export interface Delivery {
  toUser<N extends PushName>(userId: string, event: N, payload: PushPayload<N>, options?: { exceptSocketId?: string }): void;
  /** Tells every device of the user why (`session:kicked` with the code), then closes their sockets (kick, deletion). */
  endSessions(userId: string, code: KickReason): void;
}

/**
 * Pushes through socket.io rooms. With the in-memory adapter (one node) a room
 * without any other socket is skipped outright: encoding a packet nobody will
 * receive is a measurable share of a send. A multi-node adapter must drop that
 * shortcut, since the room's other members may live on other nodes.
 */
export function socketDelivery(io: AppServer, coalescer?: WriteCoalescer): Delivery {
  const namespace = io.of('/');
  const localRooms = namespace.adapter.rooms;
  return {
    toUser(userId, event, payload, options) {
      const members = localRooms.get(userRoom(userId));
      if (!members || members.size === 0) return;
      if (options?.exceptSocketId && members.size === 1 && members.has(options.exceptSocketId)) return;
      if (coalescer) {
        for (const socketId of members) {
          const socket = socketId === options?.exceptSocketId ? undefined : namespace.sockets.get(socketId);
          if (socket) coalescer.hold(socket);
        }
      }
      const target = options?.exceptSocketId ? io.to(userRoom(userId)).except(options.exceptSocketId) : io.to(userRoom(userId));
      // The event map's conditional types cannot follow a generic event name; the signature above keeps callers exact.
      (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    endSessions(userId, code) {
      io.to(userRoom(userId)).emit('session:kicked', { reason: KICK_MESSAGES[code], code });
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}
