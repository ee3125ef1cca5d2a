import { type Server, type Socket } from 'socket.io';
import { type ClientToServerEvents, type Platform, type ServerToClientEvents } from '../../../shared/protocol';
import { type RequestBudget } from './requestBudget';

/** What the auth middleware records on every accepted socket. */
export interface SocketData {
  userId: string;
  platform: Platform;
  /** A5: the client's own name for this running instance (handshake `instanceId`), if it sent one. */
  instanceId?: string;
  /** The UserSig's issue time (Unix seconds): a later revocation cutoff at or past it ends the session. */
  issuedAt: number;
  /** Unix seconds; the UserSig is valid through this second, then the socket is closed. */
  expiresAt: number;
  /** The connection's request rate budget, made on its first request. */
  budget?: RequestBudget;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Every socket of a user joins this room, so one emit reaches all their devices. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Every connected socket of a member joins its group's room (ADR 0004 §3), so a group message is one broadcast. */
export function groupRoom(groupId: string): string {
  return `group:${groupId}`;
}
