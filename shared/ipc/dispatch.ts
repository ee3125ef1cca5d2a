import { AppError, toErrorShape, type ErrorShape } from '../errors';
import { isRequestChannel } from './channels';
import { requestSchemas, type IpcHandlers } from './contract';
import type { IpcResult } from './result';

/**
 * The one path every IPC call takes in both hosts: channel allow-list →
 * schema parse → handler → envelope. Hosts add only their transport and
 * sender check around it.
 */
export async function dispatchIpc(
  handlers: IpcHandlers,
  channel: unknown,
  rawInput: unknown,
  onUnexpected: (error: unknown, channel: string) => void,
): Promise<IpcResult<unknown>> {
  if (!isRequestChannel(channel)) return fail({ code: 'bad_request', message: 'Unknown channel.' });
  const parsed = requestSchemas[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail({ code: 'bad_request', message: first?.message ?? 'Invalid input.' });
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (!(error instanceof AppError)) onUnexpected(error, channel);
    return fail(toErrorShape(error));
  }
}

function fail(error: ErrorShape): IpcResult<never> {
  return { ok: false, error };
}
