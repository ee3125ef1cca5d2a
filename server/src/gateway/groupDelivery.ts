import { type PushName, type PushPayload } from '../../../shared/protocol';
import { type AppServer, groupRoom, userRoom } from './types';
import { type WriteCoalescer } from './writeCoalescer';

/**
 * Group pushes and room membership (ADR 0004 §3 "Fan-out without per-recipient writes"): a message to a
 * group is emitted once to `group:<id>` (socket.io encodes a broadcast once), never per member. Apart from
 * Delivery so the one-to-one fakes need not grow.
 */
export interface GroupDelivery {
  /** `exceptSocketId`: the sender's origin socket (it has the ack); `exceptUserIds`: members who discard this conversation. */
  toGroup<N extends PushName>(
    groupId: string,
    event: N,
    payload: PushPayload<N>,
    options?: { exceptSocketId?: string; exceptUserIds?: readonly string[] },
  ): void;
  /** The users' connected sockets start receiving the group's pushes. */
  join(groupId: string, userIds: readonly string[]): void;
  leave(groupId: string, userIds: readonly string[]): void;
  /** Disband: every socket leaves the room. */
  dissolve(groupId: string): void;
  /** Sockets in the room right now (benchmarks, tests). */
  socketCount(groupId: string): number;
}

/** Above this many sockets the write coalescer is skipped: holding every socket costs more than it saves. */
const COALESCE_LIMIT = 200;

export function socketGroupDelivery(io: AppServer, coalescer?: WriteCoalescer): GroupDelivery {
  const namespace = io.of('/');
  const rooms = namespace.adapter.rooms;
  return {
    toGroup(groupId, event, payload, options) {
      const room = groupRoom(groupId);
      const members = rooms.get(room);
      if (!members || members.size === 0) return;
      if (coalescer && members.size <= COALESCE_LIMIT) {
        for (const socketId of members) {
          const socket = socketId === options?.exceptSocketId ? undefined : namespace.sockets.get(socketId);
          if (socket) coalescer.hold(socket);
        }
      }
      const except = [...(options?.exceptSocketId ? [options.exceptSocketId] : []), ...(options?.exceptUserIds ?? []).map(userRoom)];
      const target = except.length > 0 ? io.to(room).except(except) : io.to(room);
      // The event map's conditional types cannot follow a generic event name; the signature above keeps callers exact.
      (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    join(groupId, userIds) {
      if (userIds.length > 0) io.in(userIds.map(userRoom)).socketsJoin(groupRoom(groupId));
    },
    leave(groupId, userIds) {
      if (userIds.length > 0) io.in(userIds.map(userRoom)).socketsLeave(groupRoom(groupId));
    },
    dissolve(groupId) {
      io.in(groupRoom(groupId)).socketsLeave(groupRoom(groupId));
    },
    socketCount(groupId) {
      return rooms.get(groupRoom(groupId))?.size ?? 0;
    },
  };
}
