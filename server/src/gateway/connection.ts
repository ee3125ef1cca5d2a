import { type KickReason } from '../../../shared/protocol';
import { type Clock } from '../clock';
import { type DevicesService } from '../features/devices/devices.service';
import { type PresenceService } from '../features/presence/presence.service';
import { type Logger } from '../logger';
import { type AnyHandler, createDispatcher } from './defineHandler';
import { KICK_MESSAGES } from './kick';
import { type RequestLimits } from './requestBudget';
import { type SessionExpiry } from './sessionExpiry';
import { type AppServer, type AppSocket, type SocketData, userRoom } from './types';
import { type WriteCoalescer } from './writeCoalescer';

export interface ConnectionDeps {
  presence: PresenceService;
  /** A5: device list and the multi-device policy. */
  devices: DevicesService;
  handlers: readonly AnyHandler[];
  log: Logger;
  coalescer?: WriteCoalescer;
  /** Per-connection request budgets; DEFAULT_REQUEST_LIMITS by default. */
  limits?: RequestLimits;
  clock?: Clock;
  expiry: SessionExpiry;
  /**
   * Asked once the socket is in its user's room: why the session must end
   * after all (a kick or deletion that ran during the handshake), or null.
   */
  sessionEnded(data: SocketData): Promise<KickReason | null>;
  /** ADR 0004: puts the new socket in the rooms of the groups it receives pushes from. */
  joinRooms?(socket: AppSocket): Promise<void>;
}

/**
 * Wires every authenticated socket: its user's room, presence, expiry and the
 * request dispatcher. Listeners are shared functions (socket.io passes the
 * socket as `this`), so an idle connection costs no closures of ours.
 */
export function handleConnections(io: AppServer, deps: ConnectionDeps): void {
  const onEvent = createDispatcher(deps.handlers, deps.log, { coalescer: deps.coalescer, limits: deps.limits, clock: deps.clock });
  const onDisconnect = function (this: AppSocket): void {
    deps.expiry.untrack(this);
    deps.presence.socketDisconnected(this.data.userId, this.id);
    deps.devices.left(this);
  };
  io.on('connection', (socket) => {
    const { userId, platform } = socket.data;
    // Neither the UserSig nor the HTTP upgrade request is needed once connected;
    // dropping them frees memory on every idle socket (socket.io docs, "Memory usage").
    socket.handshake.auth = {};
    if (socket.conn.transport.name === 'websocket') (socket.conn as unknown as { request: unknown }).request = null;
    void socket.join(userRoom(userId));
    deps.joinRooms?.(socket).catch((error: unknown) => deps.log.error({ err: error, userId }, 'joining group rooms failed'));
    socket.onAny(onEvent);
    socket.on('disconnect', onDisconnect);
    deps.expiry.track(socket);
    deps.presence.socketConnected(userId, socket.id, platform);
    // A5: after presence counts the newcomer, so pushing the last other device out does not flap the user offline.
    deps.devices.admit(socket);
    // From here on a kick reaches this socket through the room; one that committed
    // between the handshake's check and the join is caught by asking again.
    deps
      .sessionEnded(socket.data)
      .then((reason) => {
        if (reason === null || socket.disconnected) return;
        socket.emit('session:kicked', { reason: KICK_MESSAGES[reason], code: reason });
        socket.disconnect(true);
      })
      .catch((error: unknown) => deps.log.error({ err: error, userId }, 're-checking a new session failed'));
  });
}
