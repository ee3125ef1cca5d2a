import { type PresenceService } from '../features/presence/presence.service';
import { type Logger } from '../logger';
import { type AnyHandler, createDispatcher } from './defineHandler';
import { type AppServer, type AppSocket, userRoom } from './types';
import { type WriteCoalescer } from './writeCoalescer';

/**
 * Wires every authenticated socket: its user's room, presence, and the request
 * dispatcher. Listeners are shared functions (socket.io passes the socket as
 * `this`), so an idle connection costs no closures of ours.
 */
export function handleConnections(
  io: AppServer,
  deps: { presence: PresenceService; handlers: readonly AnyHandler[]; log: Logger; coalescer?: WriteCoalescer },
): void {
  const onEvent = createDispatcher(deps.handlers, deps.log, deps.coalescer);
  const onDisconnect = function (this: AppSocket): void {
    deps.presence.socketDisconnected(this.data.userId, this.id);
  };
  io.on('connection', (socket) => {
    const { userId, platform } = socket.data;
    // Neither the UserSig nor the HTTP upgrade request is needed once connected;
    // dropping them frees memory on every idle socket (socket.io docs, "Memory usage").
    socket.handshake.auth = {};
    if (socket.conn.transport.name === 'websocket') (socket.conn as unknown as { request: unknown }).request = null;
    void socket.join(userRoom(userId));
    socket.onAny(onEvent);
    socket.on('disconnect', onDisconnect);
    deps.presence.socketConnected(userId, socket.id, platform);
  });
}
