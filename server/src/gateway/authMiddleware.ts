import { type ErrorShape } from '../../../shared/errors';
import { toAckError } from '../errors';
import { type AuthService } from '../features/auth/auth.service';
import { type DevicesService } from '../features/devices/devices.service';
import { KICK_MESSAGES } from './kick';
import { type Logger } from '../logger';
import { type AppServer } from './types';

/** A connect_error whose `data` tells clients a permanent refusal from a network failure. */
export class HandshakeRefusal extends Error {
  readonly data: ErrorShape;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'HandshakeRefusal';
    this.data = shape;
  }
}

/**
 * A2: every (re)connection presents a UserSig; a refusal carries `{ code, message }`. A5: a device that was pushed
 * out or signed out and comes back with its instanceId is refused `kicked` (with the kick's text), for good.
 */
export function useHandshakeAuth(io: AppServer, auth: AuthService, log: Logger, devices?: DevicesService): void {
  io.use((socket, next) => {
    auth
      .authenticateHandshake(socket.handshake.auth, socket.handshake.address)
      .then((data) => {
        const kicked = devices?.refusal(data.userId, data.instanceId) ?? null;
        if (kicked !== null) {
          log.debug({ userId: data.userId, code: kicked }, 'handshake of a pushed-out device refused');
          next(new HandshakeRefusal({ code: 'kicked', message: KICK_MESSAGES[kicked] }));
          return;
        }
        socket.data = data;
        next();
      })
      .catch((error: unknown) => {
        const shape = toAckError(error, log, { phase: 'handshake' });
        log.debug({ code: shape.code, address: socket.handshake.address }, 'handshake refused');
        next(new HandshakeRefusal(shape));
      });
  });
}
