import { type PresenceService } from '../features/presence/presence.service';
import { type Logger } from '../logger';
import { type AnyHandler, attachHandlers } from './defineHandler';
import { type AppServer, userRoom } from './types';

/** Wires every authenticated socket: its user's room, presence, and the request handlers. */
export function handleConnections(io: AppServer, deps: { presence: PresenceService; handlers: readonly AnyHandler[]; log: Logger }): void {
  io.on('connection', (socket) => {
    const { userId, platform } = socket.data;
    // The HTTP upgrade request is not needed once connected; dropping it saves
    // a few KB per idle socket (socket.io docs, "Memory usage").
    if (socket.conn.transport.name === 'websocket') (socket.conn as unknown as { request: unknown }).request = null;
    void socket.join(userRoom(userId));
    attachHandlers(socket, deps.handlers, deps.log);
    deps.presence.socketConnected(userId, socket.id, platform);
    socket.on('disconnect', () => deps.presence.socketDisconnected(userId, socket.id));
  });
}
