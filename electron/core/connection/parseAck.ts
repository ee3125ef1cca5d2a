import { z } from 'zod';
import { AppError, isErrorCode } from '../../../shared/errors';
import { requestSchemas, type RequestName, type RequestOutput } from '../../../shared/protocol';

const AckEnvelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/**
 * Turns a server's reply into a value or an AppError. Replies are checked against the
 * shared schema like any other input from the network: a server speaking another dialect
 * gets a clear error instead of corrupting the store.
 */
export function parseAck<N extends RequestName>(name: N, reply: unknown): RequestOutput<N> {
  const envelope = AckEnvelope.safeParse(reply);
  if (!envelope.success) throw new AppError('internal', `The server sent a malformed reply to ${name}.`);
  if (!envelope.data.ok) {
    const { code, message } = envelope.data.error;
    throw isErrorCode(code) ? new AppError(code, message) : new AppError('internal', message);
  }
  const output = requestSchemas[name].output.safeParse(envelope.data.data);
  if (!output.success) throw new AppError('internal', `The server's reply to ${name} does not match the protocol.`);
  return output.data as RequestOutput<N>;
}
