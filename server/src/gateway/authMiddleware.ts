import { type ErrorShape } from '../../../shared/errors';
import { toAckError } from '../errors';
import { type AuthService } from '../features/auth/auth.service';
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

/** A2: every (re)connection presents a UserSig; a refusal carries `{ code, message }`. */
export function useHandshakeAuth(io: AppServer, auth: AuthService, log: Logger): void {
  io.use((socket, next) => {
    auth
      .authenticateHandshake(socket.handshake.auth, socket.handshake.address)
      .then((data) => {
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
