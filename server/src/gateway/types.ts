import { type Server, type Socket } from 'socket.io';
import { type ClientToServerEvents, type Platform, type ServerToClientEvents } from '../../../shared/protocol';

/** What the auth middleware records on every accepted socket. */
export interface SocketData {
  userId: string;
  platform: Platform;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every socket of a user joins this room, so one emit reaches all their devices. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}
