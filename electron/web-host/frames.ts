import { z } from 'zod';
import type { EventChannel } from '../../shared/ipc';
import type { IpcResult } from '../../shared/ipc';

/**
 * The WebSocket protocol between the page and its web host: the same
 * contract as Electron's IPC, framed as JSON.
 *   page → host  { id, channel, input }
 *   host → page  { id, result }        (the reply to that id)
 *   host → page  { event, payload }    (a core event, to every open tab)
 */
export const RequestFrame = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  channel: z.string().max(64),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export interface ReplyFrame {
  id: RequestFrame['id'];
  result: IpcResult<unknown>;
}

export interface EventFrame {
  event: EventChannel;
  payload: unknown;
}

/** Parses one text frame; `null` for anything that is not a well-formed request. */
export function parseRequestFrame(text: string): RequestFrame | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = RequestFrame.safeParse(json);
  return parsed.success ? parsed.data : null;
}
