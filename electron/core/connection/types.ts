import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/protocol';

/** A socket.io client socket typed with the shared protocol's event maps. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectOptions = Partial<ManagerOptions & SocketOptions>;

/** Makes a socket without connecting it; defaults to socket.io-client's `io`. Tests wrap it to reach the socket. */
export type SocketFactory = (url: string, options: ConnectOptions) => ChatSocket;
